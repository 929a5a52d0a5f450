/**
 * Snapchat's side of the V2 mapping: fields, normalisers as namespaced transforms, the event-name
 * map (Snap's upper-case enum) and the default mappings. Hashed user fields go as lists
 * (`to_array`), IP/UA/click ids in clear.
 */
import { capiUserDataRows, type MappingRow, type TransformTable, type VendorField, type VendorMapping } from '../../mapping/index.js';
import { snapBirthDate, snapCity, snapCode, snapEmail, snapExternalId, snapGender, snapIp, snapName, snapPhone, snapZip } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** Snapchat normalisers by transform name. */
export const snapchatTransforms: TransformTable = {
  'snapchat.hash_email': onString(snapEmail),
  'snapchat.hash_phone': onString(snapPhone),
  'snapchat.hash_name': onString(snapName),
  'snapchat.hash_gender': onString(snapGender),
  'snapchat.hash_birth_date': onString(snapBirthDate),
  'snapchat.hash_city': onString(snapCity),
  'snapchat.hash_code': onString(snapCode),
  'snapchat.hash_zip': onString(snapZip),
  'snapchat.hash_external_id': onString(snapExternalId),
  'snapchat.ip': onString(snapIp),
};

/** Canonical event key → Snap event name. Snap has no lead event: a lead is a `SIGN_UP`. */
export const SNAPCHAT_EVENT_NAMES = {
  page_view: 'PAGE_VIEW',
  add_to_cart: 'ADD_CART',
  purchase: 'PURCHASE',
  lead: 'SIGN_UP',
} as const;

/** Snap's standard event names (digest §6). */
export const SNAPCHAT_EVENT_ENUM = [
  'PAGE_VIEW', 'VIEW_CONTENT', 'ADD_CART', 'ADD_TO_WISHLIST', 'SIGN_UP', 'SEARCH', 'PURCHASE', 'ADD_BILLING', 'START_CHECKOUT',
  'SAVE', 'SUBSCRIBE', 'AD_CLICK', 'AD_VIEW', 'COMPLETE_TUTORIAL', 'LEVEL_COMPLETE', 'INVITE', 'LOGIN', 'SHARE', 'RESERVE',
  'ACHIEVEMENT_UNLOCKED', 'SPENT_CREDITS', 'RATE', 'START_TRIAL', 'LIST_VIEW', 'APP_INSTALL', 'APP_OPEN',
  'CUSTOM_EVENT_1', 'CUSTOM_EVENT_2', 'CUSTOM_EVENT_3', 'CUSTOM_EVENT_4', 'CUSTOM_EVENT_5',
] as const;

/** Hashed `user_data` keys. */
export const SNAPCHAT_HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country', 'external_id'] as const;

/** The fields of one Snap `data[]` event. */
export const SNAPCHAT_FIELDS: readonly VendorField[] = [
  { path: 'event_name', required: true, auto: true, description: 'Snap event name (from the event map).' },
  { path: 'event_time', required: true, auto: true, description: 'Unix seconds.' },
  { path: 'action_source', required: true, auto: true, description: 'WEB | MOBILE_APP | OFFLINE (parameter).' },
  { path: 'event_id', required: false, auto: true, description: 'Dedup id with the Snap Pixel.' },
  { path: 'event_source_url', required: true, description: 'Page URL with scheme (required for WEB).' },
  { path: 'user_data.em', required: false, description: 'SHA-256 emails.' },
  { path: 'user_data.ph', required: false, description: 'SHA-256 phones: digits with country code, no +, no 00, no trunk 0.' },
  { path: 'user_data.fn', required: false, description: 'SHA-256 first names (UTF-8 letters).' },
  { path: 'user_data.ln', required: false, description: 'SHA-256 last names.' },
  { path: 'user_data.ge', required: false, description: 'SHA-256 of m/f.' },
  { path: 'user_data.db', required: false, description: 'SHA-256 of YYYYMMDD.' },
  { path: 'user_data.ct', required: false, description: 'SHA-256 cities.' },
  { path: 'user_data.st', required: false, description: 'SHA-256 two-letter states.' },
  { path: 'user_data.zp', required: false, description: 'SHA-256 zips.' },
  { path: 'user_data.country', required: false, description: 'SHA-256 ISO alpha-2.' },
  { path: 'user_data.external_id', required: false, description: 'SHA-256 user ids.' },
  { path: 'user_data.client_ip_address', required: true, description: 'Client IP, never hashed.' },
  { path: 'user_data.client_user_agent', required: true, description: 'Client user agent, plain.' },
  { path: 'user_data.sc_click_id', required: false, description: 'ScCid click id, plain.' },
  { path: 'user_data.sc_cookie1', required: false, description: '_scid cookie, plain.' },
  { path: 'custom_data.value', required: false, requiredFor: ['PURCHASE'], description: 'Order value (number).' },
  { path: 'custom_data.currency', required: false, requiredFor: ['PURCHASE'], description: 'ISO 4217, upper case.' },
  { path: 'custom_data.order_id', required: false, description: 'Order id.' },
  { path: 'custom_data.content_ids', required: false, description: 'Product ids.' },
  { path: 'custom_data.contents', required: false, description: 'Items: id, item_price, quantity, brand.' },
  { path: 'custom_data.num_items', required: false, description: 'Item count.' },
];

const GLOBAL: MappingRow[] = [
  ...capiUserDataRows('snapchat'),
  { source: 'context.ip', target: 'user_data.client_ip_address', transforms: ['snapchat.ip'] },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  { source: 'context.click_ids.sccid', target: 'user_data.sc_click_id' },
  { source: ['context.vendor_ids.scid', 'context.vendor_ids.sc_cookie1'], target: 'user_data.sc_cookie1' },
  { source: 'context.page.url', target: 'event_source_url' },
];

const VALUE: MappingRow[] = [
  { source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'], target: 'custom_data.value', transforms: ['to_number'] },
  { source: 'properties.currency', target: 'custom_data.currency', transforms: ['trim', 'uppercase'] },
];

/** Snapchat's default mapping categories. */
export const snapchatMapping: VendorMapping = {
  fields: SNAPCHAT_FIELDS,
  transforms: snapchatTransforms,
  defaults: {
    global: GLOBAL,
    events: {
      page_view: { vendor_event: SNAPCHAT_EVENT_NAMES.page_view, mappings: [] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: SNAPCHAT_EVENT_NAMES.add_to_cart,
        mappings: [
          ...VALUE,
          { source: ['properties.product_id', 'properties.sku'], target: 'custom_data.content_ids', transforms: ['to_string', 'to_array'] },
          { source: 'properties.quantity', target: 'custom_data.num_items', transforms: ['to_number'] },
        ],
      },
      purchase: {
        match: ['purchase', 'Order Completed'],
        vendor_event: SNAPCHAT_EVENT_NAMES.purchase,
        mappings: [
          ...VALUE,
          { source: 'properties.order_id', target: 'custom_data.order_id', transforms: ['to_string'] },
          { source: ['properties.products[].product_id', 'properties.products[].sku'], target: 'custom_data.content_ids', transforms: ['to_string'] },
          {
            source: 'properties.products',
            target: 'custom_data.contents',
            items: [
              { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
              { source: 'price', target: 'item_price', transforms: ['to_number'] },
              { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
              { source: 'brand', target: 'brand' },
            ],
          },
        ],
      },
      lead: { match: ['lead', 'Generate Lead', 'Lead Submitted', 'Signed Up'], vendor_event: SNAPCHAT_EVENT_NAMES.lead, mappings: VALUE },
    },
    defaults: { action: 'drop' },
  },
};
