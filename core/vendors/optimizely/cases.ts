/** Optimizely golden cases as data (catalog row `optimizely` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { account_id: '999', event_ids: { purchase: '21234567' } };
const HEAD = {
  account_id: '999',
  anonymize_ip: true,
  client_name: 'datafly-signal',
  client_version: '1.0.0',
  enrich_decisions: true,
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is the visitor’s snapshot with the mapped entity id, revenue in cents, a UUID and the properties as tags',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://logx.optimizely.com/v1/events',
          headers: { 'x-optimizely-strict': 'true' },
          body: {
            ...HEAD,
            visitors: [
              {
                visitor_id: 'anon-1',
                attributes: [],
                snapshots: [
                  {
                    decisions: [],
                    events: [
                      {
                        entity_id: '21234567',
                        key: 'purchase',
                        timestamp: Date.parse(FIXED_TIME),
                        uuid: 'c7060b4c-669a-574b-b963-6afb21d725be',
                        revenue: 5998,
                        tags: {
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
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An event whose key has no Optimizely event id is skipped, naming the key',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'evt-1', reason: 'no Optimizely event id for "Video Played" in event_ids' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 for a malformed payload is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: 'Invalid payload' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid payload' }],
  },
];
