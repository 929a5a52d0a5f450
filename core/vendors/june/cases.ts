/** June golden cases as data (catalog row `june` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { write_key: 'wk-123' };
const CONTEXT = {
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  page: {
    url: 'https://shop.example.com/checkout/thanks',
    path: '/checkout/thanks',
    title: 'Thanks',
    referrer: 'https://shop.example.com/cart',
  },
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a track call with the write key as Basic authorization, the user and anonymous ids and the event id as messageId',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.june.so/sdk/track',
          headers: { authorization: 'Basic wk-123' },
          event_ids: ['ORD-1001'],
          body: {
            event: 'Order Completed',
            timestamp: FIXED_TIME,
            messageId: 'ORD-1001',
            userId: 'user-123',
            anonymousId: 'anon-1',
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
    name: 'A page view is a page call named after the page',
    settings: SETTINGS,
    input: [
      makeEvent({ type: 'page', event: undefined, name: 'Pricing', properties: { plan: 'pro' } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.june.so/sdk/page',
          body: {
            name: 'Pricing',
            timestamp: FIXED_TIME,
            messageId: 'evt-1',
            anonymousId: 'anon-1',
            properties: { plan: 'pro' },
            context: CONTEXT,
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong write key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Invalid write key' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
