/** Iterable golden cases as data (body shape: Iterable's trackBulk reference; see index.ts for what is unverified). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'it-key' };
const SEC = Date.parse(FIXED_TIME) / 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed event with the key in the Api-Key header, epoch seconds, the event id and the properties as data fields',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.iterable.com/api/events/trackBulk',
          headers: { 'api-key': 'it-key' },
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
                eventName: 'Order Completed',
                id: 'ORD-1001',
                createdAt: SEC,
                email: 'john_smith@gmail.com',
                userId: 'user-123',
                dataFields: {
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
    name: 'An EU project posts to the EU host, and an anonymous event (no email, no user id) is skipped',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', user_id: 'u1' }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.eu.iterable.com/api/events/trackBulk',
          event_ids: ['e1'],
          body: {
            events: [
              { eventName: 'Video Played', id: 'e1', createdAt: SEC, userId: 'u1', dataFields: {} },
            ],
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Iterable needs an email or a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad API key (401) is a credential failure quoting Iterable’s msg',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { msg: 'Invalid API key', code: 'BadApiKey', params: null } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Invalid API key' }],
  },
  {
    name: 'A 429 is retried',
    request: { event_ids: ['a'] },
    response: { status: 429, body: { msg: 'Rate limit exceeded', code: 'RateLimitExceeded' } },
    expected: [{ status: 'retry' }],
  },
];
