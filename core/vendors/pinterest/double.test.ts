import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, fullPurchase } from '../testing/index.js';
import { pinterestCases } from './cases.js';
import { pinterestAnswers, startDouble } from './double.js';
import { pinterest } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startDouble({ accessToken: 'pina_secret' });
});
afterAll(async () => {
  await double.close();
});

const H = '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345';
const ev = { event_name: 'checkout', action_source: 'web', event_time: 1767225600, event_id: 'o1', user_data: { em: [H] }, custom_data: { value: '59.98', currency: 'USD' } };
const withEvent = (over: Record<string, unknown>) => ({ data: [{ ...ev, ...over }] });
const PATH = '/v5/ad_accounts/549755885175/events';

const requestRejections: { name: string; path?: string; auth?: string | null; body: unknown; status: number }[] = [
  { name: 'a request without the bearer header is refused with 401', auth: null, body: { data: [ev] }, status: 401 },
  { name: 'a request with another token is refused with 401', auth: 'Bearer other', body: { data: [ev] }, status: 401 },
  { name: 'a non-numeric ad account in the path is not found', path: '/v5/ad_accounts/act_1/events', body: { data: [ev] }, status: 404 },
  { name: 'an empty data array is refused with 400', body: { data: [] }, status: 400 },
  { name: 'more than 1000 events are refused with 400', body: { data: Array.from({ length: 1001 }, () => ev) }, status: 400 },
];

const eventRejections: { name: string; event: Record<string, unknown>; message: RegExp }[] = [
  { name: 'an unhashed email fails the event', event: { user_data: { em: ['john@example.com'] } }, message: /em must hold lowercase SHA-256/ },
  { name: 'a hashed email sent as a string instead of an array fails the event', event: { user_data: { em: H } }, message: /em must be an array/ },
  { name: 'a millisecond event_time fails the event', event: { event_time: 1767225600123 }, message: /Unix seconds/ },
  { name: 'a CamelCase event name fails the event', event: { event_name: 'PageVisit' }, message: /not a Pinterest event name/ },
  { name: 'a numeric value fails the event (Pinterest wants a string)', event: { custom_data: { value: 59.98 } }, message: /value must be a string/ },
  { name: 'a numeric item_price fails the event', event: { custom_data: { contents: [{ id: '1', item_price: 29.99, quantity: 1 }] } }, message: /item_price must be a string/ },
  { name: 'an event with no usable identity fails', event: { user_data: { client_ip_address: '203.0.113.7' } }, message: /needs user_data.em/ },
  { name: 'an IP address sent as an array fails the event', event: { user_data: { em: [H], client_ip_address: ['203.0.113.7'] } }, message: /client_ip_address must be a plain string/ },
];

const post = (body: unknown, path = PATH, auth: string | null = 'Bearer pina_secret') =>
  fetch(double.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) });

describe('Pinterest double', () => {
  it.each(pinterestCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(pinterest, { ...(c.settings as object), endpoint_override: double.url }, c.input);
    expect(r.outcomes.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it.each(requestRejections)('$name', async ({ path, auth, body, status }) => {
    const res = await post(body, path, auth === undefined ? 'Bearer pina_secret' : auth);
    expect(res.status).toBe(status);
  });

  it.each(eventRejections)('$name', async ({ event, message }) => {
    const res = await post({ data: [ev, withEvent(event).data[0]] });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { num_events_processed: number; events: { status: string; error_message: string }[] };
    expect(answer.num_events_processed).toBe(1);
    expect(answer.events[0]!.status).toBe('processed');
    expect(answer.events[1]!.status).toBe('failed');
    expect(answer.events[1]!.error_message).toMatch(message);
  });

  it('a 429 from the double reaches delivery as a retry with Retry-After', async () => {
    double.once(pinterestAnswers.tooManyRequests(9));
    const r = await deliverThrough(pinterest, { ad_account_id: '549755885175', access_token: 'pina_secret', endpoint_override: double.url }, [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 9000 }]);
  });

  it('test mode reaches the double as ?test=true', async () => {
    double.reset();
    await deliverThrough(pinterest, { ad_account_id: '549755885175', access_token: 'pina_secret', endpoint_override: double.url, test_mode: true }, [fullPurchase()]);
    expect(double.requests[0]!.query.get('test')).toBe('true');
  });
});
