/** Brevo golden cases as data (request shape: Brevo's Create an event reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'xkeysib-1' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an order_completed event for the contact’s email, user id and E.164 phone, with the api-key header',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.brevo.com/v3/events',
          headers: { 'api-key': 'xkeysib-1' },
          event_ids: ['ORD-1001'],
          body: {
            event_name: 'order_completed',
            event_date: FIXED_TIME,
            identifiers: {
              email_id: 'john_smith@gmail.com',
              ext_id: 'user-123',
              phone_id: '+16505551212',
            },
            event_properties: {
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
      skipped: [{ event_id: 'e1', reason: 'Brevo needs an email, a user id or a phone' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad request (400) is final, quoting Brevo’s message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { code: 'bad_request', message: 'event_name is missing' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: event_name is missing' },
    ],
  },
  {
    name: 'A key without permission (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { code: 'unauthorized', message: 'Key not found' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
