/**
 * Snapchat Conversions API v3 as a declaration (docs/vendors/ads-analytics-warehouse.md §6): `POST {base}/v3/{pixel_id}/events`
 * with the token in the `access_token` query parameter (a secret scrubbed from logged URLs),
 * `{"data":[…]}`, `event_time` in Unix seconds, `action_source` WEB. Test mode posts to
 * `/v3/{pixel_id}/events/validate`, which checks the events and records nothing. App events go to
 * the Snap app id instead of the pixel (the settings hook). Hashed user fields travel as lists,
 * IP and click ids in clear. The 37-day age limit is Snap's to enforce; the double enforces it.
 */
import { CAPI_USER_DATA_RULES, identityFields, identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { adSettings, optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import { commerceRows, fieldTable, row, standardEvents, valueRows } from '../spec/standard.js';
import { snapchatDouble } from './double.js';

/** The fields of one Snap `data[]` event. */
export const SNAPCHAT_FIELDS = [
  ...fieldTable([
    ['event_name', 'required auto', 'Snap event name (from the event map).'],
    ['event_time', 'required auto', 'Unix seconds.'],
    ['action_source', 'required auto', 'WEB | MOBILE_APP | OFFLINE (parameter).'],
    ['event_id', 'auto', 'Dedup id with the Snap Pixel.'],
    ['event_source_url', 'required', 'Page URL with scheme (required for WEB).'],
  ]),
  ...identityFields('user_data', CAPI_USER_DATA_RULES, { array: true }),
  ...fieldTable([
    ['user_data.client_ip_address', 'required', 'Client IP, never hashed.'],
    ['user_data.client_user_agent', 'required', 'Client user agent, plain.'],
    ['user_data.sc_click_id', '', 'ScCid click id, plain.'],
    ['user_data.sc_cookie1', '', '_scid cookie, plain.'],
    ['custom_data.value', 'for PURCHASE', 'Order value (number).'],
    ['custom_data.currency', 'for PURCHASE', 'ISO 4217, upper case.'],
    ['custom_data.order_id', '', 'Order id.'],
    ['custom_data.content_ids', '', 'Product ids.'],
    ['custom_data.contents', '', 'Items: id, item_price, quantity, brand.'],
    ['custom_data.num_items', '', 'Item count.'],
  ]),
];

const GLOBAL: MappingRow[] = [
  ...identityRows('user_data', CAPI_USER_DATA_RULES, { array: true }),
  { source: 'context.ip', target: 'user_data.client_ip_address', transforms: ['id.ip'] },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  { source: 'context.click_ids.sccid', target: 'user_data.sc_click_id' },
  row('user_data.sc_cookie1', ['context.vendor_ids.scid', 'context.vendor_ids.sc_cookie1']),
  { source: 'context.page.url', target: 'event_source_url' },
];

const rows = commerceRows({
  value: valueRows('custom_data.value', 'custom_data.currency'),
  contentIds: 'custom_data.content_ids',
  cartCount: 'custom_data.num_items',
  orderId: 'custom_data.order_id',
  products: {
    target: 'custom_data.contents',
    keys: { id: 'id', price: 'item_price', quantity: 'quantity', brand: 'brand' },
  },
  search: 'custom_data.search_string',
});

export const snapchatDeclaration: VendorDeclaration = {
  id: 'snapchat',
  name: 'Snapchat',
  category: 'advertising',
  description:
    'Purchases, sign-ups and page views sent to Snap Ads, matched on hashed email, phone and the Snap click id.',
  api: 'Conversions API v3 (tr.snapchat.com/v3/{pixel_id}/events)',
  docs: 'https://developers.snap.com/api/marketing-api/Conversions-API',
  status: 'ga',
  test_settings: {
    pixel_id: '1ec32188-754e-4be2-8e55-c949a984a39f',
    access_token: 'test-snap-token',
  },
  logo: { pack: 'simple-icons', name: 'snapchat' },
  settings: [
    setting('pixel_id', 'Pixel ID', 'string', 'Snap Pixel id from Ads Manager → Events Manager.', {
      pattern: { regex: '^[A-Za-z0-9-]+$', message: 'must be a Snap pixel id' },
    }),
    adSettings.accessToken('Conversions API token created in Ads Manager / Business Manager.'),
    optional('snap_app_id', 'Snap app ID', 'string', 'For app events instead of the pixel id.'),
    adSettings.actionSource(['WEB', 'MOBILE_APP', 'OFFLINE']),
  ],
  spec: {
    endpoint: {
      base_url: 'https://tr.snapchat.com',
      // `asset` is the pixel id, or the Snap app id for app events (the settings hook).
      path: '/v3/{{settings.asset}}/events',
      test_mode: { path: '/v3/{{settings.asset}}/events/validate' },
    },
    auth: {
      kind: 'api_key',
      in: 'query',
      name: 'access_token',
      value: '{{settings.access_token}}',
    },
    body: { wrapper: { data: '{{items}}' } },
    item: {
      fields: {
        event_name: '{{vendor_event}}',
        event_time: '{{event.timestamp | to_unix_seconds}}',
        action_source: '{{settings.action_source}}',
        event_id: '{{event.event_id}}',
      },
    },
    eligibility: [
      {
        when: { action_source: 'WEB' },
        any_of: [['event_source_url']],
        reason: 'web events need event_source_url',
      },
      {
        any_of: [
          ['user_data.em'],
          ['user_data.ph'],
          ['user_data.madid'],
          ['user_data.client_ip_address', 'user_data.client_user_agent'],
        ],
        reason:
          'Snap needs user_data.em, user_data.ph, user_data.madid, or client_ip_address with client_user_agent',
      },
      {
        when: { event_name: 'PURCHASE' },
        any_case: true,
        any_of: [['custom_data.value', 'custom_data.currency']],
        reason: 'PURCHASE needs custom_data.value and custom_data.currency',
      },
    ],
    // RudderStack's batch size; Snap's own cap is unpublished.
    batching: { max_events: 2000 },
    // Snap publishes no rate limit.
    rate_limit_rps: 10,
    answer: {
      error_message: ['reason'],
      reason: 'Snap {{body.status}}: {{body.reason}}',
      body_codes: [
        {
          path: 'status',
          values: ['INVALID', 'FAILED', 'FAILURE', 'ERROR'],
          outcome: 'reject',
          statuses: 'non_error',
          label: 'Snap',
        },
      ],
    },
  },
  mapping: {
    fields: SNAPCHAT_FIELDS,
    defaults: {
      global: GLOBAL,
      // Snap has no lead event: a lead is a `SIGN_UP`.
      events: standardEvents(
        {
          page_view: 'PAGE_VIEW',
          add_to_cart: 'ADD_CART',
          purchase: 'PURCHASE',
          lead: 'SIGN_UP',
          view_item: 'VIEW_CONTENT',
          begin_checkout: 'START_CHECKOUT',
          sign_up: 'SIGN_UP',
          search: 'SEARCH',
        },
        rows,
      ),
      defaults: { action: 'drop' },
    },
  },
};

export const snapchat = declareVendor(snapchatDeclaration, {
  // App events go to the Snap app id instead of the pixel.
  hooks: {
    settings(params) {
      params.asset =
        params.snap_app_id && params.action_source === 'MOBILE_APP'
          ? params.snap_app_id
          : params.pixel_id;
    },
  },
  style: snapchatDouble,
});
