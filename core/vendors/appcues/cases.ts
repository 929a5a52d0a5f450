/** Appcues golden cases as data (catalog row `appcues` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { account_id: '777', api_key: 'k', api_secret: 's' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is the user’s event in the path, with key and secret as Basic auth and the revenue in attributes',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.appcues.com/v2/accounts/777/users/user-123/events',
          headers: { authorization: `Basic ${Buffer.from('k:s').toString('base64')}` },
          body: {
            name: 'Order Completed',
            timestamp: FIXED_TIME,
            attributes: {
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
              _currentPageUrl: 'https://shop.example.com/checkout/thanks',
            },
          },
        },
      ],
    },
  },
  {
    name: 'An EU account posts to the EU host; an anonymous event is skipped',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({ event_id: 'e1', user_id: 'u1', event: 'Report Exported' }),
      makeEvent({ event_id: 'e2', event: 'Report Exported' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.eu.appcues.com/v2/accounts/777/users/u1/events',
          body: {
            name: 'Report Exported',
            timestamp: FIXED_TIME,
            attributes: { _currentPageUrl: 'https://shop.example.com/checkout/thanks' },
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Appcues needs a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'Wrong API credentials (401) fail as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { error: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
