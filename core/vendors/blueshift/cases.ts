/** Blueshift golden cases as data (event shape: Blueshift's Event API reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'bs-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a purchase event with the identities and its properties at the top, Basic with the event key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.getblueshift.com/api/v1/bulkevents',
          headers: { authorization: `Basic ${Buffer.from('bs-key:').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
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
                event: 'purchase',
                timestamp: FIXED_TIME,
                customer_id: 'user-123',
                email: 'john_smith@gmail.com',
                cookie: 'anon-1',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A property named like an identity field never replaces it, on the EU host',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        properties: { event: 'spoof', video_id: 'v1' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.eu.getblueshift.com/api/v1/bulkevents',
          body: {
            events: [
              { video_id: 'v1', event: 'Video Played', timestamp: FIXED_TIME, cookie: 'anon-1' },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong key (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Unauthorized' }],
  },
];
