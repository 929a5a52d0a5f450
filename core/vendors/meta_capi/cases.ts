/** Meta CAPI golden cases (envelope + config → exact request), run by the shared runner. */
import { fullPurchase, makeEvent, type ClassifyCase, type VendorCase } from '../testing/index.js';

const settings = { pixel_id: '123456789012345', access_token: 'EAAB-secret' };
const URL = 'https://graph.facebook.com/v24.0/123456789012345/events?access_token=EAAB-secret';

/** The user_data the full purchase fixture maps to (vectors from docs/vendors/ads-analytics-warehouse.md §2). */
export const FULL_USER_DATA = {
  client_ip_address: '203.0.113.7',
  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  em: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'],
  ph: ['e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
  fn: ['96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a'],
  ln: ['6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd'],
  ct: ['1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac'],
  st: ['6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126'],
  zp: ['91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789'],
  country: ['79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621'],
  external_id: ['fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8'],
  fbc: 'fb.1.1767225000123.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDGrc',
  fbp: 'fb.1.1766000000000.1116446470',
};

const page = {
  event_source_url: 'https://shop.example.com/checkout/thanks',
  referrer_url: 'https://shop.example.com/cart',
  action_source: 'website',
  event_time: 1767268800,
};

export const metaCases: VendorCase[] = [
  {
    name: 'A purchase with full user data becomes one Purchase with every PII field hashed per Meta’s rules.',
    settings,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'content-type': 'application/json' },
          body: {
            data: [
              {
                event_name: 'Purchase',
                event_id: 'ORD-1001',
                ...page,
                user_data: FULL_USER_DATA,
                custom_data: {
                  value: 59.98,
                  currency: 'USD',
                  order_id: 'ORD-1001',
                  content_ids: ['SKU-1'],
                  contents: [{ id: 'SKU-1', quantity: 2, item_price: 29.99 }],
                  content_type: 'product',
                },
              },
            ],
          },
          event_ids: ['ORD-1001'],
        },
      ],
    },
  },
  {
    name: 'A page view is sent as PageView with the page URL and browser facts.',
    settings,
    input: [makeEvent({ type: 'page', event_id: 'p1' })],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: [
              {
                event_name: 'PageView',
                event_id: 'p1',
                ...page,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An add to cart carries the product id as content_ids.',
    settings,
    input: [
      makeEvent({
        event: 'Product Added',
        event_id: 'a1',
        properties: { product_id: 42, price: '19.5', currency: 'eur' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: [
              {
                event_name: 'AddToCart',
                event_id: 'a1',
                ...page,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
                custom_data: {
                  value: 19.5,
                  currency: 'EUR',
                  content_ids: ['42'],
                  content_type: 'product',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead with already-hashed email and a name with an accent is sent with the hash untouched and the accent kept.',
    settings,
    input: [
      makeEvent({
        event: 'Lead Generated',
        event_id: 'l1',
        traits: {
          email: '62A14E44F765419D10FEA99367361A727C12365E2520F32218D505ED9AA0F62F',
          first_name: 'Valéry',
        },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: [
              {
                event_name: 'Lead',
                event_id: 'l1',
                ...page,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                  em: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'],
                  fn: ['08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c'],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode adds the test_event_code to the request body.',
    settings: { ...settings, test_mode: true, test_event_code: 'TEST123' },
    input: [makeEvent({ type: 'page', event_id: 'p1' })],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            test_event_code: 'TEST123',
            data: [
              {
                event_name: 'PageView',
                event_id: 'p1',
                ...page,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An unmapped event is skipped and a website event without a user agent is skipped with the reason.',
    settings,
    input: [
      makeEvent({ event: 'Video Played', event_id: 'v1' }),
      makeEvent({ type: 'page', event_id: 'p2', context: { user_agent: undefined } }),
    ],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'v1', reason: 'no mapping for event "Video Played" (defaults: drop)' },
        {
          event_id: 'p2',
          reason: 'website events need user_data.client_user_agent (context.user_agent)',
        },
      ],
    },
  },
  {
    name: 'The endpoint override points the request at a sandbox.',
    settings: { ...settings, endpoint_override: 'http://127.0.0.1:9999/', api_version: 'v25.0' },
    input: [
      makeEvent({ type: 'page', event_id: 'p1', context: { page: { url: 'https://x.test/' } } }),
    ],
    expected: {
      requests: [
        {
          url: 'http://127.0.0.1:9999/v25.0/123456789012345/events?access_token=EAAB-secret',
          body: {
            data: [
              {
                event_name: 'PageView',
                event_id: 'p1',
                event_source_url: 'https://x.test/',
                action_source: 'website',
                event_time: 1767268800,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A custom V2 config maps a custom event with its own rows.',
    settings: {
      parameters: settings,
      events: {
        signup: {
          match: ['Signed Up'],
          vendor_event: 'CompleteRegistration',
          mappings: [
            { source: 'properties.plan', target: 'custom_data.status', transforms: ['uppercase'] },
          ],
        },
      },
    },
    input: [makeEvent({ event: 'Signed Up', event_id: 's1', properties: { plan: 'pro' } })],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: [
              {
                event_name: 'CompleteRegistration',
                event_id: 's1',
                ...page,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
                custom_data: { status: 'PRO' },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'With delivery’s clock, an event older than seven days is skipped so it cannot fail the batch, and the fresh one is sent.',
    settings,
    ctx: { now: Date.parse('2026-01-09T12:00:00Z') },
    input: [
      makeEvent({ type: 'page', event_id: 'old' }),
      makeEvent({ type: 'page', event_id: 'new', timestamp: '2026-01-09T11:00:00Z' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: [
              {
                event_name: 'PageView',
                event_id: 'new',
                ...page,
                event_time: 1767956400,
                user_data: {
                  client_ip_address: '203.0.113.7',
                  client_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                },
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'old',
          reason: 'event_time is older than Meta accepts (7 days); it would fail the whole batch',
        },
      ],
    },
  },
  {
    name: 'A missing access token is a config error naming the parameter.',
    settings: { pixel_id: '1' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.access_token' } },
  },
  {
    name: 'Test mode without a test event code is a config error.',
    settings: { ...settings, test_mode: true },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.test_event_code' } },
  },
  {
    name: 'A bad transform in a custom config is a config error naming the row.',
    settings: {
      ...settings,
      events: {
        x: {
          vendor_event: 'X',
          mappings: [
            {
              source: 'traits.phone',
              target: 'user_data.ph',
              transforms: ['google.normalize_phone'],
            },
          ],
        },
      },
    },
    input: [],
    expected: { error: { code: 'config_error', field: 'events.x.mappings[0].transforms[0]' } },
  },
];

export const metaClassifyCases: ClassifyCase[] = [
  {
    name: 'A 200 with events_received delivers every event.',
    request: { event_ids: ['a', 'b'] },
    response: { status: 200, body: { events_received: 2 } },
    expected: [
      { event_id: 'a', status: 'delivered' },
      { event_id: 'b', status: 'delivered' },
    ],
  },
  {
    name: 'Code 17 is throttling and is retried.',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { code: 17, message: 'limit' } } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
  {
    name: 'Code 190 is an auth failure and is not retried.',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { code: 190, error_subcode: 463 } } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'Code 100 with the too-old subcode is a permanent rejection.',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { code: 100, error_subcode: 2804003 } } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'Meta error 100/2804003: no message' },
    ],
  },
  {
    name: 'An error marked is_transient is retried.',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { code: 100, is_transient: true } } },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'An HTML 502 from a proxy is retried.',
    request: { event_ids: ['a'] },
    response: { status: 502, body: '<html>bad gateway</html>' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'A 429 with Retry-After carries the delay.',
    request: { event_ids: ['a'] },
    response: { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 4 } } },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 7000 }],
  },
];
