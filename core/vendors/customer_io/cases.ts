/** Customer.io golden cases as data (call shape: Customer.io's Track API v2 reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { site_id: 'site1', api_key: 'trk' };
const SEC = Date.parse(FIXED_TIME) / 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed event for the person with the user id, sent with Basic site id and key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://track.customer.io/api/v2/batch',
          headers: { authorization: `Basic ${Buffer.from('site1:trk').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            batch: [
              {
                type: 'person',
                action: 'event',
                name: 'Order Completed',
                timestamp: SEC,
                identifiers: { id: 'user-123' },
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
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous page view on an EU account is a page action named by its URL, with the anonymous id',
    settings: { ...SETTINGS, region: 'eu' },
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: 'https://track-eu.customer.io/api/v2/batch',
          body: {
            batch: [
              {
                type: 'person',
                action: 'page',
                name: 'https://shop.example.com/checkout/thanks',
                timestamp: SEC,
                anonymous_id: 'anon-1',
                attributes: {},
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
    name: 'Wrong credentials (401) are a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { meta: { error: 'Unauthorized request' } } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Unauthorized request' }],
  },
  {
    name: 'A 503 is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry' }],
  },
];
