/** Airship golden cases as data (event shape: Airship's Custom Events reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { access_token: 'ua-token' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a purchased event for the named user with its value and transaction, and the version 3 Accept header',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://go.urbanairship.com/api/custom-events',
          headers: {
            authorization: 'Bearer ua-token',
            accept: 'application/vnd.urbanairship+json; version=3',
          },
          event_ids: ['ORD-1001'],
          body: [
            {
              occurred: FIXED_TIME,
              body: {
                name: 'purchased',
                value: 59.98,
                transaction: 'ORD-1001',
                properties: {
                  order_id: 'ORD-1001',
                  revenue: 59.98,
                  currency: 'USD',
                  products: [
                    {
                      product_id: 'SKU-1',
                      name: 'Tee',
                      price: 29.99,
                      quantity: 2,
                      brand: 'Acme',
                      category: 'Apparel',
                    },
                  ],
                },
              },
              user: { named_user_id: 'user-123' },
            },
          ],
        },
      ],
    },
  },
  {
    name: 'An EU project gets other events on the EU host, their names in lower case',
    settings: { ...SETTINGS, region: 'eu' },
    input: [makeEvent({ event_id: 'e1', event: 'Video Played', user_id: 'u1' })],
    expected: {
      requests: [
        {
          url: 'https://go.airship.eu/api/custom-events',
          body: [
            {
              occurred: FIXED_TIME,
              body: { name: 'video played', properties: {} },
              user: { named_user_id: 'u1' },
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A refused request (400) is final, quoting Airship’s error',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { ok: false, error: 'Could not parse request body.', error_code: 40000 },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: Could not parse request body.',
      },
    ],
  },
  {
    name: 'An accepted request is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { ok: true, operation_id: 'op-1' } },
    expected: [{ status: 'delivered' }],
  },
];
