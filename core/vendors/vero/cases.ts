/** Vero golden cases as data (request shape: Vero's track event reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { auth_token: 'vero-token' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a Purchased event for the user, with the auth token in the body',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.getvero.com/api/v2/events/track',
          event_ids: ['ORD-1001'],
          body: {
            event_name: 'Purchased',
            extras: { created_at: FIXED_TIME },
            identity: { id: 'user-123', email: 'john_smith@gmail.com' },
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
            auth_token: 'vero-token',
          },
        },
      ],
    },
  },
  {
    name: 'An event with only an email is skipped: Vero needs the user id',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', traits: { email: 'a@example.com' } }),
    ],
    expected: { requests: [], skipped: [{ event_id: 'e1', reason: 'Vero needs a user id' }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong auth token (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { status: 401, message: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Unauthorized' }],
  },
];
