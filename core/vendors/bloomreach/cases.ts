/** Bloomreach Engagement golden cases as data (command shape: Bloomreach's Tracking API docs; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { project_token: 'pt-1', api_key_id: 'kid', api_secret: 'ksec' };
const SEC = Date.parse(FIXED_TIME) / 1000;
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
    name: 'A purchase is a customers/events command naming the customer by registered id and cookie, with Basic key id and secret',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.exponea.com/track/v2/projects/pt-1/batch',
          headers: { authorization: `Basic ${Buffer.from('kid:ksec').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            commands: [
              {
                name: 'customers/events',
                data: {
                  event_type: 'purchase',
                  timestamp: SEC,
                  customer_ids: { registered: 'user-123', cookie: 'anon-1' },
                  properties: PROPS,
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An instance with its own API base gets the commands there',
    settings: { ...SETTINGS, api_base: 'https://api-acme.exponea.com/' },
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: 'https://api-acme.exponea.com/track/v2/projects/pt-1/batch',
          body: {
            commands: [
              {
                name: 'customers/events',
                data: {
                  event_type: 'page_visit',
                  timestamp: SEC,
                  customer_ids: { cookie: 'anon-1' },
                  properties: {},
                },
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
    name: 'A command that failed inside a 200 fails only its event',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 200,
      body: {
        success: true,
        results: [{ success: true }, { success: false, errors: ['invalid timestamp'] }],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      { event_id: 'b', status: 'failed', code: 'vendor_rejected', reason: 'invalid timestamp' },
    ],
  },
  {
    name: 'Rate limiting per IP (429) is retried',
    request: { event_ids: ['a'] },
    response: { status: 429, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
