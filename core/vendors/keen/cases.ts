/** Keen golden cases as data (catalog row `keen` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { project_id: 'p1', write_key: 'wk' };
const PAGE = {
  url: 'https://shop.example.com/checkout/thanks',
  path: '/checkout/thanks',
  title: 'Thanks',
  referrer: 'https://shop.example.com/cart',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is recorded in the purchases collection with the write key in Authorization and the event time as keen.timestamp',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.keen.io/3.0/projects/p1/events/purchases',
          headers: { authorization: 'wk' },
          body: {
            event_id: 'ORD-1001',
            keen: { timestamp: FIXED_TIME },
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
            user: { id: 'user-123', anonymous_id: 'anon-1' },
            page: PAGE,
            ip_address: '203.0.113.7',
            user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
          },
        },
      ],
    },
  },
  {
    name: 'A custom event goes to a collection of its own name',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played', properties: { video_id: 'v1' } })],
    expected: {
      requests: [
        {
          url: 'https://api.keen.io/3.0/projects/p1/events/Video%20Played',
          body: {
            event_id: 'evt-1',
            keen: { timestamp: FIXED_TIME },
            properties: { video_id: 'v1' },
            user: { anonymous_id: 'anon-1' },
            page: PAGE,
            ip_address: '203.0.113.7',
            user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong write key (401) fails as an auth problem, quoting Keen',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { message: 'Invalid write key', error_code: 'InvalidApiKeyError' },
    },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Invalid write key' }],
  },
];
