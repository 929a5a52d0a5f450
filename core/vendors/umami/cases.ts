/** Umami golden cases as data (catalog row `umami` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { website_id: 'w-1' };
const PAGE = {
  url: 'https://shop.example.com/checkout/thanks',
  referrer: 'https://shop.example.com/cart',
  title: 'Thanks',
  hostname: 'shop.example.com',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an event named Order Completed with its data (revenue and currency included), and the visitor’s user agent and IP in the headers',
    settings: SETTINGS,
    input: [
      fullPurchase({
        properties: {
          order_id: 'ORD-1001',
          total: 59.98,
          currency: 'usd',
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
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://cloud.umami.is/api/send',
          headers: {
            'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
            'x-forwarded-for': '203.0.113.7',
          },
          body: {
            type: 'event',
            payload: {
              website: 'w-1',
              name: 'Order Completed',
              ...PAGE,
              id: 'anon-1',
              data: {
                order_id: 'ORD-1001',
                total: 59.98,
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
        },
      ],
    },
  },
  {
    name: 'A self-hosted instance receives a page view as a payload without a name',
    settings: { ...SETTINGS, host: 'https://umami.acme.test' },
    input: [makeEvent({ type: 'page', event: undefined, name: 'Thanks' })],
    expected: {
      requests: [
        {
          url: 'https://umami.acme.test/api/send',
          body: { type: 'event', payload: { website: 'w-1', ...PAGE, id: 'anon-1' } },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: 'Bad request' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Bad request' }],
  },
];
