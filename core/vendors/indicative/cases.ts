/** Indicative golden cases as data (catalog row `indicative` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'ind-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase and an anonymous custom event are one request each, with the key in the body and millisecond times',
    settings: SETTINGS,
    input: [fullPurchase(), makeEvent({ event: 'Video Played', properties: { video_id: 'v1' } })],
    expected: {
      requests: [
        {
          url: 'https://api.indicative.com/service/event',
          event_ids: ['ORD-1001'],
          body: {
            apiKey: 'ind-key',
            eventName: 'Order Completed',
            eventTime: Date.parse(FIXED_TIME),
            eventUniqueId: 'user-123',
            properties: {
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
          },
        },
        {
          url: 'https://api.indicative.com/service/event',
          event_ids: ['evt-1'],
          body: {
            apiKey: 'ind-key',
            eventName: 'Video Played',
            eventTime: Date.parse(FIXED_TIME),
            eventUniqueId: 'anon-1',
            properties: { video_id: 'v1' },
          },
        },
      ],
    },
  },
  {
    name: 'An event without any id is skipped',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'e2', anonymous_id: undefined, event: 'X' })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'e2', reason: 'Indicative needs a user or anonymous id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final, quoting Indicative’s message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'Invalid API key' } },
    expected: [{ status: 'failed', reason: 'HTTP 400: Invalid API key' }],
  },
];
