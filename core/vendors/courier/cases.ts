/** Courier golden cases as data (request shape: Courier's inbound track reference; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { auth_token: 'pk_prod_1' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed track event for the user, with the event id as messageId',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.courier.com/inbound/courier',
          headers: { authorization: 'Bearer pk_prod_1' },
          event_ids: ['ORD-1001'],
          body: {
            messageId: 'ORD-1001',
            type: 'track',
            event: 'Order Completed',
            userId: 'user-123',
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
        },
      ],
    },
  },
  {
    name: 'An anonymous event is skipped',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'e1', event: 'Video Played' })],
    expected: { requests: [], skipped: [{ event_id: 'e1', reason: 'Courier needs a user id' }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong token (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Unauthorized' }],
  },
  {
    name: 'An accepted event (202) is delivered',
    request: { event_ids: ['a'] },
    response: { status: 202, body: { messageId: 'ORD-1001' } },
    expected: [{ status: 'delivered' }],
  },
];
