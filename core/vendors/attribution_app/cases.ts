/** Attribution golden cases as data (catalog row `attribution_app` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { project_id: 'proj-1' };
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
    name: 'A purchase is a track call with the project id as Basic username, the revenue and the visitor’s context',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://track.attributionapp.com/v1/t',
          headers: { authorization: `Basic ${Buffer.from('proj-1:').toString('base64')}` },
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
            context: {
              ...CONTEXT,
              traits: {
                email: ' John_Smith@gmail.com ',
                phone: '+1 (650) 555-1212',
                first_name: 'John',
                last_name: 'Smith',
                city: 'San Francisco',
                state: 'CA',
                postal_code: '94103-1234',
                country: 'US',
              },
            },
          },
        },
      ],
    },
  },
  {
    name: 'A page view with its campaign is a page call',
    settings: SETTINGS,
    input: [
      makeEvent({
        type: 'page',
        event: undefined,
        name: 'Landing',
        context: { campaign: { source: 'google', medium: 'cpc' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://track.attributionapp.com/v1/p',
          body: {
            type: 'page',
            name: 'Landing',
            timestamp: FIXED_TIME,
            messageId: 'evt-1',
            anonymousId: 'anon-1',
            properties: {},
            context: { ...CONTEXT, campaign: { source: 'google', medium: 'cpc' }, traits: {} },
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong project id (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: '' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
