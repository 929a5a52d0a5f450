import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, FIXED_TIME, fullPurchase } from '../testing/index.js';
import { snapchatCases } from './cases.js';
import { snapchatAnswers, startDouble } from './double.js';
import { snapchat } from './index.js';

const NOW = Date.parse(FIXED_TIME);
let double: VendorDouble;
beforeAll(async () => {
  double = await startDouble({ accessToken: 'snap-secret', now: () => NOW });
});
afterAll(async () => {
  await double.close();
});

const PIXEL = '1ec32188-754e-4be2-8e55-c949a984a39f';
const H = '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345';
const T = Math.floor(NOW / 1000);
const ev = { event_name: 'PURCHASE', event_time: T, action_source: 'WEB', event_source_url: 'https://shop.example.com/', user_data: { em: [H] }, custom_data: { value: 10, currency: 'USD' } };
const withEvent = (over: Record<string, unknown>) => ({ data: [{ ...ev, ...over }] });
const DAY = 86_400;

const rejections: { name: string; path?: string; token?: string | null; body: unknown; status: number; reason?: RegExp }[] = [
  { name: 'a request without access_token is refused with 401', token: null, body: { data: [ev] }, status: 401 },
  { name: 'a request with another access_token is refused with 401', token: 'other', body: { data: [ev] }, status: 401 },
  { name: 'an unhashed email is INVALID', body: withEvent({ user_data: { em: ['john@example.com'] } }), status: 400, reason: /Unhashed PII in user_data.em/ },
  { name: 'a hashed IP address is INVALID', body: withEvent({ user_data: { em: [H], client_ip_address: H } }), status: 400, reason: /hashed IP/ },
  { name: 'a purchase without a currency is INVALID', body: withEvent({ custom_data: { value: 10 } }), status: 400, reason: /PURCHASE needs/ },
  { name: 'an event with only an IP address is INVALID for insufficient PII', body: withEvent({ user_data: { client_ip_address: '203.0.113.7' } }), status: 400, reason: /Snap needs/ },
  { name: 'an event time in microseconds is INVALID', body: withEvent({ event_time: T * 1_000_000 }), status: 400, reason: /seconds or milliseconds/ },
  { name: 'an event older than 37 days is INVALID', body: withEvent({ event_time: T - 38 * DAY }), status: 400, reason: /older than 37 days/ },
  { name: 'an event a day in the future is INVALID', body: withEvent({ event_time: T + DAY }), status: 400, reason: /future/ },
  { name: 'a web event without event_source_url is INVALID', body: withEvent({ event_source_url: undefined }), status: 400, reason: /event_source_url/ },
  { name: 'Meta-style action_source "website" is INVALID', body: withEvent({ action_source: 'website' }), status: 400, reason: /action_source/ },
  { name: 'more than 2000 events are INVALID', body: { data: Array.from({ length: 2001 }, () => ev) }, status: 400, reason: /1 to 2000/ },
  { name: 'the legacy v2 path is not found', path: '/v2/conversion', body: { data: [ev] }, status: 404 },
];

describe('Snapchat double', () => {
  it.each(snapchatCases.filter((c) => !('error' in c.expected) && c.expected.requests.length > 0).map((c) => [c.name, c] as const))(
    'accepts what format produces: %s',
    async (_n, c) => {
      const r = await deliverThrough(snapchat, { ...(c.settings as object), endpoint_override: double.url }, c.input);
      expect(r.outcomes.length).toBeGreaterThan(0);
      expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    },
  );

  it('accepts the same event time in milliseconds', async () => {
    const res = await fetch(`${double.url}/v3/${PIXEL}/events?access_token=snap-secret`, { method: 'POST', body: JSON.stringify(withEvent({ event_time: NOW })) });
    expect(res.status).toBe(200);
  });

  it.each(rejections)('$name', async ({ path, token, body, status, reason }) => {
    const qs = token === null ? '' : `?access_token=${token ?? 'snap-secret'}`;
    const res = await fetch(`${double.url}${path ?? `/v3/${PIXEL}/events/validate`}${qs}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(status);
    if (reason) expect(((await res.json()) as { reason: string }).reason).toMatch(reason);
  });

  it('an injected 429 reaches delivery as a retry with Retry-After', async () => {
    double.once(snapchatAnswers.tooManyRequests(4));
    const r = await deliverThrough(snapchat, { pixel_id: PIXEL, access_token: 'snap-secret', endpoint_override: double.url }, [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 4000 }]);
  });

  it('test mode reaches the validate endpoint and records nothing as live', async () => {
    double.reset();
    const r = await deliverThrough(snapchat, { pixel_id: PIXEL, access_token: 'snap-secret', endpoint_override: double.url, test_mode: true }, [fullPurchase()]);
    expect(double.requests[0]!.path).toBe(`/v3/${PIXEL}/events/validate`);
    expect(r.outcomes).toMatchObject([{ status: 'delivered' }]);
  });
});
