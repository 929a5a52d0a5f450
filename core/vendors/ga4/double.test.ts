import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { startDouble } from '../testing/doubles.js';
import { ga4Responder, ga4ValidationMessages } from './double.js';
import { ga4 } from './index.js';

const q = '?measurement_id=G-1&api_secret=s';
const ok = {
  client_id: '1.2',
  events: [
    { name: 'purchase', timestamp_micros: 1767268800000000, params: { value: 1, currency: 'USD' } },
  ],
};
const debug = (body: unknown, bodyIncludes: string, name: string): DoubleCase => ({
  name,
  url: `/debug/mp/collect${q}`,
  body,
  expected: { status: 200, bodyIncludes },
});

const cases: DoubleCase[] = [
  {
    name: 'Production answers 204 to a valid payload.',
    url: `/mp/collect${q}`,
    body: ok,
    expected: { status: 204 },
  },
  {
    name: 'Production answers 204 even to a broken payload, as GA4 does.',
    url: `/mp/collect${q}`,
    body: { events: 'nope' },
    expected: { status: 204 },
  },
  {
    name: 'A request without api_secret is refused.',
    url: '/mp/collect?measurement_id=G-1',
    body: ok,
    expected: { status: 400 },
  },
  {
    name: 'A request with both measurement_id and firebase_app_id is refused.',
    url: `/mp/collect${q}&firebase_app_id=1:2:web:3`,
    body: ok,
    expected: { status: 400 },
  },
  { name: 'An unknown path is a 404.', url: `/collect${q}`, body: ok, expected: { status: 404 } },
  debug(
    ok,
    '"validationMessages":[]',
    'The validation endpoint finds nothing wrong with a valid payload.',
  ),
  debug({ events: ok.events }, 'VALUE_REQUIRED', 'The validation endpoint requires a client id.'),
  debug(
    { ...ok, events: [{ name: 'session_start' }] },
    'NAME_RESERVED',
    'The validation endpoint flags a reserved event name.',
  ),
  debug(
    { ...ok, events: [{ name: 'bad name' }] },
    'NAME_INVALID',
    'The validation endpoint flags an invalid event name.',
  ),
  debug(
    { ...ok, events: Array.from({ length: 26 }, () => ({ name: 'x' })) },
    'EXCEEDED_MAX_ENTITIES',
    'The validation endpoint flags more than 25 events.',
  ),
  debug(
    { ...ok, timestamp_micros: 1767268800000 },
    'timestamp_micros',
    'The validation endpoint flags a millisecond timestamp.',
  ),
  debug(
    { ...ok, user_data: { sha256_email_address: ['a@b.c'] } },
    'user_data needs user_id',
    'The validation endpoint flags user data without a user id.',
  ),
  debug(
    { ...ok, user_id: 'u', user_data: { sha256_email_address: ['a@b.c'] } },
    'sha256_email_address',
    'The validation endpoint flags an unhashed email.',
  ),
  debug(
    { ...ok, events: [{ name: 'x', params: { ga_thing: 1 } }] },
    'reserved prefix',
    'The validation endpoint flags a reserved param prefix.',
  ),
];

runDoubleCases('ga4', ga4Responder(), cases);

describe('ga4 through its double', () => {
  let d: VendorDouble;
  beforeAll(async () => {
    d = await startDouble('ga4');
  });
  afterAll(() => d.close());

  it('The validation endpoint finds nothing wrong with what format produces for the four default events.', async () => {
    d.reset();
    const events = [
      fullPurchase(),
      makeEvent({ type: 'page', event_id: 'p' }),
      makeEvent({
        event: 'Product Added',
        event_id: 'a',
        properties: { product_id: 'S', price: 1, currency: 'USD' },
      }),
      makeEvent({ event: 'Lead Generated', event_id: 'l' }),
    ];
    const r = await deliverThrough(
      ga4.definition,
      { measurement_id: 'G-ABC', api_secret: 's', endpoint_override: d.url, test_mode: true },
      events,
    );
    expect(r.outcomes.map((o) => o.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    for (const req of d.requests) expect(ga4ValidationMessages(req.json)).toEqual([]);
  });

  it('An event whose configured vendor name GA4 would refuse is skipped by format and the others are delivered.', async () => {
    d.reset();
    const r = await deliverThrough(
      ga4.definition,
      {
        measurement_id: 'G-ABC',
        api_secret: 's',
        endpoint_override: d.url,
        test_mode: true,
        defaults: { action: 'pass_through' },
        events: { bad: { vendor_event: 'bad name', mappings: [] } },
        global: [{ source: 'anonymous_id', target: 'client_id' }],
      },
      [makeEvent({ event: 'fine', event_id: 'a' }), makeEvent({ event: 'bad', event_id: 'b' })],
    );
    expect(r.outcomes).toMatchObject([{ event_id: 'a', status: 'delivered' }]);
    expect(r.skipped).toMatchObject([{ event_id: 'b' }]);
  });
});
