/**
 * Rockerbox conversion webhook, declared (facts: the vendor catalog, docs/vendors/more-vendors-and-catalog.md
 * §18; Rockerbox's help article "Webhooks", help.rockerbox.com/article/5t050dmcxv-webhooks, and
 * RudderStack's Rockerbox destination for the field names): `POST
 * https://webhooks.getrockerbox.com/webhook/data?advertiser={advertiser id}`, no credentials (the
 * advertiser id Rockerbox gives you names the account), one JSON event per request: `action` (the
 * conversion's name in Rockerbox, `conv.*` by convention), `customer_id`, `anonymous_id`, `email`,
 * `phone`, `timestamp` (Unix seconds), `conversion_source`, `order_id`, `revenue`, and any other event
 * properties. Rockerbox ties the server conversion to onsite visits through the ids and email the
 * Rockerbox pixel saw (identify calls), so these are sent as they are.
 *
 * Unverified: the answer shapes, rate limits, `conv.*` names (they must match actions set up in
 * Rockerbox).
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'customer_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: ['traits.email', 'properties.email'], target: 'email', transforms: ['id.email'] },
  { source: ['traits.phone', 'properties.phone'], target: 'phone', transforms: ['trim'] },
  { source: 'context.page.url', target: 'url' },
  { source: 'context.ip', target: 'ip' },
];

/** What the registry holds for Rockerbox. */
export const rockerbox = declareVendor({
  id: 'rockerbox',
  name: 'Rockerbox',
  category: 'attribution',
  description:
    'Sends conversions to Rockerbox for multi-touch attribution across marketing channels.',
  api: 'Conversion webhook (webhooks.getrockerbox.com/webhook/data)',
  docs: 'https://help.rockerbox.com/article/5t050dmcxv-webhooks',
  status: 'beta',
  keywords: ['multi-touch attribution', 'mta', 'marketing measurement'],
  test_settings: { advertiser_id: 'test_advertiser' },
  settings: [
    {
      key: 'advertiser_id',
      label: 'Advertiser ID',
      type: 'string',
      help: 'The advertiser id your Rockerbox account manager gives you.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://webhooks.getrockerbox.com',
      path: '/webhook/data',
      query: { advertiser: '{{settings.advertiser_id}}' },
    },
    auth: { kind: 'none' },
    body: { wrapper: '{{item}}' },
    item: {
      fields: {
        action: '{{vendor_event}}',
        timestamp: '{{event.timestamp | to_unix_seconds}}',
        conversion_source: 'Datafly',
      },
    },
    eligibility: {
      any_of: [['customer_id'], ['anonymous_id'], ['email']],
      reason: 'Rockerbox needs a user id, an anonymous id or an email',
    },
    batching: { max_events: 1 },
    rate_limit_rps: 20,
    answer: { error_message: ['message', 'error'] },
  },
  mapping: {
    fields: [
      {
        path: 'action',
        required: true,
        auto: true,
        description: 'Conversion name as set up in Rockerbox (from the event map).',
      },
      { path: 'timestamp', required: true, auto: true, description: 'Unix seconds.' },
      { path: 'customer_id', required: false, description: 'Your user id.' },
      { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
      { path: 'email', required: false, description: 'Email (trimmed, lowercased).' },
      { path: 'order_id', required: false, description: 'Order id.' },
      { path: 'revenue', required: false, requiredFor: ['conv.purchase'], description: 'Revenue.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          view_item: 'conv.view_product',
          add_to_cart: 'conv.add_to_cart',
          begin_checkout: 'conv.checkout',
          purchase: 'conv.purchase',
          lead: 'conv.lead',
          sign_up: 'conv.signup',
          search: 'conv.search',
        },
        (e) =>
          e === 'purchase' || e === 'begin_checkout' || e === 'lead'
            ? [
                { source: [...SOURCES.value], target: 'revenue', transforms: ['to_number'] },
                { source: [...SOURCES.order_id], target: 'order_id', transforms: ['to_string'] },
                {
                  source: [...SOURCES.currency],
                  target: 'currency',
                  transforms: ['trim', 'uppercase'],
                },
              ]
            : e === 'view_item' || e === 'add_to_cart'
              ? [
                  {
                    source: [...SOURCES.product_id],
                    target: 'product_id',
                    transforms: ['to_string'],
                  },
                  { source: 'properties.name', target: 'product_name' },
                ]
              : e === 'search'
                ? [{ source: [...SOURCES.query], target: 'query' }]
                : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  not_mapped: { page_view: 'Rockerbox’s onsite pixel records page views itself' },
  unverified: [
    'answer shapes',
    'rate limit (20 requests/s chosen)',
    'conv.* action names as defaults',
  ],
});
