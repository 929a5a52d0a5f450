/** Rockerbox golden cases as data (fields: see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://webhooks.getrockerbox.com/webhook/data?advertiser=acme';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a conv.purchase webhook with the advertiser in the query, Unix seconds, the ids, the email and the order',
    settings: { advertiser_id: 'acme' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            action: 'conv.purchase',
            timestamp: 1767268800,
            conversion_source: 'Datafly',
            customer_id: 'user-123',
            anonymous_id: 'anon-1',
            email: 'john_smith@gmail.com',
            phone: '+1 (650) 555-1212',
            url: 'https://shop.example.com/checkout/thanks',
            ip: '203.0.113.7',
            revenue: 59.98,
            order_id: 'ORD-1001',
            currency: 'USD',
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous search carries the query',
    settings: { advertiser_id: 'acme' },
    input: [
      makeEvent({
        event_id: 's-1',
        event: 'Products Searched',
        properties: { query: 'linen' },
        context: { ip: undefined, page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            action: 'conv.search',
            timestamp: 1767268800,
            conversion_source: 'Datafly',
            anonymous_id: 'anon-1',
            query: 'linen',
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'unknown advertiser' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: unknown advertiser' },
    ],
  },
  {
    name: 'A 502 is retried',
    request: { event_ids: ['a'] },
    response: { status: 502, body: '' },
    expected: [{ status: 'retry' }],
  },
];
