/** RudderStack golden cases as data (call shape: see index.ts; all of it unverified). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { write_key: 'rs_wk', data_plane_url: 'https://acme.dataplane.rudderstack.com/' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed track call on the customer’s data plane, with the write key as Basic user',
    settings: SETTINGS,
    input: [fullPurchase({ context: { page: undefined } })],
    expected: {
      requests: [
        {
          url: 'https://acme.dataplane.rudderstack.com/v1/batch',
          headers: { authorization: `Basic ${Buffer.from('rs_wk:').toString('base64')}` },
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
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view is a page call named after the page',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'pv-1',
        type: 'page',
        event: undefined,
        name: 'Pricing',
        context: { ip: undefined, user_agent: undefined, page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://acme.dataplane.rudderstack.com/v1/batch',
          body: {
            batch: [
              {
                type: 'page',
                name: 'Pricing',
                messageId: 'pv-1',
                timestamp: FIXED_TIME,
                anonymousId: 'anon-1',
                properties: {},
                context: {},
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A data plane URL with a query string is refused',
    settings: { ...SETTINGS, data_plane_url: 'https://acme.example.com?x=1' },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.data_plane_url' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown write key (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: 'Invalid write key' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
