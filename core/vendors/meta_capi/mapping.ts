/**
 * Meta's side of the V2 mapping: per-event fields (coverage, autocomplete), normalisers as
 * namespaced transforms, the event-name map and default mappings for page view, add to cart,
 * purchase and lead.
 */
import type { MappingRow, TransformTable, VendorField, VendorMapping } from '../../mapping/index.js';
import { metaCity, metaCountry, metaDob, metaEmail, metaExternalId, metaGender, metaName, metaPhone, metaState, metaZip } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** Meta normalisers by transform name (normalise only; hash with `sha256` after). */
export const metaTransforms: TransformTable = {
  'meta.normalize_email': onString(metaEmail),
  'meta.normalize_phone': onString(metaPhone),
  'meta.normalize_name': onString(metaName),
  'meta.normalize_city': onString(metaCity),
  'meta.normalize_state': onString(metaState),
  'meta.normalize_zip': onString(metaZip),
  'meta.normalize_country': onString(metaCountry),
  'meta.normalize_gender': onString(metaGender),
  'meta.normalize_dob': onString(metaDob),
  'meta.normalize_external_id': onString(metaExternalId),
};

/** Canonical event key → Meta standard event. */
export const META_EVENT_NAMES = { page_view: 'PageView', add_to_cart: 'AddToCart', purchase: 'Purchase', lead: 'Lead' } as const;

/** The fields of one Meta server event (`data[]` item). */
export const META_FIELDS: readonly VendorField[] = [
  { path: 'event_name', required: true, auto: true, description: 'Standard or custom event name (from the event map).' },
  { path: 'event_time', required: true, description: 'Unix seconds.' },
  { path: 'action_source', required: true, description: 'website, app, email, phone_call, chat, physical_store, system_generated, other.' },
  { path: 'event_source_url', required: true, description: 'Page URL (required for website events).' },
  { path: 'user_data.client_user_agent', required: true, description: 'User agent, plain (required for website events).' },
  { path: 'event_id', required: false, description: 'Dedup key shared with the Pixel eventID.' },
  { path: 'referrer_url', required: false, description: 'Referrer.' },
  { path: 'user_data.client_ip_address', required: false, description: 'IP, plain.' },
  { path: 'user_data.em', required: false, description: 'SHA-256 of trimmed, lowercased email.' },
  { path: 'user_data.ph', required: false, description: 'SHA-256 of digits with country code, no +.' },
  { path: 'user_data.fn', required: false, description: 'SHA-256 of lowercase first name, no punctuation.' },
  { path: 'user_data.ln', required: false, description: 'SHA-256 of lowercase last name, no punctuation.' },
  { path: 'user_data.ge', required: false, description: 'SHA-256 of m/f.' },
  { path: 'user_data.db', required: false, description: 'SHA-256 of YYYYMMDD.' },
  { path: 'user_data.ct', required: false, description: 'SHA-256 of lowercase city without spaces.' },
  { path: 'user_data.st', required: false, description: 'SHA-256 of 2-letter state.' },
  { path: 'user_data.zp', required: false, description: 'SHA-256 of zip (US: 5 digits).' },
  { path: 'user_data.country', required: false, description: 'SHA-256 of ISO alpha-2 lowercase.' },
  { path: 'user_data.external_id', required: false, description: 'SHA-256 of the user id.' },
  { path: 'user_data.fbc', required: false, description: '_fbc cookie, plain.' },
  { path: 'user_data.fbp', required: false, description: '_fbp cookie, plain.' },
  { path: 'custom_data.value', required: false, requiredFor: ['Purchase'], description: 'Monetary value.' },
  { path: 'custom_data.currency', required: false, requiredFor: ['Purchase'], description: 'ISO 4217.' },
  { path: 'custom_data.content_ids', required: false, description: 'Product ids.' },
  { path: 'custom_data.contents', required: false, description: '{id, quantity, item_price}.' },
  { path: 'custom_data.content_type', required: false, description: 'product or product_group.' },
  { path: 'custom_data.order_id', required: false, description: 'Order id.' },
  { path: 'custom_data.num_items', required: false, description: 'Item count.' },
];

const hashed = (source: string | string[], target: string, normalizer: string): MappingRow => ({
  source,
  target,
  transforms: [normalizer, 'sha256', 'to_array'],
});

/** Rows every Meta event gets: time, source, user data (hashed per Meta's rules), cookies. */
export const META_GLOBAL: MappingRow[] = [
  { source: 'event_id', target: 'event_id' },
  { source: 'timestamp', target: 'event_time', transforms: ['to_unix_seconds'] },
  { source: 'parameters.action_source', target: 'action_source', transforms: [{ name: 'default', value: 'website' }] },
  { source: 'context.page.url', target: 'event_source_url' },
  { source: 'context.page.referrer', target: 'referrer_url' },
  { source: 'context.ip', target: 'user_data.client_ip_address' },
  { source: 'context.user_agent', target: 'user_data.client_user_agent' },
  // `context.identity.*`: the identity hub's digests of the same normalised text (docs/identity.md).
  hashed(['traits.email', 'properties.email', 'context.identity.email_sha256'], 'user_data.em', 'meta.normalize_email'),
  hashed(['traits.phone', 'properties.phone', 'context.identity.phone_sha256'], 'user_data.ph', 'meta.normalize_phone'),
  hashed('traits.first_name', 'user_data.fn', 'meta.normalize_name'),
  hashed('traits.last_name', 'user_data.ln', 'meta.normalize_name'),
  hashed('traits.gender', 'user_data.ge', 'meta.normalize_gender'),
  hashed('traits.birthday', 'user_data.db', 'meta.normalize_dob'),
  hashed(['traits.city', 'traits.address.city'], 'user_data.ct', 'meta.normalize_city'),
  hashed(['traits.state', 'traits.address.state'], 'user_data.st', 'meta.normalize_state'),
  hashed(['traits.postal_code', 'traits.address.postal_code'], 'user_data.zp', 'meta.normalize_zip'),
  hashed(['traits.country', 'traits.address.country'], 'user_data.country', 'meta.normalize_country'),
  hashed('user_id', 'user_data.external_id', 'meta.normalize_external_id'),
  { source: 'context.vendor_ids.fbc', target: 'user_data.fbc' },
  { source: 'context.vendor_ids.fbp', target: 'user_data.fbp' },
];

const value = (sources: string[]): MappingRow => ({ source: sources, target: 'custom_data.value', transforms: ['to_number'] });
const currency: MappingRow = { source: 'properties.currency', target: 'custom_data.currency', transforms: ['trim', 'uppercase'] };

/** Meta's default mapping config (an untouched install). */
export const metaMapping: VendorMapping = {
  fields: META_FIELDS,
  transforms: metaTransforms,
  defaults: {
    global: META_GLOBAL,
    events: {
      page_view: { match: ['page_view', 'Page Viewed'], vendor_event: META_EVENT_NAMES.page_view, mappings: [] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: META_EVENT_NAMES.add_to_cart,
        mappings: [
          value(['properties.value', 'properties.price']),
          currency,
          { source: ['properties.product_id', 'properties.sku'], target: 'custom_data.content_ids', transforms: ['to_string', 'to_array'] },
          { value: 'product', target: 'custom_data.content_type' },
        ],
      },
      purchase: {
        match: ['purchase', 'Order Completed', 'Checkout Completed'],
        vendor_event: META_EVENT_NAMES.purchase,
        mappings: [
          value(['properties.revenue', 'properties.value', 'properties.total']),
          { ...currency, transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }] },
          { source: ['properties.order_id', 'properties.transaction_id'], target: 'custom_data.order_id', transforms: ['to_string'] },
          { source: 'properties.products[].product_id', target: 'custom_data.content_ids', transforms: ['to_string'] },
          {
            source: 'properties.products',
            target: 'custom_data.contents',
            items: [
              { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
              { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
              { source: 'price', target: 'item_price', transforms: ['to_number'] },
            ],
          },
          { value: 'product', target: 'custom_data.content_type' },
        ],
      },
      lead: {
        match: ['lead', 'generate_lead', 'Lead Generated'],
        vendor_event: META_EVENT_NAMES.lead,
        mappings: [value(['properties.value']), currency],
      },
    },
    defaults: { action: 'drop' },
  },
};
