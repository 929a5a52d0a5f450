/** Drip golden cases as data (batch shape: Drip's "Record a batch of events" reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { account_id: '9999', api_token: 'drip-token' };
const URL = 'https://api.getdrip.com/v2/9999/events/batches';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a Placed an order event for the subscriber’s email, in the one batch, with the token as Basic user',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: `Basic ${Buffer.from('drip-token:').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            batches: [
              {
                events: [
                  {
                    action: 'Placed an order',
                    occurred_at: FIXED_TIME,
                    email: 'john_smith@gmail.com',
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
                  },
                ],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Events share one batch; one without an email is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', traits: { email: 'a@example.com' } }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
      makeEvent({ event_id: 'e3', event: 'Video Paused', traits: { email: 'a@example.com' } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['e1', 'e3'],
          body: {
            batches: [
              {
                events: [
                  {
                    action: 'Video Played',
                    occurred_at: FIXED_TIME,
                    email: 'a@example.com',
                    properties: {},
                  },
                  {
                    action: 'Video Paused',
                    occurred_at: FIXED_TIME,
                    email: 'a@example.com',
                    properties: {},
                  },
                ],
              },
            ],
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Drip needs the subscriber’s email' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A refused batch (422) is final, quoting Drip’s error',
    request: { event_ids: ['a'] },
    response: {
      status: 422,
      body: {
        errors: [{ code: 'presence_error', attribute: 'email', message: 'Email is required' }],
      },
    },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 422: Email is required' },
    ],
  },
  {
    name: 'A 201 is delivered',
    request: { event_ids: ['a'] },
    response: { status: 201, body: {} },
    expected: [{ status: 'delivered' }],
  },
];
