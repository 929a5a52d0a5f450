/**
 * Pinterest Conversions API v5 as a declaration (docs/vendors/ads-analytics-warehouse.md §5): `POST
 * {base}/v5/ad_accounts/{id}/events` with `Authorization: Bearer <conversion token>`, up to 1000
 * events in `data[]`, Unix seconds. A 200 may still fail single events: `events[i].status` is
 * `processed` or `failed`, in request order. Test mode is `?test=true` (validated, not recorded).
 * Hashed user fields travel as arrays of SHA-256 hex; IP, user agent and click id are plain.
 */
import { CAPI_USER_DATA_RULES, identityFields, identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { adSettings, optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import { commerceRows, fieldTable, standardEvents, valueRows } from '../spec/standard.js';
import { pinterestDouble } from './double.js';

/** Why an event without a usable identity is skipped (and failed by the double). */
export const PINTEREST_IDENTITY_REASON =
  'Pinterest needs user_data.em, user_data.hashed_maids, or client_ip_address with client_user_agent';

/**
 * Pinterest's hashing rules, by `user_data` key (docs/vendors/ads-analytics-warehouse.md §0.1):
 * Meta's, except names (trimmed and lowercased, not reduced to letters) and ids (case kept).
 */
const USER_DATA_RULES = {
  ...CAPI_USER_DATA_RULES,
  fn: 'name_sha256',
  ln: 'name_sha256',
  external_id: 'external_id_sha256',
} as const;

/** The fields of one Pinterest `data[]` event. */
export const PINTEREST_FIELDS = [
  ...fieldTable([
    ['event_name', 'required auto', 'snake_case event name (from the event map).'],
    ['action_source', 'required auto', 'web | app_android | app_ios | offline (parameter).'],
    ['event_time', 'required auto', 'Unix seconds.'],
    ['event_id', 'required auto', 'Dedup id with the Pinterest Tag.'],
  ]),
  ...identityFields('user_data', USER_DATA_RULES, { array: true }),
  ...fieldTable([
    [
      'user_data.client_ip_address',
      'required',
      'Client IP, plain (with the user agent: the minimum identity).',
    ],
    ['user_data.client_user_agent', 'required', 'Client user agent, plain.'],
    ['user_data.click_id', '', 'epik click id, plain.'],
    ['event_source_url', '', 'Page URL (recommended for web).'],
    ['custom_data.value', 'for checkout', 'Order value as a string.'],
    ['custom_data.currency', 'for checkout', 'ISO 4217.'],
    ['custom_data.order_id', '', 'Order id.'],
    ['custom_data.content_ids', '', 'Product ids (strings).'],
    ['custom_data.contents', '', 'Items: id, item_price (string), quantity (int), item_name.'],
    ['custom_data.num_items', '', 'Item count.'],
  ]),
];

const GLOBAL: MappingRow[] = [
  ...identityRows('user_data', USER_DATA_RULES, { array: true }),
  { source: 'context.ip', target: 'user_data.client_ip_address' },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  { source: ['context.click_ids.epik', 'context.vendor_ids.epik'], target: 'user_data.click_id' },
  { source: 'context.page.url', target: 'event_source_url' },
];

const rows = commerceRows({
  value: valueRows('custom_data.value', 'custom_data.currency', { asText: true }),
  contentIds: 'custom_data.content_ids',
  orderId: 'custom_data.order_id',
  products: {
    target: 'custom_data.contents',
    priceAsText: true,
    keys: {
      id: 'id',
      name: 'item_name',
      category: 'item_category',
      brand: 'item_brand',
      price: 'item_price',
      quantity: 'quantity',
    },
  },
  search: 'custom_data.search_string',
});

export const pinterestDeclaration: VendorDeclaration = {
  id: 'pinterest',
  name: 'Pinterest',
  category: 'advertising',
  description:
    'Checkouts, add-to-carts, sign-ups and page visits sent to Pinterest Ads, matched on hashed identifiers and the click id.',
  api: 'Conversions API v5 (/v5/ad_accounts/{ad_account_id}/events)',
  docs: 'https://developers.pinterest.com/docs/api/v5/events-create/',
  status: 'ga',
  test_settings: { ad_account_id: '549755885175', access_token: 'test-pinterest-token' },
  logo: { pack: 'logos', name: 'pinterest' },
  settings: [
    setting('ad_account_id', 'Ad account ID', 'string', 'Numeric ad account id from Ads Manager.', {
      pattern: { regex: '^\\d+$', message: 'must be the numeric ad account id' },
    }),
    adSettings.accessToken(
      'Conversion access token generated in Ads Manager (Bearer auth).',
      'Conversion access token',
    ),
    adSettings.actionSource(['web', 'app_android', 'app_ios', 'offline']),
    adSettings.partnerName('Pinterest'),
  ],
  spec: {
    endpoint: {
      base_url: 'https://api.pinterest.com',
      path: '/v5/ad_accounts/{{settings.ad_account_id}}/events',
      test_mode: { query: { test: 'true' } },
    },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    body: { wrapper: { data: '{{items}}' } },
    item: {
      fields: {
        event_name: '{{vendor_event}}',
        action_source: '{{settings.action_source}}',
        event_time: '{{event.timestamp | to_unix_seconds}}',
        event_id: '{{event.event_id}}',
        partner_name: '{{settings.partner_name}}',
      },
    },
    eligibility: {
      any_of: [
        ['user_data.em'],
        ['user_data.hashed_maids'],
        ['user_data.client_ip_address', 'user_data.client_user_agent'],
      ],
      reason: PINTEREST_IDENTITY_REASON,
    },
    batching: { max_events: 1000 },
    // The documented quota is 5,000 calls per minute per ad account.
    rate_limit_rps: 50,
    answer: {
      per_event: {
        path: 'events',
        match: 'index',
        status_field: 'status',
        ok_values: ['processed'],
        message_field: 'error_message',
      },
    },
  },
  mapping: {
    fields: PINTEREST_FIELDS,
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'page_visit',
          add_to_cart: 'add_to_cart',
          purchase: 'checkout',
          lead: 'lead',
          view_item: 'page_visit',
          begin_checkout: 'initiate_checkout',
          sign_up: 'signup',
          search: 'search',
        },
        rows,
      ),
      defaults: { action: 'drop' },
    },
  },
};

export const pinterest = declareVendor(pinterestDeclaration, { style: pinterestDouble });
