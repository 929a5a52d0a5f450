/** FullStory golden cases as data (catalog row `fullstory` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'fs-key' };
const CONTEXT = {
  browser: {
    url: 'https://shop.example.com/checkout/thanks',
    user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  },
  location: { ip_address: '203.0.113.7' },
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one event with the API key as Basic authorization, the event id as idempotency key, the user’s uid and the most recent session',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.fullstory.com/v2/events',
          headers: { authorization: 'Basic fs-key', 'idempotency-key': 'ORD-1001' },
          body: {
            name: 'Order Completed',
            timestamp: FIXED_TIME,
            session: { use_most_recent: true },
            user: { uid: 'user-123' },
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
    name: 'An anonymous event is skipped, FullStory needing a user',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'evt-1', reason: 'FullStory needs a user id to attach the event to' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final, quoting FullStory’s message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { code: 'invalid_argument', message: 'name is required' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: name is required' }],
  },
];
