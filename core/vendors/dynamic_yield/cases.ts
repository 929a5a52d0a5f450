/** Dynamic Yield golden cases as data (catalog row `dynamic_yield` in docs/vendors/more-vendors-and-catalog.md §18). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'dy-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a purchase-v1 event for the visitor’s DY cookies, with the value, currency, order id and cart',
    settings: SETTINGS,
    input: [
      fullPurchase({ context: { vendor_ids: { dyid: '-123456789', dyjsession: 'sess-1' } } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://dy-api.com/v2/collect/user/event',
          headers: { 'dy-api-key': 'dy-key' },
          body: {
            user: { dyid: '-123456789', dyid_server: '-123456789', id: 'anon-1' },
            session: { dy: 'sess-1', custom: 'anon-1' },
            events: [
              {
                name: 'Purchase',
                properties: {
                  dyType: 'purchase-v1',
                  uniqueTransactionId: 'ORD-1001',
                  value: 59.98,
                  currency: 'USD',
                  cart: [{ productId: 'SKU-1', quantity: 2, itemPrice: 29.99 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'On the EU data center a custom event carries its own properties; a page view is not sent',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', properties: { video_id: 'v1' } }),
      makeEvent({ event_id: 'p1', type: 'page', event: undefined }),
    ],
    expected: {
      requests: [
        {
          url: 'https://dy-api.eu/v2/collect/user/event',
          body: {
            user: { id: 'anon-1' },
            session: { custom: 'anon-1' },
            events: [{ name: 'Video Played', properties: { video_id: 'v1' } }],
          },
        },
      ],
      skipped: [{ event_id: 'p1' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong API key (403) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { error: 'Forbidden' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
