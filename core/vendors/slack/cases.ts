/** Slack golden cases as data (webhook URL and answers: Slack's incoming webhooks docs; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://hooks.slack.com/services/T0001/B0002/abcDEF123';

export const cases: VendorCase[] = [
  {
    name: 'A purchase posts a New order message listing the order’s plain properties to the webhook URL',
    settings: { webhook_url: `${URL}/` },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            text: '*New order* (user user-123)\n• order_id: ORD-1001\n• revenue: 59.98\n• currency: USD',
          },
        },
      ],
    },
  },
  {
    name: 'A page view posts nothing by default',
    settings: { webhook_url: URL },
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: { requests: [], skipped: [{ event_id: 'pv-1' }] },
  },
  {
    name: 'A URL that is not a Slack incoming webhook is refused',
    settings: { webhook_url: 'https://example.com/services/T/B/K' },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.webhook_url' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An archived channel (410) is final, quoting Slack’s text answer',
    request: { event_ids: ['a'] },
    response: { status: 410, body: 'channel_is_archived' },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'Slack 410: channel_is_archived' },
    ],
  },
  {
    name: 'A 429 is retried after Slack’s wait',
    request: { event_ids: ['a'] },
    response: { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 1000 }],
  },
];
