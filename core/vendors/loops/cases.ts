/** Loops golden cases as data (request shape: Loops' Send event reference; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'loops-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an orderCompleted event for the contact, with plain properties and the event id as idempotency key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://app.loops.so/api/v1/events/send',
          headers: { authorization: 'Bearer loops-key', 'idempotency-key': 'ORD-1001' },
          event_ids: ['ORD-1001'],
          body: {
            eventName: 'orderCompleted',
            email: 'john_smith@gmail.com',
            userId: 'user-123',
            eventProperties: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
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
      skipped: [{ event_id: 'e1', reason: 'Loops needs an email or a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A refused event (400, success false) is final, quoting the message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { success: false, message: 'Invalid event name.' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid event name.' },
    ],
  },
  {
    name: 'A 429 is retried',
    request: { event_ids: ['a'] },
    response: { status: 429, body: { success: false, message: 'Rate limit exceeded' } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
