/** GA4 golden cases (envelope + config → exact request). */
import { fullPurchase, makeEvent, type ClassifyCase, type VendorCase } from '../testing/index.js';

const settings = { measurement_id: 'G-ABC123', api_secret: 'sec-ret' };
const URL =
  'https://www.google-analytics.com/mp/collect?measurement_id=G-ABC123&api_secret=sec-ret';
const T = 1767268800000000;
const PAGE = 'https://shop.example.com/checkout/thanks';
const LONG_PAGE = `${PAGE}?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-sale-2026&gclid=Cj0KCQiA-abcdefghijklmnop`;
/** About 60 kB of items: two such events fit in GA4's 130 kB body, three do not. */
const BIG_ITEMS = Array.from({ length: 600 }, (_, i) => ({
  item_id: `SKU-${i}`,
  item_name: 'n'.repeat(60),
}));

export const ga4Cases: VendorCase[] = [
  {
    name: 'A purchase with full user data sends Google-normalised hashes, plain address parts, items and microseconds.',
    settings,
    input: [
      fullPurchase({
        traits: {
          email: 'John.Smith@gmail.com',
          phone: '+1 (650) 555-1212',
          first_name: 'John',
          last_name: 'Smith',
          city: 'San Francisco',
          state: 'CA',
          postal_code: '94103',
          country: 'US',
        },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: '1234567890.1700000000',
            user_id: 'user-123',
            user_data: {
              sha256_email_address: [
                '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586',
              ],
              sha256_phone_number: [
                '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
              ],
              address: [
                {
                  sha256_first_name:
                    '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
                  sha256_last_name:
                    '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd',
                  city: 'sanfrancisco',
                  region: 'ca',
                  postal_code: '94103',
                  country: 'us',
                },
              ],
            },
            events: [
              {
                name: 'purchase',
                timestamp_micros: T,
                params: {
                  page_location: PAGE,
                  transaction_id: 'ORD-1001',
                  value: 59.98,
                  currency: 'USD',
                  items: [
                    {
                      item_id: 'SKU-1',
                      item_name: 'Tee',
                      item_brand: 'Acme',
                      item_category: 'Apparel',
                      price: 29.99,
                      quantity: 2,
                    },
                  ],
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
    name: 'A page view takes the client id from the _ga cookie value and the page facts as params.',
    settings,
    input: [
      makeEvent({
        type: 'page',
        event_id: 'p1',
        context: { vendor_ids: { ga_client_id: 'GA1.2.111.222' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: '111.222',
            events: [
              {
                name: 'page_view',
                timestamp_micros: T,
                params: {
                  page_location: PAGE,
                  page_title: 'Thanks',
                  page_referrer: 'https://shop.example.com/cart',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An add to cart builds one item from the product properties.',
    settings,
    input: [
      makeEvent({
        event: 'Product Added',
        event_id: 'a1',
        properties: { product_id: 'SKU-9', name: 'Cap', price: 12, quantity: 1, currency: 'usd' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: [
              {
                name: 'add_to_cart',
                timestamp_micros: T,
                params: {
                  page_location: PAGE,
                  currency: 'USD',
                  value: 12,
                  items: [{ item_id: 'SKU-9', item_name: 'Cap', price: 12, quantity: 1 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead becomes generate_lead, and user data without a user id is not sent.',
    settings,
    input: [
      makeEvent({
        event: 'Lead Generated',
        event_id: 'l1',
        traits: { email: 'a@example.com' },
        properties: { value: 5, currency: 'EUR' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: [
              {
                name: 'generate_lead',
                timestamp_micros: T,
                params: { page_location: PAGE, currency: 'EUR', value: 5 },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Unmapped events pass through under a snake_case name and events of one client share a request.',
    settings,
    input: [
      makeEvent({ event: 'Video Played', event_id: 'v1' }),
      makeEvent({ event: 'signUp', event_id: 'v2' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: [
              { name: 'video_played', timestamp_micros: T, params: { page_location: PAGE } },
              { name: 'sign_up', timestamp_micros: T, params: { page_location: PAGE } },
            ],
          },
          event_ids: ['v1', 'v2'],
        },
      ],
    },
  },
  {
    name: 'Events of different clients go in separate requests.',
    settings,
    input: [
      makeEvent({ event: 'x', event_id: 'a', anonymous_id: 'c1' }),
      makeEvent({ event: 'x', event_id: 'b', anonymous_id: 'c2' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'c1',
            events: [{ name: 'x', timestamp_micros: T, params: { page_location: PAGE } }],
          },
          event_ids: ['a'],
        },
        {
          url: URL,
          body: {
            client_id: 'c2',
            events: [{ name: 'x', timestamp_micros: T, params: { page_location: PAGE } }],
          },
          event_ids: ['b'],
        },
      ],
    },
  },
  {
    name: 'Thirty events of one client are split into requests of 25 and 5.',
    settings: { ...settings, global: [{ source: 'anonymous_id', target: 'client_id' }] },
    input: Array.from({ length: 30 }, (_, i) => makeEvent({ event: 'tick', event_id: `t${i}` })),
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: Array.from({ length: 25 }, () => ({ name: 'tick' })),
          },
        },
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: Array.from({ length: 5 }, () => ({ name: 'tick' })),
          },
        },
      ],
    },
  },
  {
    name: 'Consent from the envelope becomes GA4 request-level consent.',
    settings,
    input: [
      makeEvent({
        event: 'x',
        event_id: 'c1',
        context: { consent: { analytics: true, marketing: false } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            consent: { ad_user_data: 'DENIED', ad_personalization: 'DENIED' },
            events: [{ name: 'x', timestamp_micros: T, params: { page_location: PAGE } }],
          },
        },
      ],
    },
  },
  {
    name: 'Events whose request would pass the 130 kB body limit are split across requests.',
    settings: {
      ...settings,
      global: [{ source: 'anonymous_id', target: 'client_id' }],
      events: {
        big: {
          vendor_event: 'big',
          mappings: [{ source: 'properties.items', target: 'params.items' }],
        },
      },
    },
    input: [0, 1, 2].map((i) =>
      makeEvent({ event: 'big', event_id: `b${i}`, properties: { items: BIG_ITEMS } }),
    ),
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: [
              { name: 'big', params: { items: BIG_ITEMS } },
              { name: 'big', params: { items: BIG_ITEMS } },
            ],
          },
          event_ids: ['b0', 'b1'],
        },
        {
          url: URL,
          body: { client_id: 'anon-1', events: [{ name: 'big', params: { items: BIG_ITEMS } }] },
          event_ids: ['b2'],
        },
      ],
    },
  },
  {
    name: 'Test mode sends to the validation endpoint.',
    settings: { ...settings, test_mode: true },
    input: [makeEvent({ event: 'x', event_id: 'a' })],
    expected: {
      requests: [
        {
          url: 'https://www.google-analytics.com/debug/mp/collect?measurement_id=G-ABC123&api_secret=sec-ret',
          body: {
            client_id: 'anon-1',
            events: [{ name: 'x', timestamp_micros: T, params: { page_location: PAGE } }],
          },
        },
      ],
    },
  },
  {
    name: 'The EU region and a Firebase app id change host and query.',
    settings: { firebase_app_id: '1:123:android:abc', api_secret: 's', region: 'eu' },
    input: [makeEvent({ event: 'x', event_id: 'a' })],
    expected: {
      requests: [
        {
          url: 'https://region1.google-analytics.com/mp/collect?firebase_app_id=1:123:android:abc&api_secret=s',
          body: {
            client_id: 'anon-1',
            events: [{ name: 'x', timestamp_micros: T, params: { page_location: PAGE } }],
          },
        },
      ],
    },
  },
  {
    name: 'A reserved event name and an event without any client id are skipped with reasons.',
    settings,
    input: [
      makeEvent({ event: 'session_start', event_id: 'r1' }),
      makeEvent({ event: 'x', event_id: 'n1', anonymous_id: undefined, user_id: 'u' }),
    ],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'r1', reason: 'event name "session_start" is reserved' },
        {
          event_id: 'n1',
          reason: 'client_id is missing (context.vendor_ids.ga_client_id or anonymous_id)',
        },
      ],
    },
  },
  {
    name: 'A landing URL longer than 100 characters is sent whole (page_location allows 1000) and one over 1000 is cut to 1000, as GA4 would.',
    settings,
    input: [
      makeEvent({ event: 'x', event_id: 'long', context: { page: { url: LONG_PAGE } } }),
      makeEvent({ event: 'x', event_id: 'huge', context: { page: { url: LONG_PAGE.repeat(10) } } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            client_id: 'anon-1',
            events: [
              { name: 'x', timestamp_micros: T, params: { page_location: LONG_PAGE } },
              {
                name: 'x',
                timestamp_micros: T,
                params: { page_location: LONG_PAGE.repeat(10).slice(0, 1000) },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'With delivery’s clock, an event older than 72 hours is skipped (GA4 would drop it silently).',
    settings,
    ctx: { now: Date.parse('2026-01-05T12:00:00Z') },
    input: [makeEvent({ event: 'x', event_id: 'old' })],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'old', reason: 'timestamp_micros is older than the 72 hours GA4 accepts' },
      ],
    },
  },
  {
    name: 'Both a measurement id and a Firebase app id is a config error.',
    settings: { ...settings, firebase_app_id: '1:2:web:3' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.measurement_id' } },
  },
  {
    name: 'A numeric stream id instead of the G- id is a config error.',
    settings: { measurement_id: '123456', api_secret: 's' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.measurement_id' } },
  },
];

const debugUrl =
  'https://www.google-analytics.com/debug/mp/collect?measurement_id=G-1&api_secret=s';

export const ga4ClassifyCases: ClassifyCase[] = [
  {
    name: 'A 204 from production delivers every event even with an empty body.',
    request: { event_ids: ['a', 'b'], url: URL },
    response: { status: 204 },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'An empty validationMessages list delivers every event.',
    request: { event_ids: ['a'], url: debugUrl },
    response: { status: 200, body: { validationMessages: [] } },
    expected: [{ status: 'delivered' }],
  },
  {
    name: 'A validation message naming events[1] fails only the second event.',
    request: { event_ids: ['a', 'b'], url: debugUrl },
    response: {
      status: 200,
      body: {
        validationMessages: [
          { fieldPath: 'events[1].name', description: 'bad', validationCode: 'NAME_INVALID' },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      {
        event_id: 'b',
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'NAME_INVALID events[1].name: bad',
      },
    ],
  },
  {
    name: 'A request-level validation message fails every event.',
    request: { event_ids: ['a', 'b'], url: debugUrl },
    response: {
      status: 200,
      body: {
        validationMessages: [
          { fieldPath: 'client_id', description: 'missing', validationCode: 'VALUE_REQUIRED' },
        ],
      },
    },
    expected: [{ status: 'failed' }, { status: 'failed' }],
  },
  {
    name: 'A 5xx is retried.',
    request: { event_ids: ['a'], url: URL },
    response: { status: 503 },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'A 429 is a throttled retry.',
    request: { event_ids: ['a'], url: URL },
    response: { status: 429, headers: { 'retry-after': '3' } },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 3000 }],
  },
  {
    name: 'A 404 for a wrong path is permanent.',
    request: { event_ids: ['a'], url: URL },
    response: { status: 404 },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
