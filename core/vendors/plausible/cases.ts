/** Plausible golden cases as data (catalog row `plausible` in docs/vendors/more-vendors-and-catalog.md §18). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { domain: 'shop.example.com' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a goal with its revenue, the visitor’s user agent and IP in the headers and flat properties',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://plausible.io/api/event',
          headers: { 'user-agent': UA, 'x-forwarded-for': '203.0.113.7' },
          body: {
            domain: 'shop.example.com',
            name: 'Order Completed',
            url: 'https://shop.example.com/checkout/thanks',
            referrer: 'https://shop.example.com/cart',
            props: { order_id: 'ORD-1001', revenue: '59.98', currency: 'USD' },
            revenue: { amount: 59.98, currency: 'USD' },
          },
        },
      ],
    },
  },
  {
    name: 'A self-hosted instance receives a page view as pageview',
    settings: { ...SETTINGS, host: 'https://plausible.acme.test' },
    input: [makeEvent({ type: 'page', event: undefined, name: 'Thanks' })],
    expected: {
      requests: [
        {
          url: 'https://plausible.acme.test/api/event',
          body: {
            domain: 'shop.example.com',
            name: 'pageview',
            url: 'https://shop.example.com/checkout/thanks',
            referrer: 'https://shop.example.com/cart',
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 for an unknown domain is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { errors: { domain: ['does not exist'] } } },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
