import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, fullPurchase } from '../testing/index.js';
import { ttdCases } from './cases.js';
import { startDouble, ttdAnswers } from './double.js';
import { theTradeDesk } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startDouble();
});
afterAll(async () => {
  await double.close();
});

const TDID = '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const conv = { tracker_id: 'hc7ihke', adv: 'abc12345', event_name: 'purchase', value: 59.98, currency: 'USD', adid: TDID, adid_type: 'TDID' };
const one = (over: Record<string, unknown>) => ({ data: [{ ...conv, ...over }] });

const rejections: { name: string; path?: string; body: unknown; status: number; message?: RegExp }[] = [
  { name: 'a conversion without tracker_id or pixel_id is refused', body: one({ tracker_id: undefined }), status: 400, message: /needs tracker_id/ },
  { name: 'an adid_type outside the enum is refused', body: one({ adid_type: 'COOKIE' }), status: 400, message: /adid_type must be one of/ },
  { name: 'a TDID that is not a GUID is refused', body: one({ adid: 'abc' }), status: 400, message: /36-character GUID/ },
  { name: 'an impression id that is not a GUID is refused', body: one({ imp: 'evt-1' }), status: 400, message: /imp must be/ },
  { name: 'a value sent as a string is refused', body: one({ value: '59.98' }), status: 400, message: /value must be a number/ },
  { name: 'a hashed email smuggled into a custom field is refused', body: one({ td1: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f' }), status: 400, message: /hashed PII/ },
  { name: 'two conversions in one request are refused (one per request)', body: { data: [conv, conv] }, status: 400, message: /1 to 1/ },
  { name: 'a body without data is refused', body: conv, status: 400, message: /data must be an array/ },
  { name: 'a request to another path is not found', path: '/track/conversion', body: one({}), status: 404 },
];

describe('The Trade Desk double', () => {
  it.each(ttdCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(theTradeDesk, { ...(c.settings as object), endpoint_override: double.url }, c.input);
    expect(r.outcomes.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it.each(rejections)('$name', async ({ path, body, status, message }) => {
    const res = await fetch(double.url + (path ?? '/track/realtimeconversion'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(status);
    if (message) expect(((await res.json()) as { Message: string }).Message).toMatch(message);
  });

  it('an injected 503 reaches delivery as a retry', async () => {
    double.once(ttdAnswers.unavailable());
    const r = await deliverThrough(theTradeDesk, { advertiser_id: 'abc12345', tracker_id: 'hc7ihke', endpoint_override: double.url }, [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_server_error' }]);
  });

  it('an injected 400 reaches delivery as a permanent failure', async () => {
    double.once(ttdAnswers.badRequest('tracker_id unknown'));
    const r = await deliverThrough(theTradeDesk, { advertiser_id: 'abc12345', tracker_id: 'hc7ihke', endpoint_override: double.url }, [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'failed', code: 'vendor_rejected' }]);
  });
});
