/**
 * Reddit Conversions API v3, declared only (facts: docs/vendors/more-vendors-and-catalog.md §4, open-source
 * senders and several independent callers of the v3 path):
 * `POST https://ads-api.reddit.com/api/v3/pixels/{pixel_id}/conversion_events`, Bearer conversion
 * access token, `{ data: { events: [...] } }`, `event_at` in epoch milliseconds, upper-case
 * `action_source` and `tracking_type`. Match keys may be raw or SHA-256; we hash email (Reddit's
 * canonical form), phone (E.164) and external id, and send IP and user agent raw.
 *
 * Unverified (see `unverified`): the 1,000-event batch limit, the `data.test_id` placement, the
 * UPPER_SNAKE `tracking_type` spelling for v3 (some callers send PascalCase), the rate limit.
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import type { VendorDeclaration } from '../spec/declaration.js';

/** `tracking_type` values (v3, upper snake case). */
export const REDDIT_TRACKING_TYPES = [
  'PAGE_VISIT',
  'VIEW_CONTENT',
  'SEARCH',
  'ADD_TO_CART',
  'ADD_TO_WISHLIST',
  'PURCHASE',
  'LEAD',
  'SIGN_UP',
  'CUSTOM',
] as const;

const FIELDS: readonly VendorField[] = [
  {
    path: 'event_at',
    required: true,
    auto: true,
    description: 'Epoch milliseconds; at most 7 days old.',
  },
  {
    path: 'action_source',
    required: true,
    auto: true,
    description: 'WEBSITE | APP | PHYSICAL_STORE | OTHER (parameter).',
  },
  {
    path: 'type.tracking_type',
    required: true,
    auto: true,
    description: 'PAGE_VISIT, ADD_TO_CART, PURCHASE, LEAD, … (from the event map).',
  },
  { path: 'click_id', required: false, description: 'rdt_cid click id, plain.' },
  { path: 'event_source_url', required: false, description: 'Page URL.' },
  { path: 'user.email', required: false, description: 'SHA-256 of the canonical email.' },
  { path: 'user.phone_number', required: false, description: 'SHA-256 of the E.164 phone.' },
  { path: 'user.external_id', required: false, description: 'SHA-256 user id.' },
  { path: 'user.ip_address', required: false, description: 'Client IP, plain.' },
  { path: 'user.user_agent', required: false, description: 'Client user agent, plain.' },
  { path: 'user.uuid', required: false, description: 'Reddit pixel cookie id (_rdt_uuid), plain.' },
  {
    path: 'metadata.conversion_id',
    required: false,
    description: 'Dedup id shared with the pixel.',
  },
  {
    path: 'metadata.currency',
    required: false,
    requiredFor: ['PURCHASE'],
    description: 'ISO 4217.',
  },
  {
    path: 'metadata.value',
    required: false,
    requiredFor: ['PURCHASE'],
    description: 'Conversion value.',
  },
  { path: 'metadata.item_count', required: false, description: 'Number of items.' },
  { path: 'metadata.products', required: false, description: 'Products: id, name, category.' },
];

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user',
    { em: 'email_local_alnum_sha256', ph: 'phone_e164_sha256', external_id: 'external_id_sha256' },
    { targets: { em: 'email', ph: 'phone_number' } },
  ),
  { source: 'context.ip', target: 'user.ip_address' },
  { source: 'context.user_agent', target: 'user.user_agent' },
  {
    source: ['context.vendor_ids.rdt_uuid', 'context.vendor_ids.reddit_uuid'],
    target: 'user.uuid',
  },
  { source: ['context.click_ids.rdt_cid', 'context.click_ids.rdt_click_id'], target: 'click_id' },
  { source: 'context.page.url', target: 'event_source_url' },
  { source: 'event_id', target: 'metadata.conversion_id' },
];

const VALUE: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'metadata.value',
    transforms: ['to_number'],
  },
  { source: 'properties.currency', target: 'metadata.currency', transforms: ['trim', 'uppercase'] },
];

/** The Reddit declaration. */
export const redditDeclaration: VendorDeclaration = {
  id: 'reddit',
  name: 'Reddit',
  category: 'advertising',
  description:
    'Purchases, leads, sign-ups and page visits sent to Reddit Ads, matched on hashed email, phone and the Reddit click id.',
  api: 'Conversions API v3 (/api/v3/pixels/{pixel_id}/conversion_events)',
  docs: 'https://ads-api.reddit.com/docs/v3/operations/Post%20Conversion%20Events',
  status: 'beta',
  test_settings: { pixel_id: 'a2_e2e', access_token: 'test-reddit-token' },
  logo: { pack: 'logos', name: 'reddit-icon' },
  settings: [
    {
      key: 'pixel_id',
      label: 'Pixel ID',
      type: 'string',
      help: 'The pixel id from Reddit Events Manager (a2_…).',
      pattern: { regex: '^[A-Za-z0-9_]+$', message: 'must be the pixel id (letters, digits, _)' },
    },
    {
      key: 'access_token',
      label: 'Conversion access token',
      type: 'secret',
      help: 'Conversion access token generated in Events Manager (Bearer auth).',
    },
    {
      key: 'action_source',
      label: 'Action source',
      type: 'select',
      required: false,
      help: 'Where the conversions happen.',
      options: ['WEBSITE', 'APP', 'PHYSICAL_STORE', 'OTHER'],
      default: 'WEBSITE',
    },
    {
      key: 'test_id',
      label: 'Test ID',
      type: 'string',
      required: false,
      help: 'Event testing tool id, sent in test mode.',
    },
    {
      key: 'partner',
      label: 'Partner',
      type: 'string',
      required: false,
      help: 'Partner name reported to Reddit (optional).',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://ads-api.reddit.com',
      path: '/api/v3/pixels/{{settings.pixel_id}}/conversion_events',
      test_mode: { body: { 'data.test_id': '{{settings.test_id}}' } },
    },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    body: { wrapper: { data: { events: '{{items}}', partner: '{{settings.partner}}' } } },
    item: {
      fields: {
        event_at: '{{event.timestamp | to_unix_ms}}',
        action_source: '{{settings.action_source}}',
        type: { tracking_type: '{{vendor_event}}' },
      },
    },
    eligibility: {
      any_of: [
        ['click_id'],
        ['user.email'],
        ['user.phone_number'],
        ['user.external_id'],
        ['user.uuid'],
        ['user.ip_address', 'user.user_agent'],
      ],
      reason:
        'Reddit needs a click id, an email, phone, external id or pixel uuid, or IP with user agent',
    },
    batching: { max_events: 1000 },
    rate_limit_rps: 10,
    // A bad event rejects the whole request: 400 {"message":"…","invalid_events":[…]}; 401 may be {"error":{"reason","explanation"}}.
    answer: { error_message: ['message', 'error.explanation', 'error.message'] },
  },
  mapping: {
    fields: FIELDS,
    defaults: {
      global: GLOBAL,
      events: {
        page_view: { vendor_event: 'PAGE_VISIT', mappings: [] },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'ADD_TO_CART',
          mappings: [
            ...VALUE,
            {
              source: 'properties.quantity',
              target: 'metadata.item_count',
              transforms: ['to_number'],
            },
            {
              source: ['properties.product_id', 'properties.sku'],
              target: 'metadata.products[0].id',
              transforms: ['to_string'],
            },
            { source: 'properties.name', target: 'metadata.products[0].name' },
            { source: 'properties.category', target: 'metadata.products[0].category' },
          ],
        },
        purchase: {
          match: ['purchase', 'Order Completed'],
          vendor_event: 'PURCHASE',
          mappings: [
            ...VALUE,
            {
              source: 'properties.order_id',
              target: 'metadata.conversion_id',
              transforms: ['to_string'],
            },
            {
              source: 'properties.products',
              target: 'metadata.products',
              items: [
                { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
                { source: 'name', target: 'name' },
                { source: 'category', target: 'category' },
              ],
            },
          ],
        },
        lead: {
          match: ['lead', 'Generate Lead', 'Lead Submitted'],
          vendor_event: 'LEAD',
          mappings: VALUE,
        },
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'VIEW_CONTENT',
          mappings: [
            {
              source: ['properties.product_id', 'properties.sku'],
              target: 'metadata.products[0].id',
              transforms: ['to_string'],
            },
            { source: 'properties.name', target: 'metadata.products[0].name' },
          ],
        },
        search: { match: ['search', 'Products Searched'], vendor_event: 'SEARCH', mappings: [] },
        sign_up: { match: ['sign_up', 'Signed Up'], vendor_event: 'SIGN_UP', mappings: [] },
      },
      defaults: { action: 'drop' },
    },
  },
  not_mapped: {
    begin_checkout:
      'Reddit has no checkout tracking type; map it to CUSTOM with a custom_event_name if wanted',
  },
  unverified: [
    'max 1000 events per request',
    'test id as data.test_id',
    'v3 tracking_type in UPPER_SNAKE',
    'rate limit (10 requests/s chosen)',
  ],
};
