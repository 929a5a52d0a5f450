/** Knock golden cases as data (request shape: Knock's Trigger workflow reference; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'sk_live_1' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase triggers the order-completed workflow for the user, with the properties as data and the event id as idempotency key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.knock.app/v1/workflows/order-completed/trigger',
          headers: { authorization: 'Bearer sk_live_1', 'idempotency-key': 'ORD-1001' },
          event_ids: ['ORD-1001'],
          body: {
            recipients: ['user-123'],
            data: {
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
        },
      ],
    },
  },
  {
    name: 'An event without a mapping triggers nothing, and a sign-up without a user id is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', user_id: 'u1' }),
      makeEvent({ event_id: 'e2', event: 'Signed Up' }),
    ],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'e1' },
        { event_id: 'e2', reason: 'Knock needs a recipient (your user id)' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown workflow (404) is final, quoting Knock’s message',
    request: { event_ids: ['a'] },
    response: {
      status: 404,
      body: {
        code: 'resource_missing',
        message: 'The resource you requested does not exist',
        status: 404,
        type: 'api_error',
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 404: The resource you requested does not exist',
      },
    ],
  },
];
