/** Algolia Insights golden cases as data (catalog row `algolia_insights` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { app_id: 'APP1', api_key: 'search-key', index_name: 'products' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a purchase conversion on the index with both Algolia headers, the product ids, their price and quantity, and the total',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://insights.algolia.io/1/events',
          headers: { 'x-algolia-application-id': 'APP1', 'x-algolia-api-key': 'search-key' },
          body: {
            events: [
              {
                eventName: 'Order Completed',
                index: 'products',
                timestamp: Date.parse(FIXED_TIME),
                userToken: 'anon-1',
                authenticatedUserToken: 'user-123',
                eventType: 'conversion',
                eventSubtype: 'purchase',
                value: 59.98,
                currency: 'USD',
                objectIDs: ['SKU-1'],
                objectData: [{ price: 29.99, quantity: 2 }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A product view on the German region is a view of the record; a page view is not sent',
    settings: { ...SETTINGS, region: 'de' },
    input: [
      makeEvent({
        event_id: 'v1',
        event: 'Product Viewed',
        properties: { product_id: 'SKU-9', query_id: 'q-1' },
      }),
      makeEvent({ event_id: 'p1', type: 'page', event: undefined }),
    ],
    expected: {
      requests: [
        {
          url: 'https://insights.de.algolia.io/1/events',
          body: {
            events: [
              {
                eventName: 'Product Viewed',
                index: 'products',
                timestamp: Date.parse(FIXED_TIME),
                userToken: 'anon-1',
                queryID: 'q-1',
                eventType: 'view',
                objectIDs: ['SKU-9'],
              },
            ],
          },
        },
      ],
      skipped: [{ event_id: 'p1' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 422 naming a bad event is final, quoting Algolia',
    request: { event_ids: ['a'] },
    response: {
      status: 422,
      body: { status: 422, message: 'eventName must be between 1 and 64 characters' },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 422: eventName must be between 1 and 64 characters',
      },
    ],
  },
];
