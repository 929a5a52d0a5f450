/**
 * AppLovin Axon Conversion API, declared (facts: Axon's help centre page "Conversion API",
 * support.axon.ai): `POST https://b.applovin.com/v1/event?pixel_id={event key}` with the Conversion API
 * key as the whole `Authorization` header value, `{ events: [...] }` of at most 100 events, one invalid
 * event failing the batch (400). Each event: `name` (Axon pixel event names), `event_time` in epoch
 * milliseconds, `event_source_url`, `dedupe_id` (shared with the pixel), `data` (value, currency,
 * items…), `user_data` with `client_ip_address` and `client_user_agent` (both required), `esi`
 * (`web`/`app`) and at least one identifier (`aleid`, `client_id`, `user_id`, `email`, `phone`).
 *
 * Unverified: that a SHA-256 email/phone is taken as is (Axon hashes plain ones itself), the event
 * data field names (`transaction_id`, `items[].item_id`), rate limits.
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user_data',
    { em: 'email_sha256', ph: 'phone_e164_sha256' },
    { targets: { em: 'email', ph: 'phone' } },
  ),
  { source: 'user_id', target: 'user_data.user_id', transforms: ['to_string'] },
  { source: ['context.vendor_ids.aleid', 'context.click_ids.aleid'], target: 'user_data.aleid' },
  { source: 'context.ip', target: 'user_data.client_ip_address' },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  { source: 'context.page.url', target: 'event_source_url' },
];

const ITEMS: MappingRow = {
  source: 'properties.products',
  target: 'data.items',
  items: [
    { source: ['product_id', 'sku'], target: 'item_id', transforms: ['to_string'] },
    { source: 'name', target: 'item_name' },
    { source: 'price', target: 'price', transforms: ['to_number'] },
    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
  ],
};
const ONE_ITEM: MappingRow[] = [
  { source: [...SOURCES.product_id], target: 'data.items[0].item_id', transforms: ['to_string'] },
  { source: 'properties.name', target: 'data.items[0].item_name' },
  { source: 'properties.price', target: 'data.items[0].price', transforms: ['to_number'] },
  { source: 'properties.quantity', target: 'data.items[0].quantity', transforms: ['to_number'] },
];

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return [...valueRows('data.value', 'data.currency'), ...ONE_ITEM];
    case 'begin_checkout':
      return [...valueRows('data.value', 'data.currency'), ITEMS];
    case 'purchase':
      return [
        ...valueRows('data.value', 'data.currency'),
        { source: [...SOURCES.order_id], target: 'data.transaction_id', transforms: ['to_string'] },
        ITEMS,
      ];
    case 'lead':
      return valueRows('data.value', 'data.currency');
    case 'search':
      return [{ source: [...SOURCES.query], target: 'data.search_term' }];
    default:
      return [];
  }
};

const ID = (id: string): string[] => [
  'user_data.client_ip_address',
  'user_data.client_user_agent',
  id,
];

/** What the registry holds for AppLovin. */
export const applovin = declareVendor({
  id: 'applovin',
  name: 'AppLovin (Axon)',
  category: 'advertising',
  description: 'Sends web conversions to AppLovin’s Axon ads platform next to the Axon Pixel.',
  api: 'Axon Conversion API (b.applovin.com/v1/event)',
  docs: 'https://support.axon.ai/en/growth/promoting-your-websites/api/axon-conversion-api',
  status: 'beta',
  keywords: ['axon', 'capi', 'conversions'],
  test_settings: { pixel_id: 'test-event-key', api_key: 'test-axon-key' },
  settings: [
    {
      key: 'pixel_id',
      label: 'Event key (pixel ID)',
      type: 'string',
      help: 'The Axon event key (pixel id) from Axon Ads Manager → Keys.',
    },
    {
      key: 'api_key',
      label: 'Conversion API key',
      type: 'secret',
      help: 'The Conversion API key from Axon Ads Manager → Keys.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://b.applovin.com',
      path: '/v1/event',
      query: { pixel_id: '{{settings.pixel_id}}' },
    },
    auth: { kind: 'api_key', in: 'header', name: 'Authorization', value: '{{settings.api_key}}' },
    body: { wrapper: { events: '{{items}}' } },
    item: {
      fields: {
        name: '{{vendor_event}}',
        event_time: '{{event.timestamp | to_unix_ms}}',
        dedupe_id: '{{event.event_id}}',
        user_data: {},
      },
    },
    eligibility: {
      any_of: [
        ID('user_data.email'),
        ID('user_data.phone'),
        ID('user_data.user_id'),
        ID('user_data.aleid'),
      ],
      reason: 'Axon needs the client IP and user agent plus an email, phone, user id or aleid',
    },
    batching: { max_events: 100 },
    rate_limit_rps: 10,
    // One bad event drops the whole batch (400): resend each alone so only the bad one fails.
    answer: {
      error_message: ['message', 'error', 'error.message'],
      retry_rejected_batch_one_by_one: true,
    },
  },
  mapping: {
    fields: [
      {
        path: 'name',
        required: true,
        auto: true,
        description: 'Axon event name (from the event map).',
      },
      { path: 'event_time', required: true, auto: true, description: 'Epoch milliseconds.' },
      {
        path: 'event_source_url',
        required: true,
        description: 'Page URL where the event happened.',
      },
      {
        path: 'dedupe_id',
        required: false,
        auto: true,
        description: 'Dedup id shared with the pixel.',
      },
      {
        path: 'user_data.client_ip_address',
        required: false,
        description: 'Client IP (required by Axon).',
      },
      {
        path: 'user_data.client_user_agent',
        required: false,
        description: 'Client user agent (required by Axon).',
      },
      {
        path: 'user_data.email',
        required: false,
        description: 'SHA-256 of the trimmed, lowercased email.',
      },
      { path: 'user_data.phone', required: false, description: 'SHA-256 of the E.164 phone.' },
      { path: 'user_data.user_id', required: false, description: 'Your user id.' },
      { path: 'user_data.aleid', required: false, description: 'Axon click id / cookie.' },
      { path: 'data.value', required: false, requiredFor: ['purchase'], description: 'Value.' },
      {
        path: 'data.currency',
        required: false,
        requiredFor: ['purchase'],
        description: 'ISO 4217.',
      },
      { path: 'data.transaction_id', required: false, description: 'Order id.' },
      {
        path: 'data.items',
        required: false,
        description: 'Items: item_id, item_name, price, quantity.',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'page_view',
          view_item: 'view_item',
          add_to_cart: 'add_to_cart',
          begin_checkout: 'begin_checkout',
          purchase: 'purchase',
          lead: 'generate_lead',
          sign_up: 'sign_up',
          search: 'search',
        },
        rows,
      ),
      defaults: { action: 'drop' },
    },
  },
  unverified: [
    'pre-hashed (SHA-256) email and phone accepted',
    'event data field names (transaction_id, items[].item_id, search_term)',
    'rate limit (10 requests/s chosen)',
  ],
});
