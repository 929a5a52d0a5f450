/** Airtable golden cases as data (request shape: Airtable's Create records reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { access_token: 'pat1', base_id: 'appABC123', table: 'tblEvents' };
const URL = 'https://api.airtable.com/v0/appABC123/tblEvents';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one row with the event, its ids, the email and the properties as JSON, typecast on',
    settings: SETTINGS,
    input: [fullPurchase({ properties: { order_id: 'ORD-1001', revenue: 59.98 } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer pat1' },
          event_ids: ['ORD-1001'],
          body: {
            records: [
              {
                fields: {
                  Event: 'purchase',
                  'Event ID': 'ORD-1001',
                  Timestamp: FIXED_TIME,
                  'User ID': 'user-123',
                  'Anonymous ID': 'anon-1',
                  Email: 'john_smith@gmail.com',
                  Properties: '{"order_id":"ORD-1001","revenue":59.98}',
                },
              },
            ],
            typecast: true,
          },
        },
      ],
    },
  },
  {
    name: 'Eleven events make two requests: at most ten records each',
    settings: SETTINGS,
    input: Array.from({ length: 11 }, (_, i) =>
      makeEvent({ event_id: `e${i}`, event: 'Video Played' }),
    ),
    expected: {
      requests: [
        {
          url: URL,
          event_ids: Array.from({ length: 10 }, (_, i) => `e${i}`),
          body: {
            records: Array.from({ length: 10 }, (_, i) => ({
              fields: {
                Event: 'Video Played',
                'Event ID': `e${i}`,
                Timestamp: FIXED_TIME,
                'Anonymous ID': 'anon-1',
                Properties: '{}',
              },
            })),
            typecast: true,
          },
        },
        {
          url: URL,
          event_ids: ['e10'],
          body: {
            records: [
              {
                fields: {
                  Event: 'Video Played',
                  'Event ID': 'e10',
                  Timestamp: FIXED_TIME,
                  'Anonymous ID': 'anon-1',
                  Properties: '{}',
                },
              },
            ],
            typecast: true,
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown column (422) is final, quoting Airtable’s message',
    request: { event_ids: ['a'] },
    response: {
      status: 422,
      body: { error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Email"' } },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 422: Unknown field name: "Email"',
      },
    ],
  },
  {
    name: 'Too many requests (429) is retried',
    request: { event_ids: ['a'] },
    response: { status: 429, body: { errors: [{ error: 'RATE_LIMIT_REACHED' }] } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
