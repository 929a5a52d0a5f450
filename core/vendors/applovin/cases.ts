/** AppLovin Axon golden cases as data (request shape: Axon's Conversion API page, see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://b.applovin.com/v1/event?pixel_id=evt-key-1';
const SETTINGS = { pixel_id: 'evt-key-1', api_key: 'axon-secret' };
const MS = Date.parse(FIXED_TIME);
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is sent with the raw key as Authorization, millisecond time, the order as transaction id, items and hashed email and phone',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'axon-secret' },
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
                name: 'purchase',
                event_time: MS,
                dedupe_id: 'ORD-1001',
                event_source_url: 'https://shop.example.com/checkout/thanks',
                user_data: {
                  email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  phone: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                  user_id: 'user-123',
                  client_ip_address: '203.0.113.7',
                  client_user_agent: UA,
                },
                data: {
                  value: 59.98,
                  currency: 'USD',
                  transaction_id: 'ORD-1001',
                  items: [{ item_id: 'SKU-1', item_name: 'Tee', price: 29.99, quantity: 2 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Two page views share one request; an anonymous one without an identifier is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, user_id: 'u-1' }),
      makeEvent({
        event_id: 'pv-2',
        type: 'page',
        event: undefined,
        context: { vendor_ids: { aleid: 'al-1' } },
      }),
      makeEvent({ event_id: 'pv-3', type: 'page', event: undefined }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['pv-1', 'pv-2'],
          body: {
            events: [
              {
                name: 'page_view',
                event_time: MS,
                dedupe_id: 'pv-1',
                event_source_url: 'https://shop.example.com/checkout/thanks',
                user_data: {
                  user_id: 'u-1',
                  client_ip_address: '203.0.113.7',
                  client_user_agent: UA,
                },
              },
              {
                name: 'page_view',
                event_time: MS,
                dedupe_id: 'pv-2',
                event_source_url: 'https://shop.example.com/checkout/thanks',
                user_data: {
                  aleid: 'al-1',
                  client_ip_address: '203.0.113.7',
                  client_user_agent: UA,
                },
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'pv-3',
          reason: 'Axon needs the client IP and user agent plus an email, phone, user id or aleid',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 drops the whole batch, so each of its events is retried alone',
    request: { event_ids: ['a', 'b'] },
    response: { status: 400, body: { message: 'invalid event_time' } },
    expected: [
      { status: 'retry', code: 'vendor_rejected' },
      { status: 'retry', code: 'vendor_rejected' },
    ],
  },
  {
    name: 'A 400 for a single event is final and quotes Axon',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'invalid event_time' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: invalid event_time' },
    ],
  },
  {
    name: 'A 401 is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: '' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
