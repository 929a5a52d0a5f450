/**
 * Meta Conversions API as a declaration (docs/vendors/ads-analytics-warehouse.md §2): `POST
 * {base}/{api_version}/{pixel_id}/events` with `access_token` in the query, JSON body
 * `{ data: [...≤1000], test_event_code? }`, `event_time` in Unix seconds, PII hashed per Meta's
 * rules (identity kit: digits without `+`, names and cities as letters, ids lowercased). Errors are
 * non-2xx with `error{code, error_subcode, is_transient}`; a bad event fails the whole request, so
 * events Meta would refuse are skipped before sending (the eligibility rules). Test mode adds
 * `test_event_code`.
 */
import { CAPI_USER_DATA_RULES, identityFields, identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { adSettings, optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import {
  FIRST_PORTS_MATCH,
  PIXEL_EVENT_NAMES,
  SOURCES,
  currencyRow,
  fieldTable,
  firstPortsValue,
  row,
  standardEvents,
  type StandardEvent,
} from '../spec/standard.js';
import { META_ACTION_SOURCES, metaDouble } from './double.js';
import { META_BLUEPRINTS } from './blueprints.js';

/** Graph error codes meaning "throttled" and "temporary". */
const META_THROTTLE_CODES: readonly number[] = [4, 17, 32, 613, 80003, 80004];
const META_TRANSIENT_CODES: readonly number[] = [1, 2, 341, 368, 5000, 21009];

/** The fields of one Meta server event (`data[]` item). */
const META_FIELDS = [
  ...fieldTable([
    ['event_name', 'required auto', 'Standard or custom event name (from the event map).'],
    ['event_time', 'required', 'Unix seconds.'],
    ['action_source', 'required', `${META_ACTION_SOURCES.join(', ')}.`],
    ['event_source_url', 'required', 'Page URL (required for website events).'],
    ['user_data.client_user_agent', 'required', 'User agent, plain (required for website events).'],
    ['event_id', '', 'Dedup key shared with the Pixel eventID.'],
    ['referrer_url', '', 'Referrer.'],
    ['user_data.client_ip_address', '', 'IP, plain.'],
  ]),
  ...identityFields('user_data', CAPI_USER_DATA_RULES, { array: true }),
  ...fieldTable([
    ['user_data.fbc', '', '_fbc cookie, plain.'],
    ['user_data.fbp', '', '_fbp cookie, plain.'],
    ['custom_data.value', 'for Purchase', 'Monetary value.'],
    ['custom_data.currency', 'for Purchase', 'ISO 4217.'],
    ['custom_data.content_ids', '', 'Product ids.'],
    ['custom_data.contents', '', '{id, quantity, item_price}.'],
    ['custom_data.content_type', '', 'product or product_group.'],
    ['custom_data.order_id', '', 'Order id.'],
    ['custom_data.num_items', '', 'Item count.'],
  ]),
];

/** Rows every Meta event gets: time, source, user data (hashed per Meta's rules), cookies. */
const META_GLOBAL: MappingRow[] = [
  row('event_id', 'event_id'),
  row('event_time', 'timestamp', 'to_unix_seconds'),
  row('action_source', 'parameters.action_source', { name: 'default', value: 'website' }),
  { source: 'context.page.url', target: 'event_source_url' },
  { source: 'context.page.referrer', target: 'referrer_url' },
  { source: 'context.ip', target: 'user_data.client_ip_address' },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  ...identityRows('user_data', CAPI_USER_DATA_RULES, { array: true }),
  { source: 'context.vendor_ids.fbc', target: 'user_data.fbc' },
  { source: 'context.vendor_ids.fbp', target: 'user_data.fbp' },
];

/** The value (sources as a list, even of one) and currency rows. */
const value = (e: StandardEvent, fallback?: string): MappingRow[] => {
  const v = firstPortsValue(e, 'custom_data.value');
  return [{ ...v, source: [v.source!].flat() }, currencyRow('custom_data.currency', fallback)];
};
const product: MappingRow = { value: 'product', target: 'custom_data.content_type' };

function rows(e: StandardEvent): MappingRow[] {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return [
        ...value(e),
        row('custom_data.content_ids', SOURCES.product_id, 'to_string', 'to_array'),
        product,
      ];
    case 'purchase':
      return [
        ...value(e, 'USD'),
        row('custom_data.order_id', SOURCES.order_id, 'to_string'),
        row('custom_data.content_ids', 'properties.products[].product_id', 'to_string'),
        {
          source: 'properties.products',
          target: 'custom_data.contents',
          items: [
            row('id', ['product_id', 'sku'], 'to_string'),
            row('quantity', 'quantity', 'to_number'),
            row('item_price', 'price', 'to_number'),
          ],
        },
        product,
      ];
    case 'lead':
    case 'begin_checkout':
      return value(e);
    case 'search':
      return [{ source: [...SOURCES.query], target: 'custom_data.search_string' }];
    default:
      return [];
  }
}

export const metaDeclaration: VendorDeclaration = {
  id: 'meta_capi',
  name: 'Meta Conversions API (CAPI)',
  category: 'advertising',
  description:
    'Purchases, leads and page views sent to Meta server side, matched on hashed email and phone, deduplicated with the Pixel.',
  api: 'Conversions API (Graph API /{pixel_id}/events)',
  docs: 'https://developers.facebook.com/docs/marketing-api/conversions-api',
  status: 'ga',
  test_settings: { pixel_id: '123456789012345', access_token: 'test-meta-token' },
  blueprints: META_BLUEPRINTS,
  logo: { pack: 'simple-icons', name: 'meta' },
  settings: [
    setting(
      'pixel_id',
      'Pixel / dataset ID',
      'string',
      'Events Manager → Data sources → your pixel or dataset id.',
      { pattern: { regex: '^\\d{1,32}$', message: 'must be the numeric pixel / dataset id' } },
    ),
    adSettings.accessToken(
      'System-user access token generated in Events Manager → Settings → Conversions API.',
    ),
    optional(
      'api_version',
      'Graph API version',
      'string',
      'Graph API version segment, e.g. v24.0.',
      { default: 'v24.0', pattern: { regex: '^v\\d+\\.\\d+$', message: 'must look like v24.0' } },
    ),
    adSettings.actionSource(
      META_ACTION_SOURCES,
      'Where the conversions happen (sent as action_source).',
    ),
    adSettings.testEventCode(
      'Events Manager → Test events code; events then appear only in the test tool.',
      { max_length: 64 },
    ),
  ],
  variants: [
    {
      key: 'retail',
      name: 'Retail',
      description: 'Purchase and cart events; marketing consent; batches of up to 1000.',
      defaults: { consent_categories: ['marketing'], batch_size: 1000, batch_interval_ms: 1000 },
    },
    {
      key: 'travel',
      name: 'Travel',
      description: 'Search and booking events; marketing consent.',
      defaults: { consent_categories: ['marketing'], batch_size: 500 },
    },
    {
      key: 'media',
      name: 'Media',
      description: 'Content views; advertising consent.',
      defaults: { consent_categories: ['advertising'], batch_size: 1000 },
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://graph.facebook.com',
      path: '/{{settings.api_version}}/{{settings.pixel_id}}/events',
      test_mode: {
        body: { test_event_code: '{{settings.test_event_code}}' },
        requires: ['test_event_code'],
      },
    },
    auth: {
      kind: 'api_key',
      in: 'query',
      name: 'access_token',
      value: '{{settings.access_token}}',
    },
    body: { wrapper: { data: '{{items}}' } },
    item: { fields: { event_name: '{{vendor_event}}' } },
    // One event Meta refuses fails the whole request, so such events are skipped before sending
    // (docs/vendors/ads-analytics-warehouse.md §2).
    eligibility: [
      { any_of: [['event_time']], reason: 'event_time is missing' },
      {
        when: { action_source: 'website' },
        any_of: [['event_source_url']],
        reason: 'website events need event_source_url (context.page.url)',
      },
      {
        when: { action_source: 'website' },
        any_of: [['user_data.client_user_agent']],
        reason: 'website events need user_data.client_user_agent (context.user_agent)',
      },
      {
        when: { event_name: 'Purchase' },
        any_of: [['custom_data.value', 'custom_data.currency']],
        reason: 'Purchase needs custom_data.value and custom_data.currency',
      },
      {
        unless: { action_source: 'physical_store' },
        window: { path: 'event_time', unit: 's', max_age_days: 7 },
        reason: 'event_time is older than Meta accepts (7 days); it would fail the whole batch',
      },
      {
        when: { action_source: 'physical_store' },
        window: { path: 'event_time', unit: 's', max_age_days: 62 },
        reason: 'event_time is older than Meta accepts (62 days); it would fail the whole batch',
      },
      {
        window: { path: 'event_time', unit: 's', max_ahead_s: 60 },
        reason: 'event_time is more than a minute in the future',
      },
    ],
    batching: { max_events: 1000 },
    // Meta publishes no CAPI rate; throttling shows as codes 4/17/32/613/80003.
    rate_limit_rps: 20,
    answer: {
      error_message: ['error.message'],
      reason: [
        'Meta error {{body.error.code}}/{{body.error.error_subcode}}: {{body.error.message}}',
        'Meta error {{body.error.code}}: {{body.error.message}}',
        'Meta error {{body.error.code}}/{{body.error.error_subcode}}: no message',
        'Meta error {{body.error.code}}: no message',
      ],
      body_codes: [
        { path: 'error.code', values: [...META_THROTTLE_CODES], outcome: 'throttle' },
        { path: 'error.is_transient', values: [true], outcome: 'retry' },
        { path: 'error.code', values: [...META_TRANSIENT_CODES], outcome: 'retry' },
        { path: 'error.code', values: [190, 200], outcome: 'reauth' },
      ],
    },
  },
  mapping: {
    fields: META_FIELDS,
    defaults: {
      global: META_GLOBAL,
      events: standardEvents(PIXEL_EVENT_NAMES, rows, FIRST_PORTS_MATCH),
      defaults: { action: 'drop' },
    },
  },
};

export const metaCapi = declareVendor(metaDeclaration, { style: metaDouble });
