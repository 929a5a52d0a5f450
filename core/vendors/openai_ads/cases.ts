/** OpenAI Ads golden cases as data (request shape: developers.openai.com/ads/conversions-api, see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://bzr.openai.com/v1/events?pid=Px1';
const SETTINGS = { pixel_id: 'Px1', api_key: 'oa-key' };
const MS = Date.parse(FIXED_TIME);
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is order_created with amounts in cents, the contents shape, hashed email and user id, and the oppref',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { oppref: 'oppref_abc' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer oa-key' },
          event_ids: ['ORD-1001'],
          body: {
            validate_only: false,
            events: [
              {
                id: 'ORD-1001',
                type: 'order_created',
                timestamp_ms: MS,
                action_source: 'web',
                oppref: 'oppref_abc',
                source_url: 'https://shop.example.com/checkout/thanks',
                user: {
                  email_sha256: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  external_id_sha256:
                    'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
                  ip_address: '203.0.113.7',
                  user_agent: UA,
                  country: 'US',
                  city: 'San Francisco',
                  zip_code: '94103-1234',
                },
                data: {
                  type: 'contents',
                  amount: 5998,
                  currency: 'USD',
                  contents: [{ id: 'SKU-1', quantity: 2, amount: 2999 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode only validates, and a yen lead keeps its amount with the customer_action shape',
    settings: { ...SETTINGS, test_mode: true },
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        properties: { value: 5000, currency: 'jpy' },
        context: { ip: undefined, user_agent: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            validate_only: true,
            events: [
              {
                id: 'lead-1',
                type: 'lead_created',
                timestamp_ms: MS,
                action_source: 'web',
                source_url: 'https://shop.example.com/checkout/thanks',
                data: { type: 'customer_action', amount: 5000, currency: 'JPY' },
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A rejected single event (400) is final and quotes OpenAI',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { message: 'timestamp_ms is older than 7 days' } } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: timestamp_ms is older than 7 days',
      },
    ],
  },
  {
    name: 'A bad key (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { error: { message: 'invalid api key' } } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
