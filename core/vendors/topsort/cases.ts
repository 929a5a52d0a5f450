/** Topsort golden cases as data (request shape: see index.ts). */
import { FIXED_TIME, fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is reported with the anonymous id as opaque user id and its items',
    settings: { api_key: 'ts-key' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.topsort.com/v2/events',
          headers: { authorization: 'Bearer ts-key' },
          event_ids: ['ORD-1001'],
          body: {
            purchases: [
              {
                id: 'ORD-1001',
                occurredAt: FIXED_TIME,
                opaqueUserId: 'anon-1',
                items: [{ productId: 'SKU-1', unitPrice: 29.99, quantity: 2 }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A purchase without products is skipped with Topsort’s reason',
    settings: { api_key: 'ts-key' },
    input: [fullPurchase({ event_id: 'ORD-2', properties: { order_id: 'ORD-2', revenue: 10 } })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'ORD-2', reason: 'Topsort needs a user id and the purchased items' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final and quotes Topsort',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'items: must not be empty' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: items: must not be empty' },
    ],
  },
  {
    name: 'A 403 is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { message: 'forbidden' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
