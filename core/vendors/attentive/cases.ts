/** Attentive golden cases as data (event shape: Attentive's Custom Events reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'att-key' };
const URL = 'https://api.attentivemobile.com/v1/events/custom';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an Order Completed custom event for the subscriber’s E.164 phone, email and user id, with plain properties',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer att-key' },
          event_ids: ['ORD-1001'],
          body: {
            type: 'Order Completed',
            externalEventId: 'ORD-1001',
            occurredAt: FIXED_TIME,
            user: {
              phone: '+16505551212',
              email: 'john_smith@gmail.com',
              externalIdentifiers: { clientUserId: 'user-123' },
            },
            properties: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
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
      skipped: [{ event_id: 'e1', reason: 'Attentive needs a phone, an email or a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A refused event (400) is final, quoting the message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'type must not be blank' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: type must not be blank' },
    ],
  },
  {
    name: 'A 204 is delivered',
    request: { event_ids: ['a'] },
    response: { status: 204 },
    expected: [{ status: 'delivered' }],
  },
];
