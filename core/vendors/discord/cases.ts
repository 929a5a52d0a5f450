/** Discord golden cases as data (webhook URL and answers: Discord's Execute Webhook docs; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://discord.com/api/webhooks/1111/tok_en-1';

export const cases: VendorCase[] = [
  {
    name: 'A purchase posts a New order message to the webhook, waiting for Discord’s answer',
    settings: { webhook_url: 'https://discordapp.com/api/webhooks/1111/tok_en-1/' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: `${URL}?wait=true`,
          event_ids: ['ORD-1001'],
          body: {
            content:
              '**New order** (user user-123)\n• order_id: ORD-1001\n• revenue: 59.98\n• currency: USD',
          },
        },
      ],
    },
  },
  {
    name: 'A mapped sign-up without properties is one line',
    settings: { webhook_url: URL },
    input: [makeEvent({ event_id: 's1', event: 'Signed Up' })],
    expected: { requests: [{ url: `${URL}?wait=true`, body: { content: '**New sign-up**' } }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A deleted webhook (404) is final, quoting Discord’s message',
    request: { event_ids: ['a'] },
    response: { status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 404: Unknown Webhook' }],
  },
  {
    name: 'A 429 is retried after the wait',
    request: { event_ids: ['a'] },
    response: {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { message: 'You are being rate limited.', retry_after: 2, global: false },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 2000 }],
  },
];
