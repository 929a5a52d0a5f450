/** Userpilot golden cases as data (catalog row `userpilot` in docs/vendors/more-vendors-and-catalog.md §18). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'up-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is tracked for the user with the key as Token authorization, the API version and the revenue in metadata',
    settings: SETTINGS,
    input: [
      fullPurchase({ properties: { order_id: 'ORD-1001', total: 59.98, currency: ' usd ' } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://analytex.userpilot.io/v1/track',
          headers: { authorization: 'Token up-key', 'x-api-version': '2020-09-22' },
          body: {
            event_name: 'Order Completed',
            user_id: 'user-123',
            metadata: { order_id: 'ORD-1001', total: 59.98, revenue: 59.98, currency: 'USD' },
          },
        },
      ],
    },
  },
  {
    name: 'An environment with its own endpoint receives an anonymous custom event keyed by the anonymous id',
    settings: { ...SETTINGS, endpoint: 'https://analytex-eu.userpilot.io' },
    input: [makeEvent({ event: 'Report Exported', properties: { format: 'csv' } })],
    expected: {
      requests: [
        {
          url: 'https://analytex-eu.userpilot.io/v1/track',
          body: { event_name: 'Report Exported', user_id: 'anon-1', metadata: { format: 'csv' } },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong API key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
