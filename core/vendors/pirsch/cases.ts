/** Pirsch golden cases as data (catalog row `pirsch` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { access_key: 'pa_key' };
const VISIT = {
  url: 'https://shop.example.com/checkout/thanks',
  ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  referrer: 'https://shop.example.com/cart',
  title: 'Thanks',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an event with the access key as Bearer token, the visitor’s IP and user agent and text metadata',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.pirsch.io/api/v1/event',
          headers: { authorization: 'Bearer pa_key' },
          body: {
            event_name: 'Order Completed',
            ...VISIT,
            event_meta: { order_id: 'ORD-1001', revenue: '59.98', currency: 'USD' },
          },
        },
      ],
    },
  },
  {
    name: 'A page view is a hit without event fields',
    settings: SETTINGS,
    input: [
      makeEvent({
        type: 'page',
        event: undefined,
        name: 'Thanks',
        properties: { title: 'Thanks' },
      }),
    ],
    expected: { requests: [{ url: 'https://api.pirsch.io/api/v1/hit', body: VISIT }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong access key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { error: ['unauthorized'] } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
