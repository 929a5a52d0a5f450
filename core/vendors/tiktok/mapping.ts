/**
 * TikTok's side of the V2 mapping: its per-event fields (coverage, autocomplete), its normalisers
 * as namespaced transforms, the event-name map and the default mappings for page view, add to
 * cart, purchase and lead.
 */
import type { MappingRow, TransformTable, VendorField, VendorMapping } from '../../mapping/index.js';
import { tiktokEmail, tiktokExternalId, tiktokName, tiktokPhone, tiktokPlace, tiktokZip } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** TikTok normalisers by transform name. */
export const tiktokTransforms: TransformTable = {
  'tiktok.hash_email': onString(tiktokEmail),
  'tiktok.hash_phone': onString(tiktokPhone),
  'tiktok.hash_external_id': onString(tiktokExternalId),
  'tiktok.hash_name': onString(tiktokName),
  'tiktok.hash_zip': onString(tiktokZip),
  'tiktok.place': onString(tiktokPlace),
};

/** Canonical event key → TikTok standard event (Events 2.0 names; `Purchase`/`Lead` replace the legacy `CompletePayment`/`SubmitForm`). */
export const TIKTOK_EVENT_NAMES = {
  page_view: 'ViewContent',
  add_to_cart: 'AddToCart',
  purchase: 'Purchase',
  lead: 'Lead',
} as const;

/** The fields of one TikTok `data[]` item. */
export const TIKTOK_FIELDS: readonly VendorField[] = [
  { path: 'event', required: true, auto: true, description: 'Event name (from the event map).' },
  { path: 'event_time', required: true, auto: true, description: 'Unix seconds (from the envelope timestamp).' },
  { path: 'event_id', required: false, auto: true, description: 'Dedup id (the envelope event_id).' },
  { path: 'user.email', required: false, description: 'SHA-256 of the trimmed, lowercased email.' },
  { path: 'user.phone', required: false, description: 'SHA-256 of the E.164 phone with +.' },
  { path: 'user.external_id', required: false, description: 'SHA-256 of the user id.' },
  { path: 'user.first_name', required: false, description: 'SHA-256, lowercase without spaces.' },
  { path: 'user.last_name', required: false, description: 'SHA-256, lowercase without spaces.' },
  { path: 'user.zip_code', required: false, description: 'SHA-256, without spaces or dashes.' },
  { path: 'user.city', required: false, description: 'Plain, lowercase alphanumerics.' },
  { path: 'user.state', required: false, description: 'Plain, lowercase alphanumerics.' },
  { path: 'user.country', required: false, description: 'Plain, lowercase ISO alpha-2.' },
  { path: 'user.ttclid', required: false, description: 'ttclid click id, plain.' },
  { path: 'user.ttp', required: false, description: '_ttp cookie, plain.' },
  { path: 'user.ip', required: false, description: 'Client IP, plain.' },
  { path: 'user.user_agent', required: false, description: 'Client user agent, plain.' },
  { path: 'user.locale', required: false, description: 'e.g. en-US.' },
  { path: 'page.url', required: false, description: 'Page URL.' },
  { path: 'page.referrer', required: false, description: 'Referrer URL.' },
  { path: 'properties.value', required: false, requiredFor: ['Purchase'], description: 'Order value (number).' },
  { path: 'properties.currency', required: false, requiredFor: ['Purchase'], description: 'ISO 4217.' },
  { path: 'properties.contents', required: false, description: 'Items: content_id (string), content_name, price, quantity.' },
  { path: 'properties.content_type', required: false, description: 'product | product_group.' },
  { path: 'properties.order_id', required: false, description: 'Order id.' },
  { path: 'limited_data_use', required: false, description: 'Limited data use flag.' },
];

const GLOBAL: MappingRow[] = [
  // `context.identity.*`: the identity hub's digests of the same normalised text (docs/identity.md).
  { source: ['traits.email', 'properties.email', 'context.identity.email_sha256'], target: 'user.email', transforms: ['tiktok.hash_email'] },
  { source: ['traits.phone', 'properties.phone', 'context.identity.phone_e164_sha256'], target: 'user.phone', transforms: ['tiktok.hash_phone'] },
  { source: 'user_id', target: 'user.external_id', transforms: ['tiktok.hash_external_id'] },
  { source: ['traits.first_name', 'traits.firstName'], target: 'user.first_name', transforms: ['tiktok.hash_name'] },
  { source: ['traits.last_name', 'traits.lastName'], target: 'user.last_name', transforms: ['tiktok.hash_name'] },
  { source: ['traits.address.postal_code', 'traits.postal_code'], target: 'user.zip_code', transforms: ['tiktok.hash_zip'] },
  { source: ['traits.address.city', 'traits.city'], target: 'user.city', transforms: ['tiktok.place'] },
  { source: ['traits.address.state', 'traits.state'], target: 'user.state', transforms: ['tiktok.place'] },
  { source: ['traits.address.country', 'traits.country'], target: 'user.country', transforms: ['tiktok.place'] },
  { source: 'context.click_ids.ttclid', target: 'user.ttclid' },
  { source: 'context.vendor_ids.ttp', target: 'user.ttp' },
  { source: 'context.ip', target: 'user.ip' },
  { source: 'context.user_agent', target: 'user.user_agent' },
  { source: 'context.locale', target: 'user.locale' },
  { source: 'context.page.url', target: 'page.url' },
  { source: 'context.page.referrer', target: 'page.referrer' },
];

const VALUE: MappingRow[] = [
  { source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'], target: 'properties.value', transforms: ['to_number'] },
  { source: 'properties.currency', target: 'properties.currency', transforms: ['trim', 'uppercase'] },
];

const ITEM_ROWS: MappingRow[] = [
  { source: ['product_id', 'sku', 'id'], target: 'content_id', transforms: ['to_string'] },
  { source: 'name', target: 'content_name' },
  { source: 'category', target: 'content_category' },
  { source: 'brand', target: 'brand' },
  { source: 'price', target: 'price', transforms: ['to_number'] },
  { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
];

/** TikTok's default mapping categories (global, events, defaults). */
export const tiktokMapping: VendorMapping = {
  fields: TIKTOK_FIELDS,
  transforms: tiktokTransforms,
  defaults: {
    global: GLOBAL,
    events: {
      page_view: { vendor_event: TIKTOK_EVENT_NAMES.page_view, mappings: [{ source: 'context.page.title', target: 'properties.description' }] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: TIKTOK_EVENT_NAMES.add_to_cart,
        mappings: [
          ...VALUE,
          { value: 'product', target: 'properties.content_type' },
          { source: ['properties.product_id', 'properties.sku'], target: 'properties.contents[0].content_id', transforms: ['to_string'] },
          { source: 'properties.name', target: 'properties.contents[0].content_name' },
          { source: 'properties.price', target: 'properties.contents[0].price', transforms: ['to_number'] },
          { source: 'properties.quantity', target: 'properties.contents[0].quantity', transforms: ['to_number'] },
        ],
      },
      purchase: {
        match: ['purchase', 'Order Completed'],
        vendor_event: TIKTOK_EVENT_NAMES.purchase,
        mappings: [
          ...VALUE,
          { value: 'product', target: 'properties.content_type' },
          { source: 'properties.order_id', target: 'properties.order_id', transforms: ['to_string'] },
          { source: 'properties.products', target: 'properties.contents', items: ITEM_ROWS },
        ],
      },
      lead: { match: ['lead', 'Generate Lead', 'Lead Submitted'], vendor_event: TIKTOK_EVENT_NAMES.lead, mappings: VALUE },
    },
    defaults: { action: 'drop' },
  },
};
