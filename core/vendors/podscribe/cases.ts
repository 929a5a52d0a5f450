/** Podscribe golden cases as data (query parameters: see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const q = (params: Record<string, string>): string =>
  `https://verifi.podscribe.com/tag?${Object.entries(params)
    .map(
      ([k, v]) =>
        `${k}=${encodeURIComponent(v).replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@')}`,
    )
    .join('&')}`;
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one GET with the action, the advertiser, the IP, the order value and number, and the hashed email in the query',
    settings: { advertiser: 'acme' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'GET',
          url: q({
            action: 'purchase',
            timestamp: FIXED_TIME,
            device_id: 'anon-1',
            ip: '203.0.113.7',
            user_agent: UA,
            url: 'https://shop.example.com/checkout/thanks',
            referrer: 'https://shop.example.com/cart',
            order_value: '59.98',
            order_number: 'ORD-1001',
            currency: 'USD',
            hashed_email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
            advertiser: 'acme',
          }),
          event_ids: ['ORD-1001'],
        },
      ],
    },
  },
  {
    name: 'A page view without an IP is skipped, since Podscribe attributes by IP',
    settings: { advertiser: 'acme' },
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, context: { ip: undefined } }),
    ],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'pv-1', reason: 'Podscribe attributes by IP address, which the event lacks' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: 'advertiser is required' },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
  {
    name: 'A 502 is retried',
    request: { event_ids: ['a'] },
    response: { status: 502, body: '' },
    expected: [{ status: 'retry' }],
  },
];
