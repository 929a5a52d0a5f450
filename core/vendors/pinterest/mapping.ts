/**
 * Pinterest's side of the V2 mapping: fields, normalisers as namespaced transforms, the
 * event-name map (snake_case; `checkout` is the purchase) and the default mappings.
 * Hashed user fields are arrays (`to_array`); IP, user agent and click id are plain strings.
 */
import { capiUserDataRows, type MappingRow, type TransformTable, type VendorField, type VendorMapping } from '../../mapping/index.js';
import {
  pinterestBirthDate,
  pinterestCity,
  pinterestCode,
  pinterestEmail,
  pinterestExternalId,
  pinterestGender,
  pinterestMaid,
  pinterestName,
  pinterestPhone,
  pinterestZip,
} from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** Pinterest normalisers by transform name. */
export const pinterestTransforms: TransformTable = {
  'pinterest.hash_email': onString(pinterestEmail),
  'pinterest.hash_phone': onString(pinterestPhone),
  'pinterest.hash_gender': onString(pinterestGender),
  'pinterest.hash_birth_date': onString(pinterestBirthDate),
  'pinterest.hash_name': onString(pinterestName),
  'pinterest.hash_city': onString(pinterestCity),
  'pinterest.hash_code': onString(pinterestCode),
  'pinterest.hash_zip': onString(pinterestZip),
  'pinterest.hash_external_id': onString(pinterestExternalId),
  'pinterest.hash_maid': onString(pinterestMaid),
};

/** Canonical event key → Pinterest event name. */
export const PINTEREST_EVENT_NAMES = {
  page_view: 'page_visit',
  add_to_cart: 'add_to_cart',
  purchase: 'checkout',
  lead: 'lead',
} as const;

/** Every event name the Conversions API accepts (digest §5; CamelCase names fail). */
export const PINTEREST_EVENT_ENUM = [
  'add_to_cart', 'checkout', 'custom', 'lead', 'page_visit', 'search', 'signup', 'view_category', 'watch_video',
  'add_payment_info', 'add_to_wishlist', 'app_install', 'app_open', 'contact', 'customize_product', 'find_location',
  'initiate_checkout', 'schedule', 'start_trial', 'submit_application', 'subscribe', 'view_content',
] as const;

/** Hashed `user_data` keys (arrays of SHA-256 hex). */
export const PINTEREST_HASHED_KEYS = ['em', 'ph', 'ge', 'db', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'external_id', 'hashed_maids'] as const;

/** The fields of one Pinterest `data[]` event. */
export const PINTEREST_FIELDS: readonly VendorField[] = [
  { path: 'event_name', required: true, auto: true, description: 'snake_case event name (from the event map).' },
  { path: 'action_source', required: true, auto: true, description: 'web | app_android | app_ios | offline (parameter).' },
  { path: 'event_time', required: true, auto: true, description: 'Unix seconds.' },
  { path: 'event_id', required: true, auto: true, description: 'Dedup id with the Pinterest Tag.' },
  { path: 'user_data.em', required: false, description: 'SHA-256 emails (array).' },
  { path: 'user_data.ph', required: false, description: 'SHA-256 phones, digits with country code (array).' },
  { path: 'user_data.fn', required: false, description: 'SHA-256 first names (array).' },
  { path: 'user_data.ln', required: false, description: 'SHA-256 last names (array).' },
  { path: 'user_data.ge', required: false, description: 'SHA-256 of f/m/n (array).' },
  { path: 'user_data.db', required: false, description: 'SHA-256 of YYYYMMDD (array).' },
  { path: 'user_data.ct', required: false, description: 'SHA-256 cities (array).' },
  { path: 'user_data.st', required: false, description: 'SHA-256 two-letter states (array).' },
  { path: 'user_data.zp', required: false, description: 'SHA-256 zips (array).' },
  { path: 'user_data.country', required: false, description: 'SHA-256 ISO alpha-2 (array).' },
  { path: 'user_data.external_id', required: false, description: 'SHA-256 user ids (array).' },
  { path: 'user_data.client_ip_address', required: true, description: 'Client IP, plain (with the user agent: the minimum identity).' },
  { path: 'user_data.client_user_agent', required: true, description: 'Client user agent, plain.' },
  { path: 'user_data.click_id', required: false, description: 'epik click id, plain.' },
  { path: 'event_source_url', required: false, description: 'Page URL (recommended for web).' },
  { path: 'custom_data.value', required: false, requiredFor: ['checkout'], description: 'Order value as a string.' },
  { path: 'custom_data.currency', required: false, requiredFor: ['checkout'], description: 'ISO 4217.' },
  { path: 'custom_data.order_id', required: false, description: 'Order id.' },
  { path: 'custom_data.content_ids', required: false, description: 'Product ids (strings).' },
  { path: 'custom_data.contents', required: false, description: 'Items: id, item_price (string), quantity (int), item_name.' },
  { path: 'custom_data.num_items', required: false, description: 'Item count.' },
];

const GLOBAL: MappingRow[] = [
  ...capiUserDataRows('pinterest'),
  { source: 'context.ip', target: 'user_data.client_ip_address' },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  { source: ['context.click_ids.epik', 'context.vendor_ids.epik'], target: 'user_data.click_id' },
  { source: 'context.page.url', target: 'event_source_url' },
];

const VALUE: MappingRow[] = [
  { source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'], target: 'custom_data.value', transforms: ['to_number', 'to_string'] },
  { source: 'properties.currency', target: 'custom_data.currency', transforms: ['trim', 'uppercase'] },
];

/** Pinterest's default mapping categories. */
export const pinterestMapping: VendorMapping = {
  fields: PINTEREST_FIELDS,
  transforms: pinterestTransforms,
  defaults: {
    global: GLOBAL,
    events: {
      page_view: { vendor_event: PINTEREST_EVENT_NAMES.page_view, mappings: [] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: PINTEREST_EVENT_NAMES.add_to_cart,
        mappings: [
          ...VALUE,
          { source: ['properties.product_id', 'properties.sku'], target: 'custom_data.content_ids', transforms: ['to_string', 'to_array'] },
          { source: ['properties.product_id', 'properties.sku'], target: 'custom_data.contents[0].id', transforms: ['to_string'] },
          { source: 'properties.name', target: 'custom_data.contents[0].item_name' },
          { source: 'properties.price', target: 'custom_data.contents[0].item_price', transforms: ['to_number', 'to_string'] },
          { source: 'properties.quantity', target: 'custom_data.contents[0].quantity', transforms: ['to_number'] },
        ],
      },
      purchase: {
        match: ['purchase', 'Order Completed'],
        vendor_event: PINTEREST_EVENT_NAMES.purchase,
        mappings: [
          ...VALUE,
          { source: 'properties.order_id', target: 'custom_data.order_id', transforms: ['to_string'] },
          { source: ['properties.products[].product_id', 'properties.products[].sku'], target: 'custom_data.content_ids', transforms: ['to_string'] },
          {
            source: 'properties.products',
            target: 'custom_data.contents',
            items: [
              { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
              { source: 'name', target: 'item_name' },
              { source: 'category', target: 'item_category' },
              { source: 'brand', target: 'item_brand' },
              { source: 'price', target: 'item_price', transforms: ['to_number', 'to_string'] },
              { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
            ],
          },
        ],
      },
      lead: { match: ['lead', 'Generate Lead', 'Lead Submitted'], vendor_event: PINTEREST_EVENT_NAMES.lead, mappings: VALUE },
    },
    defaults: { action: 'drop' },
  },
};
