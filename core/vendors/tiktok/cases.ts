/**
 * TikTok golden cases as data: envelope(s) + integration config → the exact requests.
 * Digests are the vectors in docs/vendors/ads-analytics-warehouse.md (§0.1).
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const T = Math.floor(Date.parse(FIXED_TIME) / 1000);
const URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const HEADERS = { 'access-token': 'tt-secret', 'content-type': 'application/json' };
const SETTINGS = { pixel_code: 'C1234567890ABCDEFG', access_token: 'tt-secret' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const PAGE = {
  url: 'https://shop.example.com/checkout/thanks',
  referrer: 'https://shop.example.com/cart',
};

const body = (data: unknown[], extra: Record<string, unknown> = {}) => ({
  event_source: 'web',
  event_source_id: 'C1234567890ABCDEFG',
  ...extra,
  data,
});

export const tiktokCases: VendorCase[] = [
  {
    name: 'A purchase with full user data hashes email, phone (+E.164), names and zip, keeps city/state/country plain and lists the products',
    settings: SETTINGS,
    input: [
      fullPurchase({
        context: {
          vendor_ids: { ttp: '2F7h37YkS1j57AYSKTI7IHhJPYH' },
          click_ids: { ttclid: 'E.C.P.abc123' },
          locale: 'en-US',
        },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'POST',
          url: URL,
          headers: HEADERS,
          event_ids: ['ORD-1001'],
          body: body([
            {
              event: 'Purchase',
              event_time: T,
              event_id: 'ORD-1001',
              user: {
                email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                phone: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                external_id: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
                first_name: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
                last_name: '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd',
                zip_code: '91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789',
                city: 'sanfrancisco',
                state: 'ca',
                country: 'us',
                ttclid: 'E.C.P.abc123',
                ttp: '2F7h37YkS1j57AYSKTI7IHhJPYH',
                ip: '203.0.113.7',
                user_agent: UA,
                locale: 'en-US',
              },
              page: PAGE,
              properties: {
                value: 59.98,
                currency: 'USD',
                content_type: 'product',
                order_id: 'ORD-1001',
                contents: [
                  {
                    content_id: 'SKU-1',
                    content_name: 'Tee',
                    content_category: 'Apparel',
                    brand: 'Acme',
                    price: 29.99,
                    quantity: 2,
                  },
                ],
              },
            },
          ]),
        },
      ],
      skipped: [],
    },
  },
  {
    name: 'A page view becomes ViewContent with the page title as description and IP/UA in clear',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          method: 'POST',
          url: URL,
          headers: HEADERS,
          event_ids: ['pv-1'],
          body: body([
            {
              event: 'ViewContent',
              event_time: T,
              event_id: 'pv-1',
              user: { ip: '203.0.113.7', user_agent: UA },
              page: PAGE,
              properties: { description: 'Thanks' },
            },
          ]),
        },
      ],
      skipped: [],
    },
  },
  {
    name: 'Product Added becomes AddToCart with its one product as contents and a string content_id',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'atc-1',
        event: 'Product Added',
        properties: { product_id: 42, name: 'Tee', price: '29.99', quantity: 1, currency: 'usd' },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'POST',
          url: URL,
          headers: HEADERS,
          event_ids: ['atc-1'],
          body: body([
            {
              event: 'AddToCart',
              event_time: T,
              event_id: 'atc-1',
              user: { ip: '203.0.113.7', user_agent: UA },
              page: PAGE,
              properties: {
                value: 29.99,
                currency: 'USD',
                content_type: 'product',
                contents: [{ content_id: '42', content_name: 'Tee', price: 29.99, quantity: 1 }],
              },
            },
          ]),
        },
      ],
      skipped: [],
    },
  },
  {
    name: 'A lead with an already-hashed email passes the digest through and an event nobody mapped is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        traits: { email: '542D240129883C019E106E3B1B2D3F3CB3537C43C425364DE8E951D5A3083345' },
      }),
      makeEvent({ event_id: 'x-1', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          method: 'POST',
          url: URL,
          headers: HEADERS,
          event_ids: ['lead-1'],
          body: body([
            {
              event: 'Lead',
              event_time: T,
              event_id: 'lead-1',
              user: {
                email: '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345',
                ip: '203.0.113.7',
                user_agent: UA,
              },
              page: PAGE,
            },
          ]),
        },
      ],
      skipped: [
        { event_id: 'x-1', reason: 'no mapping for event "Video Played" (defaults: drop)' },
      ],
    },
  },
  {
    name: 'Test mode adds test_event_code and an endpoint override moves the request to the sandbox',
    settings: {
      ...SETTINGS,
      test_mode: true,
      test_event_code: 'TEST98765',
      endpoint_override: 'http://127.0.0.1:9999/',
    },
    input: [
      makeEvent({
        event_id: 'pv-2',
        type: 'page',
        event: undefined,
        context: { page: { url: 'https://a.example/' } },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'POST',
          url: 'http://127.0.0.1:9999/open_api/v1.3/event/track/',
          headers: HEADERS,
          event_ids: ['pv-2'],
          body: body(
            [
              {
                event: 'ViewContent',
                event_time: T,
                event_id: 'pv-2',
                user: { ip: '203.0.113.7', user_agent: UA },
                page: { url: 'https://a.example/' },
              },
            ],
            { test_event_code: 'TEST98765' },
          ),
        },
      ],
      skipped: [],
    },
  },
  {
    name: 'A test_event_code on file is not sent while test mode is off',
    settings: { ...SETTINGS, test_event_code: 'TEST98765' },
    input: [
      makeEvent({
        event_id: 'pv-3',
        type: 'page',
        event: undefined,
        context: { ip: undefined, user_agent: undefined, page: { url: 'https://a.example/' } },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'POST',
          url: URL,
          headers: HEADERS,
          event_ids: ['pv-3'],
          body: body([
            {
              event: 'ViewContent',
              event_time: T,
              event_id: 'pv-3',
              page: { url: 'https://a.example/' },
            },
          ]),
        },
      ],
      skipped: [],
    },
  },
];

/** Config problems parseSettings must name. */
export const tiktokConfigCases: VendorCase[] = [
  {
    name: 'A config without the access token is refused naming the parameter',
    settings: { pixel_code: 'C1' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.access_token' } },
  },
  {
    name: 'Test mode without a test event code is refused',
    settings: { ...SETTINGS, test_mode: true },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.test_event_code' } },
  },
  {
    name: 'A mapping row with an unknown transform is refused naming its path',
    settings: {
      ...SETTINGS,
      global: [{ source: 'traits.email', target: 'user.email', transforms: ['meta.hash_email'] }],
    },
    input: [],
    expected: { error: { code: 'config_error', field: 'global[0].transforms[0]' } },
  },
];

const two = { event_ids: ['e1', 'e2'] };

/** TikTok answers → per-event outcomes. */
export const tiktokClassifyCases: ClassifyCase[] = [
  {
    name: "An HTTP-date Retry-After is measured against the answer's own Date header",
    request: { event_ids: ['e1'] },
    response: {
      status: 429,
      headers: {
        'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT',
        date: 'Thu, 01 Jan 2026 12:00:00 GMT',
      },
      body: { code: 40100, message: 'Too many requests' },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 30_000 }],
  },
  {
    name: 'HTTP 200 with code 0 delivers every event of the batch',
    request: two,
    response: { status: 200, body: { code: 0, message: 'OK', data: {} } },
    expected: [
      { event_id: 'e1', status: 'delivered' },
      { event_id: 'e2', status: 'delivered' },
    ],
  },
  {
    name: 'HTTP 200 with code 20001 (partial success) counts as delivered',
    request: two,
    response: { status: 200, body: { code: 20001, message: 'Partial success' } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'HTTP 200 with code 40002 fails the whole batch as rejected, quoting TikTok',
    request: two,
    response: {
      status: 200,
      body: { code: 40002, message: 'data.0.properties.contents.0.content_id: Not a valid string' },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'TikTok code 40002: data.0.properties.contents.0.content_id: Not a valid string',
      },
      { status: 'failed', code: 'vendor_rejected' },
    ],
  },
  {
    name: 'HTTP 200 with code 40100 is an in-body throttle and is retried',
    request: two,
    response: { status: 200, body: { code: 40100, message: 'Too many requests' } },
    expected: [
      { status: 'retry', code: 'vendor_throttled' },
      { status: 'retry', code: 'vendor_throttled' },
    ],
  },
  {
    name: 'HTTP 200 with code 40001 is a permission problem, not retried',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: { code: 40001, message: 'No permission' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'HTTP 200 with a 5xxxx code is a TikTok server error and is retried',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: { code: 51000, message: 'Internal' } },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'HTTP 429 is retried after the Retry-After seconds',
    request: { event_ids: ['e1'] },
    response: {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { code: 40100, message: 'Too many requests' },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 30_000 }],
  },
  {
    name: 'HTTP 503 is retried as a server error',
    request: { event_ids: ['e1'] },
    response: { status: 503, body: 'upstream unavailable' },
    expected: [{ status: 'retry', code: 'vendor_server_error', reason: 'HTTP 503' }],
  },
  {
    name: 'HTTP 400 fails as rejected',
    request: { event_ids: ['e1'] },
    response: { status: 400, body: 'bad request' },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
  {
    name: 'HTTP 401 fails as an auth problem',
    request: { event_ids: ['e1'] },
    response: { status: 401, body: '' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'HTTP 200 whose body is not a TikTok answer is retried rather than assumed delivered',
    request: { event_ids: ['e1'] },
    response: { status: 200, body: '<html>proxy</html>' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
];
