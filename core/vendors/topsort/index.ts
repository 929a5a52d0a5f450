/**
 * Topsort Events API v2 (retail media), declared for purchases (facts: the vendor catalog,
 * docs/vendors/more-vendors-and-catalog.md §18, and Segment's Topsort destination read for the
 * request shape): `POST https://api.topsort.com/v2/events`, Bearer API key, `{ purchases: [...] }`,
 * each purchase `{ id, occurredAt (ISO-8601), opaqueUserId, items: [{ productId, unitPrice,
 * quantity }] }`. Topsort attributes purchases to the ads it served; impressions and clicks are
 * reported from the ad slots themselves (they carry the auction's `resolvedBidId`), so the other
 * standard events are not sent.
 *
 * Unverified: the number of purchases one request may carry (100 chosen), answer shapes, rate limits.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['anonymous_id', 'user_id'], target: 'opaqueUserId', transforms: ['to_string'] },
];

const NOT_ATTRIBUTED =
  'Topsort attributes purchases to its ads; impressions and clicks come from the ad slots with their resolvedBidId';

/** What the registry holds for Topsort. */
export const topsort = declareVendor({
  id: 'topsort',
  name: 'Topsort',
  category: 'advertising',
  description: 'Reports purchases to Topsort so retail media campaigns are attributed.',
  api: 'Events API v2 (/v2/events)',
  docs: 'https://docs.topsort.com/reference/reportevents',
  status: 'beta',
  keywords: ['retail media', 'marketplace', 'sponsored listings'],
  test_settings: { api_key: 'test-topsort-key' },
  settings: [
    {
      key: 'api_key',
      label: 'API key',
      type: 'secret',
      help: 'A Topsort advertising API key (Bearer).',
    },
  ],
  spec: {
    endpoint: { base_url: 'https://api.topsort.com', path: '/v2/events' },
    auth: { kind: 'bearer', token: '{{settings.api_key}}' },
    body: { wrapper: { purchases: '{{items}}' } },
    item: { fields: { id: '{{event.event_id}}', occurredAt: '{{event.timestamp | to_iso8601}}' } },
    eligibility: {
      any_of: [['opaqueUserId', 'items']],
      reason: 'Topsort needs a user id and the purchased items',
    },
    batching: { max_events: 100 },
    rate_limit_rps: 10,
    answer: { error_message: ['message', 'error', 'errors.0.message'] },
  },
  mapping: {
    fields: [
      {
        path: 'id',
        required: true,
        auto: true,
        description: 'Unique event id (≤ 128 characters); suppresses duplicates.',
      },
      {
        path: 'occurredAt',
        required: true,
        auto: true,
        description: 'ISO-8601 time of the purchase.',
      },
      {
        path: 'opaqueUserId',
        required: true,
        description: 'Stable user id, signed in or not (≤ 128 characters).',
      },
      {
        path: 'items',
        required: true,
        description: 'Items: productId (marketplace id), unitPrice, quantity.',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents({ purchase: 'purchase' }, () => [
        {
          source: 'properties.products',
          target: 'items',
          items: [
            { source: ['product_id', 'sku'], target: 'productId', transforms: ['to_string'] },
            { source: 'price', target: 'unitPrice', transforms: ['to_number'] },
            { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
          ],
        },
      ]),
      defaults: { action: 'drop' },
    },
  },
  not_mapped: {
    page_view: NOT_ATTRIBUTED,
    view_item: NOT_ATTRIBUTED,
    add_to_cart: NOT_ATTRIBUTED,
    begin_checkout: NOT_ATTRIBUTED,
    lead: NOT_ATTRIBUTED,
    sign_up: NOT_ATTRIBUTED,
    search: NOT_ATTRIBUTED,
  },
  unverified: [
    'purchases per request (100 chosen)',
    'answer shapes',
    'rate limit (10 requests/s chosen)',
  ],
});
