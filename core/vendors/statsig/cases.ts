/** Statsig golden cases as data (catalog row `statsig` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { server_secret: 'secret-abc' };
const USER = {
  userID: 'user-123',
  customIDs: { stableID: 'anon-1' },
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is logged as purchase with the server secret in its header, the revenue as value and text metadata',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://events.statsigapi.net/v1/log_event',
          headers: { 'statsig-api-key': 'secret-abc' },
          body: {
            events: [
              {
                eventName: 'purchase',
                time: Date.parse(FIXED_TIME),
                user: USER,
                value: 59.98,
                metadata: {
                  order_id: 'ORD-1001',
                  revenue: '59.98',
                  currency: 'USD',
                  products:
                    '[{"product_id":"SKU-1","name":"Tee","price":29.99,"quantity":2,"brand":"Acme","category":"Apparel"}]',
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous custom event passes through under its own name with the anonymous id as stable id',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played', properties: { video_id: 'v1' } })],
    expected: {
      requests: [
        {
          url: 'https://events.statsigapi.net/v1/log_event',
          body: {
            events: [
              {
                eventName: 'Video Played',
                time: Date.parse(FIXED_TIME),
                user: {
                  customIDs: { stableID: 'anon-1' },
                  ip: '203.0.113.7',
                  userAgent: USER.userAgent,
                },
                metadata: { video_id: 'v1' },
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong server secret (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Invalid API key' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
