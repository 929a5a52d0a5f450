/** Braze golden cases as data (body shape, identifiers and answers: docs/vendors/more-vendors-and-catalog.md §8). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'braze-key', instance: 'US-03' };
const PROPS = {
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
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase goes to the instance’s host with the key as a Bearer token, as an Order Completed event and one purchase per product',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://rest.iad-03.braze.com/users/track',
          headers: { authorization: 'Bearer braze-key', 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
                name: 'Order Completed',
                time: FIXED_TIME,
                external_id: 'user-123',
                properties: PROPS,
              },
            ],
            purchases: [
              {
                external_id: 'user-123',
                product_id: 'SKU-1',
                price: 29.99,
                quantity: 2,
                currency: 'USD',
                time: FIXED_TIME,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous visitor’s page view is sent with the anonymous id as a user alias that may create a profile, on the EU host',
    settings: { ...SETTINGS, instance: 'EU-01' },
    input: [
      makeEvent({
        event_id: 'pv-1',
        type: 'page',
        event: undefined,
        properties: { path: '/pricing' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://rest.fra-01.braze.eu/users/track',
          body: {
            events: [
              {
                name: 'Page Viewed',
                time: FIXED_TIME,
                user_alias: { alias_name: 'anon-1', alias_label: 'anonymous_id' },
                _update_existing_only: false,
                properties: { path: '/pricing' },
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
    name: 'A success with a non-fatal error fails only the event Braze names by its index',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 201,
      body: {
        message: 'success',
        events_processed: 1,
        errors: [{ type: 'Invalid time', input_array: 'events', index: 1 }],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      { event_id: 'b', status: 'failed', code: 'vendor_rejected', reason: 'Braze: Invalid time' },
    ],
  },
  {
    name: 'An unknown REST API key (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Invalid API key: xyz' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
