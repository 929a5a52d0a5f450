/** Branch golden cases as data (request shape: see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://api2.branch.io/v2/event/standard';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a PURCHASE standard event with the Branch key in the body, the user id as developer identity, event data and content items',
    settings: { branch_key: 'key_live_abc' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            branch_key: 'key_live_abc',
            name: 'PURCHASE',
            user_data: { developer_identity: 'user-123', user_agent: UA, ip: '203.0.113.7' },
            event_data: { revenue: 59.98, currency: 'USD', transaction_id: 'ORD-1001' },
            content_items: [
              {
                $sku: 'SKU-1',
                $product_name: 'Tee',
                $price: 29.99,
                $quantity: 2,
                $product_brand: 'Acme',
                $product_category: 'Apparel',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An Android app’s product view carries the advertising id as aaid; an anonymous web view is skipped',
    settings: { branch_key: 'key_live_abc' },
    input: [
      makeEvent({
        event_id: 'v-1',
        event: 'Product Viewed',
        properties: { product_id: 'SKU-2' },
        context: {
          device: { advertising_id: 'gaid-1' },
          os: { name: 'Android' },
          ip: undefined,
          user_agent: undefined,
        },
      }),
      makeEvent({ event_id: 'v-2', event: 'Product Viewed', properties: { product_id: 'SKU-2' } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['v-1'],
          body: {
            branch_key: 'key_live_abc',
            name: 'VIEW_ITEM',
            user_data: { os: 'Android', aaid: 'gaid-1' },
            content_items: [{ $sku: 'SKU-2' }],
          },
        },
      ],
      skipped: [
        {
          event_id: 'v-2',
          reason:
            'Branch needs a user id (developer identity), an advertising id or a browser fingerprint id',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad Branch key (400) is final and quotes Branch',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { error: { code: 400, message: 'Invalid or missing app id, Branch key, or secret' } },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: Invalid or missing app id, Branch key, or secret',
      },
    ],
  },
  {
    name: 'A 503 is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry' }],
  },
];
