/** TikTok offline golden cases as data (digests: the fixture's email lowercased, `+16505551212`, `user-123`). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const SETTINGS = { event_set_id: '7123', access_token: 'tt-token' };
const EM = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';

export const cases: VendorCase[] = [
  {
    name: 'An in-store purchase goes to the offline event set with hashed identities as lists, value and contents',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'access-token': 'tt-token' },
          event_ids: ['ORD-1001'],
          body: {
            event_source: 'offline',
            event_source_id: '7123',
            partner_name: 'Datafly',
            data: [
              {
                event: 'Purchase',
                event_time: 1767268800,
                event_id: 'ORD-1001',
                user: {
                  email: [EM],
                  phone: ['1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8'],
                  external_id: ['fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8'],
                },
                properties: {
                  value: 59.98,
                  currency: 'USD',
                  order_id: 'ORD-1001',
                  contents: [
                    { content_id: 'SKU-1', content_name: 'Tee', price: 29.99, quantity: 2 },
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
    name: 'Test mode adds the test event code; an anonymous lead is skipped',
    settings: { ...SETTINGS, test_mode: true, test_event_code: 'TEST123' },
    input: [
      makeEvent({
        event_id: 'l-1',
        event: 'Generate Lead',
        traits: { email: 'john_smith@gmail.com' },
      }),
      makeEvent({ event_id: 'l-2', event: 'Generate Lead' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['l-1'],
          body: {
            event_source: 'offline',
            event_source_id: '7123',
            partner_name: 'Datafly',
            test_event_code: 'TEST123',
            data: [
              { event: 'Lead', event_time: 1767268800, event_id: 'l-1', user: { email: [EM] } },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'l-2',
          reason: 'TikTok offline events need a hashed email, phone or external id',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 with code 40002 is a rejection quoting TikTok',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { code: 40002, message: 'Invalid event_source_id' } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'TikTok code 40002: Invalid event_source_id',
      },
    ],
  },
  {
    name: 'HTTP 200 with code 40100 is throttling',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { code: 40100, message: 'Too many requests' } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
  {
    name: 'HTTP 200 with code 0 is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { code: 0, message: 'OK' } },
    expected: [{ status: 'delivered' }],
  },
];
