/** Spotify Ads golden cases as data (request shape: see index.ts; all of it beta). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://capi.spotify.com/capi-direct/events/';
const CONN = '11111111-2222-4333-8444-555555555555';

export const cases: VendorCase[] = [
  {
    name: 'A purchase goes to the connection with a Bearer token, hashed emails as a list, the hashed phone and the amount',
    settings: { connection_id: CONN, access_token: 'sp-token' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer sp-token' },
          event_ids: ['ORD-1001'],
          body: {
            capi_connection_id: CONN,
            events: [
              {
                event_id: 'ORD-1001',
                event_name: 'PURCHASE',
                event_time: FIXED_TIME,
                action_source: 'WEB',
                opt_out_targeting: false,
                event_source_url: 'https://shop.example.com/checkout/thanks',
                user_data: {
                  hashed_emails: [
                    '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  ],
                  hashed_phone_number:
                    '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                  ip_address: '203.0.113.7',
                },
                event_details: { amount: 59.98, currency: 'USD' },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead without an email or phone is skipped with Spotify’s reason',
    settings: { connection_id: CONN, access_token: 'sp-token' },
    input: [makeEvent({ event_id: 'l-1', event: 'Generate Lead' })],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'l-1',
          reason: 'Spotify matches on a hashed email or phone, and the event has neither',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A revoked token (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'invalid token' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 500 is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }],
  },
];
