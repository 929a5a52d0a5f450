/** Zapier golden cases as data (catch hook URL and answer: see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://hooks.zapier.com/hooks/catch/98765/u8abc1/';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is posted whole to the catch hook: name, id, time, ids, properties, traits and context',
    settings: { webhook_url: 'https://hooks.zapier.com/hooks/catch/98765/u8abc1' },
    input: [
      fullPurchase({
        traits: { email: 'a@example.com' },
        context: { page: undefined, ip: undefined, user_agent: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            event: 'purchase',
            event_id: 'ORD-1001',
            type: 'track',
            timestamp: FIXED_TIME,
            user_id: 'user-123',
            anonymous_id: 'anon-1',
            properties: {
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
            traits: { email: 'a@example.com' },
            context: {},
          },
        },
      ],
    },
  },
  {
    name: 'Another event passes through under its own name',
    settings: { webhook_url: URL },
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        context: { page: undefined, ip: undefined, user_agent: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            event: 'Video Played',
            event_id: 'e1',
            type: 'track',
            timestamp: FIXED_TIME,
            anonymous_id: 'anon-1',
            properties: {},
            traits: {},
            context: {},
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A turned-off Zap’s hook (410) is final',
    request: { event_ids: ['a'] },
    response: {
      status: 410,
      body: { status: 'failure', message: 'This hook is no longer active.' },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 410: This hook is no longer active.',
      },
    ],
  },
  {
    name: 'A success answer is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { status: 'success', attempt: 'x', id: 'y', request_id: 'z' } },
    expected: [{ status: 'delivered' }],
  },
];
