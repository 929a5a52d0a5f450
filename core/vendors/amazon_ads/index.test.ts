// Amazon Ads end to end through its double (token endpoint beside the API, so the generated
// standard-events test leaves it to this file): every standard event is formatted with a token the
// double issued and accepted; plus the golden cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { STANDARD_EVENTS } from '../spec/standard.js';
import { runClassifyCases, runVendorCases, standardEvent } from '../testing/index.js';
import { cases, classifyCases } from './cases.js';
import { AMAZON_TOKEN_URL, amazonAds } from './index.js';

const def = amazonAds.definition;
runVendorCases(def, cases);
runClassifyCases(def, classifyCases);

describe('amazon_ads through its double', () => {
  let double: VendorDouble;
  let fetcher: typeof fetch;
  beforeAll(async () => {
    double = await amazonAds.double.start!();
    // Login with Amazon's host is fixed in the spec: send its token requests to the double instead.
    fetcher = ((url: string | URL | Request, init?: RequestInit) =>
      fetch(
        String(url as string).replace(new URL(AMAZON_TOKEN_URL).origin, double.url),
        init,
      )) as typeof fetch;
  });
  afterAll(() => double.close());

  it.each([...STANDARD_EVENTS])('%s is delivered with a token the double issued', async (event) => {
    const settings = def.parseSettings({
      ...amazonAds.declaration.test_settings,
      endpoint_override: double.url,
    });
    const { token } = await def.authorize!(settings, fetcher);
    const { requests, skipped } = def.format([standardEvent(event)], settings, {
      testMode: false,
      accessToken: token,
    });
    expect(skipped).toEqual([]);
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    const res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.body !== undefined ? { body: r.body } : {}),
    });
    const body = await res.text();
    expect(amazonAds.double.inBodyProblems(body)).toEqual([]);
    expect(
      def
        .classify({ status: res.status, headers: Object.fromEntries(res.headers), body }, r)
        .map((o) => o.status),
    ).toEqual(['delivered']);
  });

  it('A token the double did not issue is refused as a credentials failure', async () => {
    const settings = def.parseSettings({
      ...amazonAds.declaration.test_settings,
      endpoint_override: double.url,
    });
    const [r] = def.format([standardEvent('purchase')], settings, {
      testMode: false,
      accessToken: 'Atza|forged',
    }).requests;
    const res = await fetch(r!.url, { method: 'POST', headers: r!.headers, body: r!.body! });
    expect(
      def.classify({ status: res.status, headers: {}, body: await res.text() }, r!),
    ).toMatchObject([{ status: 'failed', code: 'vendor_auth' }]);
  });
});
