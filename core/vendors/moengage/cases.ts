/** MoEngage golden cases as data (request shape: MoEngage's Data API reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { app_id: 'APP1', api_key: 'mk', data_center: 'dc02' };
const SEC = Date.parse(FIXED_TIME) / 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one Order Completed action for the customer, on the data center’s host with Basic app id and key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api-02.moengage.com/v1/event/APP1',
          headers: { authorization: `Basic ${Buffer.from('APP1:mk').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            type: 'event',
            customer_id: 'user-123',
            actions: [
              {
                action: 'Order Completed',
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
                platform: 'web',
                current_time: SEC,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous event is skipped',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'e1', event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'e1', reason: 'MoEngage needs a customer id (your user id)' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 with status fail is final, quoting the error message',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { status: 'fail', error: { message: 'Invalid APP_ID', type: 'Bad Request' } },
    },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid APP_ID' }],
  },
  {
    name: 'A success is delivered',
    request: { event_ids: ['a'] },
    response: {
      status: 200,
      body: {
        status: 'success',
        message: 'Your request has been accepted and will be processed soon.',
      },
    },
    expected: [{ status: 'delivered' }],
  },
];
