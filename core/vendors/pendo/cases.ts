/** Pendo golden cases as data (catalog row `pendo` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { integration_key: 'pendo-secret' };
const CONTEXT = {
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  url: 'https://shop.example.com/checkout/thanks',
  title: 'Thanks',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one track event with the shared secret in its header, the user as visitor and millisecond time',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://app.pendo.io/data/track',
          headers: { 'x-pendo-integration-key': 'pendo-secret' },
          body: {
            type: 'track',
            event: 'Order Completed',
            timestamp: Date.parse(FIXED_TIME),
            visitorId: 'user-123',
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
            context: CONTEXT,
          },
        },
      ],
    },
  },
  {
    name: 'An EU subscription posts to the EU host, and an anonymous event is skipped',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({ event_id: 'e1', user_id: 'u1', event: 'Report Exported' }),
      makeEvent({ event_id: 'e2', event: 'Report Exported' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://app.eu.pendo.io/data/track',
          body: {
            type: 'track',
            event: 'Report Exported',
            timestamp: Date.parse(FIXED_TIME),
            visitorId: 'u1',
            properties: {},
            context: CONTEXT,
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Pendo needs the visitor’s id (a user id)' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong shared secret (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: 'Unauthorized' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
