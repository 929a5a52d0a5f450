/** mParticle golden cases as data (batch shape: mParticle's Events API reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'k1', api_secret: 's1' };
const MS = Date.parse(FIXED_TIME);

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a batch with one commerce event whose purchase action carries the order, total and products',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://s2s.us1.mparticle.com/v2/bulkevents',
          headers: { authorization: `Basic ${Buffer.from('k1:s1').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: [
            {
              environment: 'production',
              user_identities: { customer_id: 'user-123', email: 'john_smith@gmail.com' },
              ip: '203.0.113.7',
              events: [
                {
                  event_type: 'commerce_event',
                  data: {
                    custom_attributes: {
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
                    currency_code: 'USD',
                    timestamp_unixtime_ms: MS,
                    source_message_id: 'ORD-1001',
                    product_action: {
                      action: 'purchase',
                      transaction_id: 'ORD-1001',
                      total_amount: 59.98,
                      products: [{ id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2 }],
                    },
                  },
                },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    name: 'A page view is a screen view and another event a custom event, each its own batch in one request to the EU pod in development',
    settings: { ...SETTINGS, pod: 'eu1', environment: 'development' },
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, user_id: 'u1', context: {} }),
      makeEvent({ event_id: 'e2', event: 'Video Played', user_id: 'u1', context: {} }),
    ],
    expected: {
      requests: [
        {
          url: 'https://s2s.eu1.mparticle.com/v2/bulkevents',
          event_ids: ['pv-1', 'e2'],
          body: [
            {
              environment: 'development',
              user_identities: { customer_id: 'u1' },
              ip: '203.0.113.7',
              events: [
                {
                  event_type: 'screen_view',
                  data: {
                    custom_attributes: {},
                    timestamp_unixtime_ms: MS,
                    source_message_id: 'pv-1',
                    screen_name: 'Page View',
                  },
                },
              ],
            },
            {
              environment: 'development',
              user_identities: { customer_id: 'u1' },
              ip: '203.0.113.7',
              events: [
                {
                  event_type: 'custom_event',
                  data: {
                    custom_attributes: {},
                    timestamp_unixtime_ms: MS,
                    source_message_id: 'e2',
                    event_name: 'Video Played',
                    custom_event_type: 'other',
                  },
                },
              ],
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'Wrong key or secret (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { errors: [{ code: 'UNAUTHORIZED', message: 'Invalid credentials' }] },
    },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Invalid credentials' }],
  },
  {
    name: 'An accepted bulk (202) is delivered',
    request: { event_ids: ['a', 'b'] },
    response: { status: 202, body: '' },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
];
