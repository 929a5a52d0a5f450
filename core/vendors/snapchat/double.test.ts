import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import {
  deliverThrough,
  FIXED_TIME,
  fullPurchase,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { answers } from '../../doubles/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { snapchatCases } from './cases.js';
import { snapchatDouble } from './double.js';
import { snapchat, snapchatDeclaration } from './index.js';

const NOW = Date.parse(FIXED_TIME);
let double: VendorDouble;
beforeAll(async () => {
  double = await startSpecDouble(snapchatDeclaration, {
    ...snapchatDouble,
    token: 'snap-secret',
    now: () => NOW,
  });
});
afterAll(async () => {
  await double.close();
});

const PIXEL = '1ec32188-754e-4be2-8e55-c949a984a39f';
const H = '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345';
const T = Math.floor(NOW / 1000);
const ev = {
  event_name: 'PURCHASE',
  event_time: T,
  action_source: 'WEB',
  event_source_url: 'https://shop.example.com/',
  user_data: { em: [H] },
  custom_data: { value: 10, currency: 'USD' },
};
const withEvent = (over: Record<string, unknown>) => ({ data: [{ ...ev, ...over }] });
const DAY = 86_400;

const V = `/v3/${PIXEL}/events/validate?access_token=snap-secret`;
const invalid = (reason: string) => ({
  status: 400,
  bodyIncludes: `"status":"INVALID","reason":"data[0]: ${reason}`,
});

const contract: DoubleCase[] = [
  {
    name: 'A well-formed purchase is VALID at the validate endpoint.',
    url: V,
    body: { data: [ev] },
    expected: { status: 200, bodyIncludes: '"status":"VALID"' },
  },
  {
    name: 'A well-formed purchase is a SUCCESS at the events endpoint.',
    url: `/v3/${PIXEL}/events?access_token=snap-secret`,
    body: { data: [ev] },
    expected: { status: 200, bodyIncludes: '"status":"SUCCESS"' },
  },
  {
    name: 'The same event time in milliseconds is accepted.',
    url: V,
    body: withEvent({ event_time: NOW }),
    expected: { status: 200 },
  },
  {
    name: 'A request without access_token is refused with 401.',
    url: `/v3/${PIXEL}/events/validate`,
    body: { data: [ev] },
    expected: { status: 401 },
  },
  {
    name: 'A request with another access_token is refused with 401.',
    url: `/v3/${PIXEL}/events?access_token=other`,
    body: { data: [ev] },
    expected: { status: 401 },
  },
  {
    name: 'An unhashed email is INVALID.',
    url: V,
    body: withEvent({ user_data: { em: ['john@example.com'] } }),
    expected: invalid('Unhashed PII in user_data.em'),
  },
  {
    name: 'A hashed IP address is INVALID.',
    url: V,
    body: withEvent({ user_data: { em: [H], client_ip_address: H } }),
    expected: invalid('Invalid hashed IP Address'),
  },
  {
    name: 'A purchase without a currency is INVALID.',
    url: V,
    body: withEvent({ custom_data: { value: 10 } }),
    expected: invalid('PURCHASE needs custom_data.value and custom_data.currency'),
  },
  {
    name: 'An event with only an IP address is INVALID for insufficient PII.',
    url: V,
    body: withEvent({ user_data: { client_ip_address: '203.0.113.7' } }),
    expected: invalid('Snap needs'),
  },
  {
    name: 'An event without user_data breaks the spec’s identity rule, checked before the validate endpoint’s own checks.',
    url: V,
    body: withEvent({ user_data: undefined, event_time: T * 1_000_000 }),
    expected: invalid('Snap needs user_data.em'),
  },
  {
    name: 'An event time in microseconds is INVALID.',
    url: V,
    body: withEvent({ event_time: T * 1_000_000 }),
    expected: invalid('event_time must be epoch seconds or milliseconds'),
  },
  {
    name: 'An event older than 37 days is INVALID.',
    url: V,
    body: withEvent({ event_time: T - 38 * DAY }),
    expected: invalid('event_time is older than 37 days'),
  },
  {
    name: 'An event a day in the future is INVALID.',
    url: V,
    body: withEvent({ event_time: T + DAY }),
    expected: invalid('event_time is in the future'),
  },
  {
    name: 'A web event without event_source_url is INVALID.',
    url: V,
    body: withEvent({ event_source_url: undefined }),
    expected: invalid('web events need event_source_url'),
  },
  {
    name: 'Meta-style action_source "website" is INVALID.',
    url: V,
    body: withEvent({ action_source: 'website' }),
    expected: invalid('action_source must be WEB'),
  },
  {
    name: 'More than 2000 events are INVALID.',
    url: V,
    body: { data: Array.from({ length: 2001 }, () => ev) },
    expected: { status: 400, bodyIncludes: '1 to 2000' },
  },
  {
    name: 'The legacy v2 path is not found.',
    url: '/v2/conversion?access_token=snap-secret',
    body: { data: [ev] },
    expected: { status: 404 },
  },
];

runDoubleCases(
  'snapchat',
  specDouble(snapchatDeclaration, { ...snapchatDouble, token: 'snap-secret', now: () => NOW })
    .check,
  contract,
);

describe('Snapchat double', () => {
  it.each(
    snapchatCases
      .filter((c) => !('error' in c.expected) && c.expected.requests.length > 0)
      .map((c) => [c.name, c] as const),
  )('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(
      snapchat.definition,
      { ...(c.settings as object), endpoint_override: double.url },
      c.input,
    );
    expect(r.outcomes.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it('an injected 429 reaches delivery as a retry with Retry-After', async () => {
    double.once(answers.tooManyRequests(4));
    const r = await deliverThrough(
      snapchat.definition,
      { pixel_id: PIXEL, access_token: 'snap-secret', endpoint_override: double.url },
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 4000 },
    ]);
  });

  it('test mode reaches the validate endpoint and records nothing as live', async () => {
    double.reset();
    const r = await deliverThrough(
      snapchat.definition,
      {
        pixel_id: PIXEL,
        access_token: 'snap-secret',
        endpoint_override: double.url,
        test_mode: true,
      },
      [fullPurchase()],
    );
    expect(double.requests[0]!.path).toBe(`/v3/${PIXEL}/events/validate`);
    expect(r.outcomes).toMatchObject([{ status: 'delivered' }]);
  });
});
