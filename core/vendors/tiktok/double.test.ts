import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, fullPurchase, makeEvent } from '../testing/index.js';
import { tiktokCases } from './cases.js';
import { startDouble, tiktokAnswers } from './double.js';
import { tiktok } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startDouble({ accessToken: 'tt-secret' });
});
afterAll(async () => {
  await double.close();
});

const settings = () => ({ pixel_code: 'C1234567890ABCDEFG', access_token: 'tt-secret', endpoint_override: double.url });
const H = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';
const good = { event_source: 'web', event_source_id: 'C1', data: [{ event: 'Purchase', event_time: 1767225600, user: { email: H } }] };
const item = (over: Record<string, unknown>) => ({ ...good, data: [{ ...good.data[0], ...over }] });

const rejections: { name: string; path?: string; headers?: Record<string, string>; body: unknown; code: number; message: RegExp }[] = [
  { name: 'a request without the Access-Token header is refused with code 40001', headers: {}, body: good, code: 40001, message: /Access-Token/ },
  { name: 'a request with the wrong Access-Token is refused with code 40001', headers: { 'access-token': 'other' }, body: good, code: 40001, message: /Access-Token/ },
  { name: 'an unhashed email is refused', body: item({ user: { email: 'john@example.com' } }), code: 40002, message: /user\.email/ },
  { name: 'an upper-case digest is refused (TikTok wants lowercase hex)', body: item({ user: { phone: H.toUpperCase() } }), code: 40002, message: /user\.phone/ },
  { name: 'a millisecond event_time is refused', body: item({ event_time: 1767225600123 }), code: 40002, message: /Unix seconds/ },
  { name: 'an ISO string event_time is refused', body: item({ event_time: '2026-01-01T00:00:00Z' }), code: 40002, message: /event_time/ },
  { name: 'a numeric content_id is refused', body: item({ properties: { contents: [{ content_id: 42 }] } }), code: 40002, message: /content_id: Not a valid string/ },
  { name: 'an event_source outside web/app/offline/crm is refused', body: { ...good, event_source: 'website' }, code: 40002, message: /event_source/ },
  { name: 'an empty data array is refused', body: { ...good, data: [] }, code: 40002, message: /data/ },
  { name: 'more than 1000 events in one request are refused', body: { ...good, data: Array.from({ length: 1001 }, () => good.data[0]) }, code: 40002, message: /between 1 and 1000/ },
  { name: 'an event without a name is refused', body: item({ event: '' }), code: 40002, message: /event: Missing/ },
];

describe('TikTok double', () => {
  it.each(tiktokCases.map((c) => [c.name, c] as const))('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(tiktok, { ...(c.settings as object), endpoint_override: double.url }, c.input);
    expect(r.requests.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it.each(rejections)('$name', async ({ path, headers, body, code, message }) => {
    const res = await fetch(double.url + (path ?? '/open_api/v1.3/event/track/'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? { 'access-token': 'tt-secret' }) },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { code: number; message: string };
    expect(answer.code).toBe(code);
    expect(answer.message).toMatch(message);
  });

  it('answers 404 without the trailing slash TikTok requires', async () => {
    const res = await fetch(`${double.url}/open_api/v1.3/event/track`, { method: 'POST', headers: { 'access-token': 'tt-secret' }, body: JSON.stringify(good) });
    expect(res.status).toBe(404);
  });

  it('an injected in-body throttle reaches delivery as a retry', async () => {
    double.once(tiktokAnswers.throttled());
    const r = await deliverThrough(tiktok, settings(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ event_id: 'ORD-1001', status: 'retry', code: 'vendor_throttled' }]);
  });

  it('an injected HTTP 429 carries Retry-After into the outcome', async () => {
    double.once(tiktokAnswers.tooManyRequests(12));
    const r = await deliverThrough(tiktok, settings(), [makeEvent({ type: 'page', event: undefined })]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 12_000 }]);
  });

  it('records the test event code when test mode is on', async () => {
    double.reset();
    await deliverThrough(tiktok, { ...settings(), test_mode: true, test_event_code: 'TEST1' }, [makeEvent({ type: 'page', event: undefined })]);
    expect(double.requests[0]!.json).toMatchObject({ test_event_code: 'TEST1' });
  });
});
