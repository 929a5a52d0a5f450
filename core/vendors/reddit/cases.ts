/**
 * Reddit golden cases as data. Digests: the vectors in docs/vendors/ads-analytics-warehouse.md (`johnsmith@gmail.com` is the
 * canonical form of ` John_Smith@gmail.com `; `+16505551212`; `user-123`).
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const MS = Date.parse(FIXED_TIME);
const URL = 'https://ads-api.reddit.com/api/v3/pixels/a2_abc123/conversion_events';
const SETTINGS = { pixel_id: 'a2_abc123', access_token: 'rdt_secret' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const PAGE_URL = 'https://shop.example.com/checkout/thanks';

export const redditCases: VendorCase[] = [
  {
    name: 'A purchase becomes PURCHASE with hashed email, phone and external id, millisecond event_at and the order as conversion id',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { rdt_cid: 'rdt-click-1' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer rdt_secret', 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            data: {
              events: [
                {
                  event_at: MS,
                  action_source: 'WEBSITE',
                  type: { tracking_type: 'PURCHASE' },
                  click_id: 'rdt-click-1',
                  event_source_url: PAGE_URL,
                  user: {
                    email: '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586',
                    phone_number:
                      '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                    external_id: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
                    ip_address: '203.0.113.7',
                    user_agent: UA,
                  },
                  metadata: {
                    conversion_id: 'ORD-1001',
                    value: 59.98,
                    currency: 'USD',
                    products: [{ id: 'SKU-1', name: 'Tee', category: 'Apparel' }],
                  },
                },
              ],
            },
          },
        },
      ],
    },
  },
  {
    name: 'Test mode puts the test id inside data and the partner is sent when set',
    settings: { ...SETTINGS, test_mode: true, test_id: 't2_test', partner: 'DATAFLY' },
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            data: {
              test_id: 't2_test',
              partner: 'DATAFLY',
              events: [
                {
                  event_at: MS,
                  action_source: 'WEBSITE',
                  type: { tracking_type: 'PAGE_VISIT' },
                  event_source_url: PAGE_URL,
                  user: { ip_address: '203.0.113.7', user_agent: UA },
                  metadata: { conversion_id: 'pv-1' },
                },
              ],
            },
          },
        },
      ],
    },
  },
  {
    name: "An event with no click id and no identity is skipped with Reddit's reason",
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        context: { ip: undefined, user_agent: undefined },
      }),
    ],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'lead-1',
          reason:
            'Reddit needs a click id, an email, phone, external id or pixel uuid, or IP with user agent',
        },
      ],
    },
  },
  {
    name: 'A pixel id with a slash is refused naming the parameter',
    settings: { ...SETTINGS, pixel_id: 'a2/x' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.pixel_id' } },
  },
  {
    name: 'A missing access token is refused naming the parameter',
    settings: { pixel_id: 'a2_x' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.access_token' } },
  },
];

export const redditClassifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 delivers every event',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 200, body: { message: 'Successfully processed 2 conversion events.' } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: "HTTP 400 rejects the whole batch with Reddit's message",
    request: { event_ids: ['e1', 'e2'] },
    response: {
      status: 400,
      body: {
        message: 'There were 1 invalid conversion events. None were processed.',
        invalid_events: [{ error_message: 'event_at timestamp must be less than 168h0m0s old' }],
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: There were 1 invalid conversion events. None were processed.',
      },
      { status: 'failed', code: 'vendor_rejected' },
    ],
  },
  {
    name: 'HTTP 401 with a JSON explanation is an auth failure',
    request: { event_ids: ['e1'] },
    response: {
      status: 401,
      body: { success: false, error: { reason: 'UNAUTHORIZED', explanation: 'bad token' } },
    },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: bad token' }],
  },
  {
    name: 'HTTP 429 is retried after Retry-After',
    request: { event_ids: ['e1'] },
    response: { status: 429, headers: { 'retry-after': '4' }, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 4000 }],
  },
];
