/** WebEngage golden cases as data (request shape: WebEngage's REST API docs; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { license_code: '~abc123', api_key: 'we-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed event for the user with WebEngage’s time format and the key as a Bearer token',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.webengage.com/v1/accounts/~abc123/events',
          headers: { authorization: 'Bearer we-key' },
          event_ids: ['ORD-1001'],
          body: {
            eventName: 'Order Completed',
            eventTime: '2026-01-01T12:00:00+0000',
            userId: 'user-123',
            eventData: {
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
    name: 'An anonymous event on the India data center goes with the anonymous id',
    settings: { ...SETTINGS, data_center: 'in' },
    input: [makeEvent({ event_id: 'e1', event: 'Video Played' })],
    expected: {
      requests: [
        {
          url: 'https://api.in.webengage.com/v1/accounts/~abc123/events',
          body: {
            eventName: 'Video Played',
            eventTime: '2026-01-01T12:00:00+0000',
            anonymousId: 'anon-1',
            eventData: {},
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad request (400) is final, quoting WebEngage’s message',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { response: { status: 'error', message: 'Invalid eventTime' } },
    },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid eventTime' },
    ],
  },
];
