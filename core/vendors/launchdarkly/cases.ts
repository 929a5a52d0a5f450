/** LaunchDarkly golden cases as data (catalog row `launchdarkly` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { client_side_id: 'cs-1' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a custom event keyed purchase for the user context, the revenue as metric value, posted under the client-side ID',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://events.launchdarkly.com/events/bulk/cs-1',
          headers: { 'x-launchdarkly-event-schema': '4' },
          body: [
            {
              kind: 'custom',
              key: 'purchase',
              creationDate: Date.parse(FIXED_TIME),
              data: {
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
              metricValue: 59.98,
              contextKeys: { user: 'user-123' },
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Another context kind keys an anonymous event by the anonymous id',
    settings: { ...SETTINGS, context_kind: 'device' },
    input: [makeEvent({ event: 'Video Played' })],
    expected: {
      requests: [
        {
          url: 'https://events.launchdarkly.com/events/bulk/cs-1',
          body: [
            {
              kind: 'custom',
              key: 'Video Played',
              creationDate: Date.parse(FIXED_TIME),
              data: {},
              contextKeys: { device: 'anon-1' },
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown client-side ID (404) is final',
    request: { event_ids: ['a'] },
    response: { status: 404, body: '' },
    expected: [{ status: 'failed' }],
  },
];
