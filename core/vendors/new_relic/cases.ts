/** New Relic golden cases as data (event shape: New Relic's Event API docs; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const MS = Date.parse(FIXED_TIME);

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a flat DataflyEvent row: name, ids, page and the plain properties as dotted attributes',
    settings: { account_id: '42', license_key: 'nr-lic' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://insights-collector.newrelic.com/v1/accounts/42/events',
          headers: { 'api-key': 'nr-lic' },
          event_ids: ['ORD-1001'],
          body: [
            {
              eventType: 'DataflyEvent',
              name: 'purchase',
              eventId: 'ORD-1001',
              timestamp: MS,
              userId: 'user-123',
              anonymousId: 'anon-1',
              pageUrl: 'https://shop.example.com/checkout/thanks',
              'properties.order_id': 'ORD-1001',
              'properties.revenue': 59.98,
              'properties.currency': 'USD',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'An EU account with its own event type gets the rows on the EU collector',
    settings: { account_id: '42', license_key: 'nr-lic', region: 'eu', event_type: 'ShopEvent' },
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        properties: { video: { id: 'v1' } },
        context: { page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://insights-collector.eu01.nr-data.net/v1/accounts/42/events',
          body: [
            {
              eventType: 'ShopEvent',
              name: 'Video Played',
              eventId: 'e1',
              timestamp: MS,
              anonymousId: 'anon-1',
              'properties.video.id': 'v1',
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong key (403) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { error: 'Invalid license key' } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 403: Invalid license key' }],
  },
  {
    name: 'A 413 is final',
    request: { event_ids: ['a'] },
    response: { status: 413, body: { error: 'Payload too large' } },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
