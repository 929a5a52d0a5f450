import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, type VendorDouble } from '../../doubles/index.js';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { metaDouble } from './double.js';
import { FULL_USER_DATA } from './cases.js';
import { metaCapi, metaDeclaration } from './index.js';

const now = () => Date.parse('2026-01-01T12:00:00Z');
const T = 1767268800;
const path = '/v24.0/123/events?access_token=t';
const good = {
  event_name: 'PageView',
  event_time: T,
  action_source: 'website',
  event_source_url: 'https://x.test/',
  user_data: { client_user_agent: 'UA' },
};

const cases: DoubleCase[] = [
  {
    name: 'A well-formed page view is accepted.',
    url: path,
    body: { data: [good] },
    expected: { status: 200, bodyIncludes: '"events_received":1' },
  },
  {
    name: 'A request without an access token is refused with code 190.',
    url: '/v24.0/123/events',
    body: { data: [good] },
    expected: { status: 400, bodyIncludes: '"code":190' },
  },
  {
    name: 'A form-encoded body with data as a JSON string is accepted.',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `data=${encodeURIComponent(JSON.stringify([good]))}`,
    expected: { status: 200 },
  },
  {
    name: 'A wrong path is refused.',
    url: '/v24.0/abc/events?access_token=t',
    body: { data: [good] },
    expected: { status: 400 },
  },
  { name: 'A GET is refused.', method: 'GET', url: path, expected: { status: 400 } },
  {
    name: 'An event time in milliseconds is refused.',
    url: path,
    body: { data: [{ ...good, event_time: T * 1000 }] },
    expected: { status: 400, bodyIncludes: 'milliseconds' },
  },
  {
    name: 'An event older than seven days is refused with the too-old subcode.',
    url: path,
    body: { data: [{ ...good, event_time: T - 8 * 86400 }] },
    expected: { status: 400, bodyIncludes: '2804003' },
  },
  {
    name: 'A physical-store event thirty days old is accepted.',
    url: path,
    body: { data: [{ ...good, action_source: 'physical_store', event_time: T - 30 * 86400 }] },
    expected: { status: 200 },
  },
  {
    name: 'An unhashed email is refused.',
    url: path,
    body: { data: [{ ...good, user_data: { ...good.user_data, em: ['john@example.com'] } }] },
    expected: { status: 400, bodyIncludes: 'user_data.em' },
  },
  {
    name: 'An upper-case hex hash is refused.',
    url: path,
    body: {
      data: [
        { ...good, user_data: { ...good.user_data, ph: FULL_USER_DATA.ph[0]!.toUpperCase() } },
      ],
    },
    expected: { status: 400 },
  },
  {
    name: 'A website event without a user agent is refused.',
    url: path,
    body: { data: [{ ...good, user_data: {} }] },
    expected: { status: 400, bodyIncludes: 'client_user_agent' },
  },
  {
    name: 'A malformed fbp cookie is refused.',
    url: path,
    body: { data: [{ ...good, user_data: { ...good.user_data, fbp: 'fb.1.123.x' } }] },
    expected: { status: 400, bodyIncludes: 'fbp' },
  },
  {
    name: 'A Purchase without currency is refused.',
    url: path,
    body: { data: [{ ...good, event_name: 'Purchase', custom_data: { value: 1 } }] },
    expected: { status: 400, bodyIncludes: 'Purchase' },
  },
  {
    name: 'An unknown action source is refused.',
    url: path,
    body: { data: [{ ...good, action_source: 'tv' }] },
    expected: { status: 400 },
  },
  {
    name: 'More than 1000 events are refused.',
    url: path,
    body: { data: Array.from({ length: 1001 }, () => good) },
    expected: { status: 400, bodyIncludes: '1..1000' },
  },
];

runDoubleCases('meta_capi', specDouble(metaDeclaration, { ...metaDouble, now }).check, cases);

describe('meta_capi through its double', () => {
  let d: VendorDouble;
  beforeAll(async () => {
    d = await startSpecDouble(metaDeclaration, { ...metaDouble, now });
  });
  afterAll(() => d.close());

  it('The double accepts what format produces for a full purchase, a page view and an add to cart.', async () => {
    d.reset();
    const r = await deliverThrough(
      metaCapi.definition,
      { pixel_id: '123', access_token: 't', endpoint_override: d.url },
      [
        fullPurchase(),
        makeEvent({ type: 'page', event_id: 'p1' }),
        makeEvent({
          event: 'Product Added',
          event_id: 'a1',
          properties: { product_id: 'SKU-1', price: 10, currency: 'USD' },
        }),
      ],
    );
    expect(r.responses.map((x) => x.status)).toEqual([200]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(d.requests[0]?.query.get('access_token')).toBe('t');
  });

  it('An injected throttle answer is classified as a retry.', async () => {
    d.reset();
    d.once(
      answers.status(400, {
        error: { message: 'User request limit reached', type: 'OAuthException', code: 17 },
      }),
    );
    const r = await deliverThrough(
      metaCapi.definition,
      { pixel_id: '123', access_token: 't', endpoint_override: d.url },
      [makeEvent({ type: 'page', event_id: 'p1' })],
    );
    expect(r.outcomes).toMatchObject([
      { event_id: 'p1', status: 'retry', code: 'vendor_throttled' },
    ]);
  });
});
