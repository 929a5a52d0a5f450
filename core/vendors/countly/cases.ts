/** Countly golden cases as data (catalog row `countly` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { server_url: 'https://analytics.acme.test', app_key: 'ak' };
const MS = Date.parse(FIXED_TIME);
const form = (fields: Record<string, unknown>): string =>
  new URLSearchParams(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ).toString();

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one form post to the customer’s server with the app key, the user as device and the revenue as the event’s sum',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://analytics.acme.test/i',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form({
            device_id: 'user-123',
            timestamp: MS,
            events: [
              {
                key: 'Order Completed',
                count: 1,
                timestamp: MS,
                segmentation: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
                sum: 59.98,
              },
            ],
            ip_address: '203.0.113.7',
            app_key: 'ak',
          }),
        },
      ],
    },
  },
  {
    name: 'A page view is Countly’s view event named by the page path',
    settings: SETTINGS,
    input: [makeEvent({ type: 'page', event: undefined, name: 'Thanks' })],
    expected: {
      requests: [
        {
          url: 'https://analytics.acme.test/i',
          body: form({
            device_id: 'anon-1',
            timestamp: MS,
            events: [
              {
                key: '[CLY]_view',
                count: 1,
                timestamp: MS,
                segmentation: { name: '/checkout/thanks' },
              },
            ],
            ip_address: '203.0.113.7',
            app_key: 'ak',
          }),
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final, quoting Countly’s result',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { result: 'App does not exist' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: App does not exist' },
    ],
  },
];
