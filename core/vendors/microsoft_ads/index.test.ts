import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, type VendorDouble } from '../../doubles/index.js';
import { startDouble } from '../testing/doubles.js';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  runClassifyCases,
  runVendorCases,
} from '../testing/index.js';
import { microsoftAdsCases, microsoftAdsClassifyCases } from './cases.js';
import { microsoftAds } from './index.js';

runVendorCases(microsoftAds.definition, microsoftAdsCases);
runClassifyCases(microsoftAds.definition, microsoftAdsClassifyCases);

describe('Microsoft Advertising double (derived from the declaration)', () => {
  let double: VendorDouble;
  beforeAll(async () => {
    double = await startDouble('microsoft_ads');
  });
  afterAll(() => double.close());
  const settings = () => ({
    tag_id: '343000123',
    access_token: 'ms_secret',
    endpoint_override: double.url,
  });
  const post = (data: unknown[]) =>
    fetch(`${double.url}/v1/343000123/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({ data, continueOnValidationError: true }),
    });

  it('accepts what format produces for a purchase and a page view', async () => {
    const r = await deliverThrough(microsoftAds.definition, settings(), [
      fullPurchase(),
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined }),
    ]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered']);
  });

  it('fails only the bad event inside a 200, which delivery reads back per event', async () => {
    const ok = {
      eventType: 'custom',
      eventName: 'purchase',
      eventTime: 1767268800,
      eventId: 'a',
      userData: { msclkid: 'x' },
    };
    const res = await post([ok, { ...ok, eventId: 'b', eventTime: 1767268800123 }]);
    expect(res.status).toBe(200);
    const body = await res.text();
    const outcomes = microsoftAds.definition.classify(
      { status: 200, headers: {}, body },
      { method: 'POST', url: '', headers: {}, event_ids: ['a', 'b'] },
    );
    expect(outcomes).toMatchObject([
      { status: 'delivered' },
      { status: 'failed', reason: 'eventTime must be Unix seconds' },
    ]);
  });

  it('rejects an unhashed email and a pageLoad without its URL', async () => {
    const base = { eventType: 'custom', eventTime: 1767268800, eventId: 'a' };
    expect(await (await post([{ ...base, userData: { em: 'a@b.c' } }])).text()).toContain(
      'userData.em must be lowercase SHA-256 hex',
    );
    expect(
      await (await post([{ ...base, eventType: 'pageLoad', userData: { msclkid: 'x' } }])).text(),
    ).toContain('eventSourceUrl is required for pageLoad');
  });

  it('refuses a request without the bearer token', async () => {
    const res = await fetch(`${double.url}/v1/343000123/events`, {
      method: 'POST',
      body: '{"data":[]}',
    });
    expect(res.status).toBe(401);
  });

  it('a 429 with Retry-After reaches delivery as a throttled retry', async () => {
    double.once(answers.tooManyRequests(3));
    const r = await deliverThrough(microsoftAds.definition, settings(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 3000 },
    ]);
  });
});
