/** Make golden cases as data (webhook URL and answer: see index.ts). */
import { FIXED_TIME, fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const NO_CONTEXT = { page: undefined, ip: undefined, user_agent: undefined };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is posted whole to the webhook on its own zone host',
    settings: { webhook_url: 'https://hook.us2.make.com/abc123def456/' },
    input: [
      fullPurchase({
        traits: {},
        context: NO_CONTEXT,
        properties: { order_id: 'ORD-1001', revenue: 59.98 },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://hook.us2.make.com/abc123def456',
          event_ids: ['ORD-1001'],
          body: {
            event: 'purchase',
            event_id: 'ORD-1001',
            type: 'track',
            timestamp: FIXED_TIME,
            user_id: 'user-123',
            anonymous_id: 'anon-1',
            properties: { order_id: 'ORD-1001', revenue: 59.98 },
            traits: {},
            context: {},
          },
        },
      ],
    },
  },
  {
    name: 'A URL that is not a Make webhook is refused',
    settings: { webhook_url: 'https://hook.eu1.example.com/abc' },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.webhook_url' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A deleted webhook (410, text) is final, quoting the text',
    request: { event_ids: ['a'] },
    response: { status: 410, body: 'There is no scenario listening for this webhook.' },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 410: There is no scenario listening for this webhook.',
      },
    ],
  },
  {
    name: 'Accepted is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: 'Accepted' },
    expected: [{ status: 'delivered' }],
  },
];
