/** Heap golden cases as data (catalog row `heap` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { app_id: '4242' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase of an identified user is tracked as Order Completed with the app id in the body, flat properties and the event id as idempotency key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://heapanalytics.com/api/track',
          event_ids: ['ORD-1001'],
          body: {
            app_id: '4242',
            events: [
              {
                event: 'Order Completed',
                timestamp: FIXED_TIME,
                idempotency_key: 'ORD-1001',
                identity: 'user-123',
                properties: {
                  order_id: 'ORD-1001',
                  revenue: 59.98,
                  currency: 'USD',
                  products:
                    '[{"product_id":"SKU-1","name":"Tee","price":29.99,"quantity":2,"brand":"Acme","category":"Apparel"}]',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous event is skipped because Heap’s server-side events need a user id',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'evt-1', reason: 'Heap’s server-side events need a user id (identity)' },
      ],
    },
  },
  {
    name: 'An EU account tracks to the EU host, a custom event passing through under its own name',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({
        user_id: 'u1',
        event: 'Report Exported',
        properties: { format: 'csv', rows: 10, tags: ['a', 'b'] },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://c.eu.heap-api.com/api/track',
          body: {
            app_id: '4242',
            events: [
              {
                event: 'Report Exported',
                timestamp: FIXED_TIME,
                idempotency_key: 'evt-1',
                identity: 'u1',
                properties: { format: 'csv', rows: 10, tags: ['a', 'b'] },
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
    name: 'A 400 naming a bad app id is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'Invalid app_id' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid app_id' }],
  },
];
