/**
 * Snapchat golden cases as data: envelope(s) + integration config → the exact requests.
 * Digests are the vectors in docs/vendors/ads-analytics-warehouse.md (§0.1; email and UK phone are Snap's own examples).
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const T = Math.floor(Date.parse(FIXED_TIME) / 1000);
const PIXEL = '1ec32188-754e-4be2-8e55-c949a984a39f';
const URL = `https://tr.snapchat.com/v3/${PIXEL}/events?access_token=snap-secret`;
const SETTINGS = { pixel_id: PIXEL, access_token: 'snap-secret' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const PAGE_URL = 'https://shop.example.com/checkout/thanks';
const PLAIN = { client_ip_address: '203.0.113.7', client_user_agent: UA };
const head = (event_name: string, event_id: string) => ({
  event_name,
  event_time: T,
  action_source: 'WEB',
  event_id,
});

export const snapchatCases: VendorCase[] = [
  {
    name: 'A purchase becomes PURCHASE with hashed lists for email, phone (digits, no plus), names and address, IP and click ids in clear',
    settings: SETTINGS,
    input: [
      fullPurchase({
        context: {
          click_ids: { sccid: 'a3f4b5c6-d7e8-9012-3456-7890abcdef12' },
          vendor_ids: { scid: '2b1f7f6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
        },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            data: [
              {
                ...head('PURCHASE', 'ORD-1001'),
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
                  sc_click_id: 'a3f4b5c6-d7e8-9012-3456-7890abcdef12',
                  sc_cookie1: '2b1f7f6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
                },
                event_source_url: PAGE_URL,
                custom_data: {
                  value: 59.98,
                  currency: 'USD',
                  order_id: 'ORD-1001',
                  content_ids: ['SKU-1'],
                  contents: [{ id: 'SKU-1', item_price: 29.99, quantity: 2, brand: 'Acme' }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: "A UK phone written with 00 and a (0) trunk zero hashes to Snap's documented digest, and a name keeps its accent",
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        traits: { phone: '0044 (0)844 412 4653', first_name: 'Raphaël' },
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
                ...head('SIGN_UP', 'lead-1'),
                user_data: {
                  ph: ['dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383'],
                  fn: ['e74bb89e718fe1e19c422a48382870399f8bf7ca8dfa008739e75b0be76627b7'],
                  ...PLAIN,
                },
                event_source_url: PAGE_URL,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view becomes PAGE_VIEW; a page view without a URL is skipped because web events need one',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined }),
      makeEvent({ event_id: 'pv-2', type: 'page', event: undefined, context: { page: {} } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['pv-1'],
          body: {
            data: [{ ...head('PAGE_VIEW', 'pv-1'), user_data: PLAIN, event_source_url: PAGE_URL }],
          },
        },
      ],
      skipped: [{ event_id: 'pv-2', reason: 'web events need event_source_url' }],
    },
  },
  {
    name: 'Product Added becomes ADD_CART; a purchase without a currency is skipped before Snap refuses it',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'atc-1',
        event: 'Product Added',
        properties: { sku: 'SKU-9', price: '19.5', quantity: 3, currency: 'gbp' },
      }),
      makeEvent({ event_id: 'ord-2', event: 'Order Completed', properties: { revenue: 10 } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['atc-1'],
          body: {
            data: [
              {
                ...head('ADD_CART', 'atc-1'),
                user_data: PLAIN,
                event_source_url: PAGE_URL,
                custom_data: { value: 19.5, currency: 'GBP', content_ids: ['SKU-9'], num_items: 3 },
              },
            ],
          },
        },
      ],
      skipped: [
        { event_id: 'ord-2', reason: 'PURCHASE needs custom_data.value and custom_data.currency' },
      ],
    },
  },
  {
    name: 'A hashed IP address from upstream is dropped rather than sent, leaving too little identity to send',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'pv-3',
        type: 'page',
        event: undefined,
        context: { ip: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176' },
      }),
    ],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'pv-3',
          reason:
            'Snap needs user_data.em, user_data.ph, user_data.madid, or client_ip_address with client_user_agent',
        },
      ],
    },
  },
  {
    name: 'Test mode posts to the validate endpoint of the override base URL',
    settings: { ...SETTINGS, test_mode: true, endpoint_override: 'http://127.0.0.1:9999/' },
    input: [makeEvent({ event_id: 'pv-4', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: `http://127.0.0.1:9999/v3/${PIXEL}/events/validate?access_token=snap-secret`,
          event_ids: ['pv-4'],
          body: {
            data: [{ ...head('PAGE_VIEW', 'pv-4'), user_data: PLAIN, event_source_url: PAGE_URL }],
          },
        },
      ],
    },
  },
  {
    name: 'A config without a pixel id is refused naming the parameter',
    settings: { access_token: 't' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.pixel_id' } },
  },
  {
    name: 'Meta-style action_source "website" is refused',
    settings: { ...SETTINGS, action_source: 'website' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.action_source' } },
  },
];

/** Snap answers → per-event outcomes. */
export const snapchatClassifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 SUCCESS delivers every event',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 200, body: { status: 'SUCCESS' } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'HTTP 200 VALID from the validate endpoint counts as delivered',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: { status: 'VALID' } },
    expected: [{ status: 'delivered' }],
  },
  {
    name: "HTTP 400 INVALID fails with Snap's reason",
    request: { event_ids: ['e1'] },
    response: { status: 400, body: { status: 'INVALID', reason: 'Unhashed PII' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'Snap INVALID: Unhashed PII' }],
  },
  {
    name: 'HTTP 200 with an INVALID status in the body fails rather than counting as delivered',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: { status: 'INVALID', reason: 'Insufficient PII' } },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
  {
    name: 'HTTP 429 is retried after Retry-After',
    request: { event_ids: ['e1'] },
    response: { status: 429, headers: { 'retry-after': '3' }, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 3000 }],
  },
  {
    name: 'HTTP 502 is retried as a server error',
    request: { event_ids: ['e1'] },
    response: { status: 502, body: '' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'HTTP 401 fails as an auth problem',
    request: { event_ids: ['e1'] },
    response: { status: 401, body: { status: 'UNAUTHORIZED' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
