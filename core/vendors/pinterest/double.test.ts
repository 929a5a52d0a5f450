import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, fullPurchase, runDoubleCases, type DoubleCase } from '../testing/index.js';
import { answers } from '../../doubles/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { pinterestCases } from './cases.js';
import { pinterestDouble } from './double.js';
import { pinterest, pinterestDeclaration } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startSpecDouble(pinterestDeclaration, {
    ...pinterestDouble,
    token: 'pina_secret',
  });
});
afterAll(async () => {
  await double.close();
});

const H = '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345';
const ev = {
  event_name: 'checkout',
  action_source: 'web',
  event_time: 1767225600,
  event_id: 'o1',
  user_data: { em: [H] },
  custom_data: { value: '59.98', currency: 'USD' },
};
const withEvent = (over: Record<string, unknown>) => ({ data: [{ ...ev, ...over }] });
const PATH = '/v5/ad_accounts/549755885175/events';

const AUTH = { authorization: 'Bearer pina_secret' };
const failed = (message: string) => ({
  status: 200,
  bodyIncludes: `"num_events_processed":0,"events":[{"status":"failed","error_message":"${message}`,
});

const contract: DoubleCase[] = [
  {
    name: 'A well-formed checkout is processed.',
    url: PATH,
    headers: AUTH,
    body: { data: [ev] },
    expected: { status: 200, bodyIncludes: '"num_events_processed":1' },
  },
  {
    name: 'Test mode (?test=true) is accepted.',
    url: `${PATH}?test=true`,
    headers: AUTH,
    body: { data: [ev] },
    expected: { status: 200, bodyIncludes: '"status":"processed"' },
  },
  {
    name: 'A request without the bearer header is refused with 401.',
    url: PATH,
    body: { data: [ev] },
    expected: { status: 401 },
  },
  {
    name: 'A request with another token is refused with 401.',
    url: PATH,
    headers: { authorization: 'Bearer other' },
    body: { data: [ev] },
    expected: { status: 401 },
  },
  {
    name: 'A non-numeric ad account in the path is not found.',
    url: '/v5/ad_accounts/act_1/events',
    headers: AUTH,
    body: { data: [ev] },
    expected: { status: 404 },
  },
  {
    name: 'An empty data array is refused with 400.',
    url: PATH,
    headers: AUTH,
    body: { data: [] },
    expected: { status: 400 },
  },
  {
    name: 'More than 1000 events are refused with 400.',
    url: PATH,
    headers: AUTH,
    body: { data: Array.from({ length: 1001 }, () => ev) },
    expected: { status: 400, bodyIncludes: '1 to 1000' },
  },
  {
    name: 'An unhashed email fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ user_data: { em: ['john@example.com'] } }),
    expected: failed('user_data.em must hold lowercase SHA-256'),
  },
  {
    name: 'A hashed email sent as a string instead of an array fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ user_data: { em: H } }),
    expected: failed('user_data.em must be an array'),
  },
  {
    name: 'A millisecond event_time fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ event_time: 1767225600123 }),
    expected: failed('event_time must be Unix seconds'),
  },
  {
    name: 'A CamelCase event name fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ event_name: 'PageVisit' }),
    expected: failed('event_name \\"PageVisit\\" is not a Pinterest event name'),
  },
  {
    name: 'A numeric value fails the event (Pinterest wants a string).',
    url: PATH,
    headers: AUTH,
    body: withEvent({ custom_data: { value: 59.98 } }),
    expected: failed('custom_data.value must be a string'),
  },
  {
    name: 'A numeric item_price fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ custom_data: { contents: [{ id: '1', item_price: 29.99, quantity: 1 }] } }),
    expected: failed('custom_data.contents[].item_price must be a string'),
  },
  {
    name: 'An event with no usable identity fails.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ user_data: { client_ip_address: '203.0.113.7' } }),
    expected: failed('Pinterest needs user_data.em'),
  },
  {
    name: 'An IP address sent as an array fails the event.',
    url: PATH,
    headers: AUTH,
    body: withEvent({ user_data: { em: [H], client_ip_address: ['203.0.113.7'] } }),
    expected: failed('user_data.client_ip_address must be a plain string'),
  },
];

runDoubleCases(
  'pinterest',
  specDouble(pinterestDeclaration, { ...pinterestDouble, token: 'pina_secret' }).check,
  contract,
);

const post = (body: unknown, path = PATH, auth: string | null = 'Bearer pina_secret') =>
  fetch(double.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });

describe('Pinterest double', () => {
  it.each(pinterestCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))(
    'accepts what format produces: %s',
    async (_n, c) => {
      const r = await deliverThrough(
        pinterest.definition,
        { ...(c.settings as object), endpoint_override: double.url },
        c.input,
      );
      expect(r.outcomes.length).toBeGreaterThan(0);
      expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    },
  );

  it('fails only the bad event of a mixed batch and processes the rest', async () => {
    const res = await post({ data: [ev, withEvent({ event_time: 1767225600123 }).data[0]] });
    const answer = (await res.json()) as {
      num_events_processed: number;
      events: { status: string }[];
    };
    expect(res.status).toBe(200);
    expect(answer.num_events_processed).toBe(1);
    expect(answer.events.map((e) => e.status)).toEqual(['processed', 'failed']);
  });

  it('a 429 from the double reaches delivery as a retry with Retry-After', async () => {
    double.once(answers.tooManyRequests(9));
    const r = await deliverThrough(
      pinterest.definition,
      { ad_account_id: '549755885175', access_token: 'pina_secret', endpoint_override: double.url },
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 9000 },
    ]);
  });

  it('test mode reaches the double as ?test=true', async () => {
    double.reset();
    await deliverThrough(
      pinterest.definition,
      {
        ad_account_id: '549755885175',
        access_token: 'pina_secret',
        endpoint_override: double.url,
        test_mode: true,
      },
      [fullPurchase()],
    );
    expect(double.requests[0]!.query.get('test')).toBe('true');
  });
});
