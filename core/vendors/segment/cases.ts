/** Segment golden cases as data (endpoint, auth and call shape: docs/vendors/more-vendors-and-catalog.md §10). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { write_key: 'wk_abc' };
const BASIC = `Basic ${Buffer.from('wk_abc:').toString('base64')}`;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed track call with the event id as messageId, sent with the write key as Basic user',
    settings: SETTINGS,
    input: [fullPurchase({ context: {} })],
    expected: {
      requests: [
        {
          url: 'https://api.segment.io/v1/batch',
          headers: { authorization: BASIC, 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            batch: [
              {
                type: 'track',
                event: 'Order Completed',
                messageId: 'ORD-1001',
                timestamp: FIXED_TIME,
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
                context: {
                  ip: '203.0.113.7',
                  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                  page: {
                    url: 'https://shop.example.com/checkout/thanks',
                    path: '/checkout/thanks',
                    title: 'Thanks',
                    referrer: 'https://shop.example.com/cart',
                  },
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An EU workspace gets a page view as a page call on the EU host',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({
        event_id: 'pv-1',
        type: 'page',
        event: undefined,
        name: 'Pricing',
        properties: { path: '/pricing' },
        context: { ip: undefined, user_agent: undefined, page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://events.eu1.segmentapis.com/v1/batch',
          body: {
            batch: [
              {
                type: 'page',
                name: 'Pricing',
                messageId: 'pv-1',
                timestamp: FIXED_TIME,
                anonymousId: 'anon-1',
                properties: { path: '/pricing' },
                context: {},
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A batch over 500 KB (400) is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { success: false, message: 'Request entity too large' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Request entity too large' },
    ],
  },
  {
    name: 'A 429 with Retry-After is retried after the wait',
    request: { event_ids: ['a'] },
    response: { status: 429, headers: { 'retry-after': '2' }, body: {} },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 2000 }],
  },
];
