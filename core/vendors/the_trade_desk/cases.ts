/**
 * The Trade Desk golden cases as data: envelope(s) + integration config → the exact requests.
 */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://insight.adsrvr.org/track/realtimeconversion';
const SETTINGS = { advertiser_id: 'abc12345', tracker_id: 'hc7ihke' };
const HEAD = { tracker_id: 'hc7ihke', adv: 'abc12345' };
const TDID = '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const PAGE_URL = 'https://shop.example.com/checkout/thanks';
const PLAIN = { client_ip: '203.0.113.7', referrer_url: PAGE_URL };

export const ttdCases: VendorCase[] = [
  {
    name: 'A purchase with a TDID sends adid/adid_type TDID, value, currency, order id and items, with no hashed PII',
    settings: SETTINGS,
    input: [fullPurchase({ context: { vendor_ids: { tdid: TDID.toUpperCase() } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            data: [
              {
                ...HEAD,
                event_name: 'purchase',
                adid: TDID,
                adid_type: 'TDID',
                ...PLAIN,
                value: 59.98,
                currency: 'USD',
                order_id: 'ORD-1001',
                items: [{ item_code: 'SKU-1', name: 'Tee', qty: 2, price: 29.99, cat: 'Apparel' }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A malformed TDID is dropped and a UID2 token is used instead',
    settings: { ...SETTINGS, merchant_id: 'm-1' },
    input: [
      makeEvent({
        event_id: 'atc-1',
        event: 'Product Added',
        properties: { product_id: 7, name: 'Mug', price: 12, quantity: 1, currency: 'usd' },
        context: { vendor_ids: { tdid: 'not-a-guid', uid2: 'AgAAAAPFR0zA5ogv/yaAPiUsAdZPsfqS' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['atc-1'],
          body: {
            data: [
              {
                ...HEAD,
                merchant_id: 'm-1',
                event_name: 'addtocart',
                adid: 'AgAAAAPFR0zA5ogv/yaAPiUsAdZPsfqS',
                adid_type: 'UID2',
                ...PLAIN,
                value: 12,
                currency: 'USD',
                items: [{ item_code: '7', name: 'Mug', qty: 1, price: 12 }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Two page views go as two requests of one conversion each; a purchase without a value is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined }),
      makeEvent({ event_id: 'pv-2', type: 'page', event: undefined }),
      makeEvent({ event_id: 'ord-2', event: 'Order Completed', properties: { order_id: 'o2' } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['pv-1'],
          body: { data: [{ ...HEAD, event_name: 'pageview', ...PLAIN }] },
        },
        {
          url: URL,
          event_ids: ['pv-2'],
          body: { data: [{ ...HEAD, event_name: 'pageview', ...PLAIN }] },
        },
      ],
      skipped: [{ event_id: 'ord-2', reason: 'a purchase needs a numeric value' }],
    },
  },
  {
    name: 'A lead keeps its value; an unmapped event is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        properties: { value: '25', currency: 'EUR' },
      }),
      makeEvent({ event_id: 'v-1', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['lead-1'],
          body: { data: [{ ...HEAD, event_name: 'lead', ...PLAIN, value: 25, currency: 'EUR' }] },
        },
      ],
      skipped: [
        { event_id: 'v-1', reason: 'no mapping for event "Video Played" (defaults: drop)' },
      ],
    },
  },
  {
    name: 'Test mode swaps in the test tracker and an endpoint override moves the request to the sandbox',
    settings: {
      ...SETTINGS,
      test_mode: true,
      test_tracker_id: 'testtrk',
      endpoint_override: 'http://127.0.0.1:9999',
    },
    input: [makeEvent({ event_id: 'pv-3', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: 'http://127.0.0.1:9999/track/realtimeconversion',
          event_ids: ['pv-3'],
          body: {
            data: [{ tracker_id: 'testtrk', adv: 'abc12345', event_name: 'pageview', ...PLAIN }],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode without a test tracker is refused because TTD has no test endpoint',
    settings: { ...SETTINGS, test_mode: true },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.test_tracker_id' } },
  },
  {
    name: 'A config without the tracker id is refused naming the parameter',
    settings: { advertiser_id: 'abc12345' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.tracker_id' } },
  },
];

/** TTD answers → outcomes (status only: the answer bodies are undocumented). */
export const ttdClassifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 delivers the conversion',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: '{}' },
    expected: [{ event_id: 'e1', status: 'delivered' }],
  },
  {
    name: 'HTTP 204 delivers the conversion',
    request: { event_ids: ['e1'] },
    response: { status: 204, body: '' },
    expected: [{ status: 'delivered' }],
  },
  {
    name: 'HTTP 400 fails as rejected with the body quoted',
    request: { event_ids: ['e1'] },
    response: { status: 400, body: { Message: 'tracker_id unknown' } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: {"Message":"tracker_id unknown"}',
      },
    ],
  },
  {
    name: 'HTTP 429 is retried after Retry-After',
    request: { event_ids: ['e1'] },
    response: { status: 429, headers: { 'retry-after': '1' }, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 1000 }],
  },
  {
    name: 'HTTP 503 is retried as a server error',
    request: { event_ids: ['e1'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
];
