/** Split golden cases as data (catalog row `splitio` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { sdk_key: 'sdk-1' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a purchase event of the user traffic type with the SDK key as Bearer token, the revenue as value and flat properties',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://events.split.io/api/events/bulk',
          headers: { authorization: 'Bearer sdk-1' },
          body: [
            {
              eventTypeId: 'purchase',
              trafficTypeName: 'user',
              timestamp: Date.parse(FIXED_TIME),
              key: 'user-123',
              properties: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
              value: 59.98,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'A custom event name with spaces becomes a valid event type id, keyed by the anonymous id',
    settings: { ...SETTINGS, traffic_type: 'anonymous' },
    input: [makeEvent({ event: 'Video Played!', properties: { video_id: 'v1' } })],
    expected: {
      requests: [
        {
          url: 'https://events.split.io/api/events/bulk',
          body: [
            {
              eventTypeId: 'Video_Played_',
              trafficTypeName: 'anonymous',
              timestamp: Date.parse(FIXED_TIME),
              key: 'anon-1',
              properties: { video_id: 'v1' },
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong SDK key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: '' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
