/**
 * Pinterest golden cases as data: envelope(s) + integration config → the exact requests.
 * Digests are the vectors in docs/vendors/ads-analytics-warehouse.md (§0.1); `sanfrancisco` computed with sha256sum.
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const T = Math.floor(Date.parse(FIXED_TIME) / 1000);
const URL = 'https://api.pinterest.com/v5/ad_accounts/549755885175/events';
const HEADERS = { authorization: 'Bearer pina_secret', 'content-type': 'application/json' };
const SETTINGS = { ad_account_id: '549755885175', access_token: 'pina_secret' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const PAGE_URL = 'https://shop.example.com/checkout/thanks';
const PLAIN = { client_ip_address: '203.0.113.7', client_user_agent: UA };

export const pinterestCases: VendorCase[] = [
  {
    name: 'A purchase becomes checkout with every hashed user field as an array, value and item_price as strings',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { epik: 'dj0yJnU9S2RLNnBk' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: HEADERS,
          event_ids: ['ORD-1001'],
          body: {
            data: [
              {
                event_name: 'checkout',
                action_source: 'web',
                event_time: T,
                event_id: 'ORD-1001',
                user_data: {
                  em: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'],
                  ph: ['e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
                  fn: ['96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a'],
                  ln: ['6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd'],
                  ct: ['1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac'],
                  st: ['6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126'],
                  zp: ['91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789'],
                  country: ['79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621'],
                  external_id: ['fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8'],
                  ...PLAIN,
                  click_id: 'dj0yJnU9S2RLNnBk',
                },
                event_source_url: PAGE_URL,
                custom_data: {
                  value: '59.98',
                  currency: 'USD',
                  order_id: 'ORD-1001',
                  content_ids: ['SKU-1'],
                  contents: [
                    {
                      id: 'SKU-1',
                      item_name: 'Tee',
                      item_category: 'Apparel',
                      item_brand: 'Acme',
                      item_price: '29.99',
                      quantity: 2,
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view becomes page_visit identified by IP and user agent alone',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: URL,
          headers: HEADERS,
          event_ids: ['pv-1'],
          body: {
            data: [
              {
                event_name: 'page_visit',
                action_source: 'web',
                event_time: T,
                event_id: 'pv-1',
                user_data: PLAIN,
                event_source_url: PAGE_URL,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Product Added becomes add_to_cart with content_ids and one content, ids as strings',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'atc-1',
        event: 'Product Added',
        properties: { product_id: 42, name: 'Tee', price: 29.99, quantity: 1, currency: 'eur' },
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
                event_name: 'add_to_cart',
                action_source: 'web',
                event_time: T,
                event_id: 'atc-1',
                user_data: PLAIN,
                event_source_url: PAGE_URL,
                custom_data: {
                  value: '29.99',
                  currency: 'EUR',
                  content_ids: ['42'],
                  contents: [{ id: '42', item_name: 'Tee', item_price: '29.99', quantity: 1 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead with an email but no IP or user agent is sent; a lead with no identity at all is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        traits: { email: 'Person@Example.com', gender: 'female' },
        context: { ip: undefined, user_agent: undefined },
      }),
      makeEvent({
        event_id: 'lead-2',
        event: 'Generate Lead',
        context: { ip: undefined, user_agent: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['lead-1'],
          body: {
            data: [
              {
                event_name: 'lead',
                action_source: 'web',
                event_time: T,
                event_id: 'lead-1',
                user_data: {
                  em: ['542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345'],
                  ge: ['252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111'],
                },
                event_source_url: PAGE_URL,
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'lead-2',
          reason:
            'Pinterest needs user_data.em, user_data.hashed_maids, or client_ip_address with client_user_agent',
        },
      ],
    },
  },
  {
    name: 'Test mode adds ?test=true and an endpoint override moves the request to the sandbox',
    settings: { ...SETTINGS, test_mode: true, endpoint_override: 'http://127.0.0.1:9999' },
    input: [makeEvent({ event_id: 'pv-2', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: 'http://127.0.0.1:9999/v5/ad_accounts/549755885175/events?test=true',
          event_ids: ['pv-2'],
          body: {
            data: [
              {
                event_name: 'page_visit',
                action_source: 'web',
                event_time: T,
                event_id: 'pv-2',
                user_data: PLAIN,
                event_source_url: PAGE_URL,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A non-numeric ad account id is refused naming the parameter',
    settings: { ...SETTINGS, ad_account_id: 'act_12' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.ad_account_id' } },
  },
  {
    name: 'An unknown action_source is refused',
    settings: { ...SETTINGS, action_source: 'website' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.action_source' } },
  },
];

const three = { event_ids: ['e1', 'e2', 'e3'] };

/** Pinterest answers → per-event outcomes. */
export const pinterestClassifyCases: ClassifyCase[] = [
  {
    name: "An HTTP-date Retry-After is measured against the answer's own Date header",
    request: { event_ids: ['e1'] },
    response: {
      status: 429,
      headers: {
        'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT',
        date: 'Thu, 01 Jan 2026 12:00:00 GMT',
      },
      body: '',
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 30_000 }],
  },
  {
    name: 'HTTP 200 with every event processed delivers all of them',
    request: three,
    response: {
      status: 200,
      body: {
        num_events_received: 3,
        num_events_processed: 3,
        events: [{ status: 'processed' }, { status: 'processed' }, { status: 'processed' }],
      },
    },
    expected: [
      { event_id: 'e1', status: 'delivered' },
      { event_id: 'e2', status: 'delivered' },
      { event_id: 'e3', status: 'delivered' },
    ],
  },
  {
    name: "HTTP 200 with the second event failed fails only that event, with Pinterest's message",
    request: three,
    response: {
      status: 200,
      body: {
        num_events_received: 3,
        num_events_processed: 2,
        events: [
          { status: 'processed', error_message: '' },
          { status: 'failed', error_message: 'event_time too old' },
          { status: 'processed' },
        ],
      },
    },
    expected: [
      { status: 'delivered' },
      { event_id: 'e2', status: 'failed', code: 'vendor_rejected', reason: 'event_time too old' },
      { status: 'delivered' },
    ],
  },
  {
    name: 'HTTP 429 is retried after Retry-After',
    request: { event_ids: ['e1'] },
    response: {
      status: 429,
      headers: { 'retry-after': '5' },
      body: { code: 8, message: 'Too many requests' },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 5000 }],
  },
  {
    name: 'HTTP 500 is retried as a server error',
    request: { event_ids: ['e1'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'HTTP 401 fails as an auth problem',
    request: { event_ids: ['e1'] },
    response: { status: 401, body: { code: 2, message: 'Authentication failed.' } },
    expected: [
      { status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Authentication failed.' },
    ],
  },
  {
    name: 'HTTP 400 fails the whole request as rejected',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 400, body: { code: 1, message: 'data is required' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected' },
      { status: 'failed', code: 'vendor_rejected' },
    ],
  },
];
