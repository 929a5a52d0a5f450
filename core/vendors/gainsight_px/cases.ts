/** Gainsight PX golden cases as data (catalog row `gainsight_px` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'px-key' };
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
    name: 'A purchase is a Segment-format track call with the API key as Basic username and the revenue',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://segment-esp.aptrinsic.com/rte/segmentio/v1/push',
          headers: { authorization: `Basic ${Buffer.from('px-key:').toString('base64')}` },
          body: {
            type: 'track',
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
    name: 'A European subscription receives a page view as a page call; an anonymous event is skipped',
    settings: { ...SETTINGS, data_center: 'europe' },
    input: [
      makeEvent({
        event_id: 'p1',
        user_id: 'u1',
        type: 'page',
        event: undefined,
        name: 'Dashboard',
      }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://segment-esp-eu.aptrinsic.com/rte/segmentio/v1/push',
          body: {
            type: 'page',
            name: 'Dashboard',
            timestamp: FIXED_TIME,
            messageId: 'p1',
            userId: 'u1',
            anonymousId: 'anon-1',
            properties: {},
            context: CONTEXT,
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Gainsight PX needs a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong API key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: '' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
