import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, type VendorDouble } from '../../doubles/index.js';
import { startDouble } from '../testing/doubles.js';
import {
  deliverThrough,
  fullPurchase,
  runClassifyCases,
  runVendorCases,
} from '../testing/index.js';
import { X_SETTINGS, xAdsCases, xAdsClassifyCases } from './cases.js';
import { xAds } from './index.js';

runVendorCases(xAds.definition, xAdsCases);
runClassifyCases(xAds.definition, xAdsClassifyCases);

describe('X Ads double (derived from the declaration) and OAuth 1.0a', () => {
  let double: VendorDouble;
  beforeAll(async () => {
    double = await startDouble('x_ads');
  });
  afterAll(() => double.close());
  const purchase = () => fullPurchase({ context: { click_ids: { twclid: 'tw1' } } });

  it('signs each request with OAuth 1.0a HMAC-SHA1 and the double accepts it', async () => {
    double.reset();
    const r = await deliverThrough(
      xAds.definition,
      { ...X_SETTINGS, endpoint_override: double.url },
      [purchase()],
    );
    expect(r.outcomes).toMatchObject([{ status: 'delivered' }]);
    const auth = double.requests[0]!.headers.authorization!;
    expect(auth).toMatch(
      /^OAuth oauth_consumer_key="ck", .*oauth_signature_method="HMAC-SHA1".*oauth_token="at_secret".*oauth_signature="/,
    );
    expect(auth).not.toContain('cs_secret');
    expect(auth).not.toContain('ats_secret');
  });

  it('refuses an unsigned request with 401', async () => {
    const res = await fetch(`${double.url}/12/measurement/conversions/o8z6j`, {
      method: 'POST',
      headers: { authorization: 'Bearer x' },
      body: '{"conversions":[]}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a conversion whose identifier is a plain email', async () => {
    const res = await fetch(`${double.url}/12/measurement/conversions/o8z6j`, {
      method: 'POST',
      headers: { authorization: 'OAuth oauth_signature_method="HMAC-SHA1", oauth_signature="x"' },
      body: JSON.stringify({
        conversions: [
          {
            conversion_time: '2026-01-01T12:00:00.000Z',
            event_id: 'o87ne',
            identifiers: [{ hashed_email: 'a@b.c' }],
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('hashed_email must be lowercase SHA-256 hex');
  });

  it('refuses more than 500 conversions in one request', async () => {
    const c = {
      conversion_time: '2026-01-01T12:00:00.000Z',
      event_id: 'o87ne',
      identifiers: [{ twclid: 't' }],
    };
    const res = await fetch(`${double.url}/12/measurement/conversions/o8z6j`, {
      method: 'POST',
      headers: { authorization: 'OAuth oauth_signature_method="HMAC-SHA1", oauth_signature="x"' },
      body: JSON.stringify({ conversions: Array(501).fill(c) }),
    });
    expect(res.status).toBe(400);
  });

  it('a 429 with Retry-After reaches delivery as a throttled retry', async () => {
    double.once(answers.tooManyRequests(2));
    const r = await deliverThrough(
      xAds.definition,
      { ...X_SETTINGS, endpoint_override: double.url },
      [purchase()],
    );
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 2000 },
    ]);
  });
});
