/** PagerDuty golden cases as data (trigger shape and answers: PagerDuty's Events API v2 docs; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const EVENTS = {
  payment_failed: { match: ['Payment Failed'], vendor_event: 'Payment failed at checkout' },
};

export const cases: VendorCase[] = [
  {
    name: 'A mapped Payment Failed event triggers an alert deduplicated by the event id, with the routing key in the body',
    settings: { routing_key: 'rk-1', severity: 'error', events: EVENTS },
    input: [
      makeEvent({
        event_id: 'pf-1',
        event: 'Payment Failed',
        properties: { order_id: 'ORD-9', reason: 'card_declined' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://events.pagerduty.com/v2/enqueue',
          event_ids: ['pf-1'],
          body: {
            event_action: 'trigger',
            dedup_key: 'pf-1',
            payload: {
              summary: 'Payment failed at checkout',
              source: 'Datafly Signal',
              severity: 'error',
              timestamp: FIXED_TIME,
              custom_details: { order_id: 'ORD-9', reason: 'card_declined' },
            },
            routing_key: 'rk-1',
          },
        },
      ],
    },
  },
  {
    name: 'A purchase pages no one by default',
    settings: { routing_key: 'rk-1' },
    input: [fullPurchase()],
    expected: { requests: [], skipped: [{ event_id: 'ORD-1001' }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An invalid event (400) is final, quoting PagerDuty’s first error',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ["Length of 'routing_key' is incorrect (should be 32 characters)"],
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: "HTTP 400: Length of 'routing_key' is incorrect (should be 32 characters)",
      },
    ],
  },
  {
    name: 'Throttling (429) is retried',
    request: { event_ids: ['a'] },
    response: { status: 429, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
