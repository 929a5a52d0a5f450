/**
 * The Trade Desk's side of the V2 mapping. Nothing is hashed; identity is one advertising id,
 * mapped to `ids.<TYPE>` (TDID, UID2, EUID, IDL, IDFA, AAID, DAID, NAID) and turned by `format`
 * into `adid` + `adid_type`. Event names are lowercase (RudderStack's map; custom names pass).
 */
import type { MappingRow, TransformTable, VendorField, VendorMapping } from '../../mapping/index.js';
import { ttdCurrency, ttdGuid } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** The Trade Desk normalisers by transform name. */
export const ttdTransforms: TransformTable = {
  'the_trade_desk.guid': onString(ttdGuid),
  'the_trade_desk.currency': onString(ttdCurrency),
};

/** Canonical event key → TTD event name (`pageview` and `lead` are our choice; TTD accepts custom names). */
export const TTD_EVENT_NAMES = {
  page_view: 'pageview',
  add_to_cart: 'addtocart',
  purchase: 'purchase',
  lead: 'lead',
} as const;

/** `adid_type` values, in the order `format` prefers them. */
export const TTD_ID_TYPES = ['TDID', 'UID2', 'EUID', 'IDL', 'IDFA', 'AAID', 'DAID', 'NAID'] as const;

/** The fields of one real-time conversion. */
export const TTD_FIELDS: readonly VendorField[] = [
  { path: 'tracker_id', required: true, auto: true, description: 'Event tracker id (parameter).' },
  { path: 'adv', required: true, auto: true, description: 'Advertiser id (parameter).' },
  { path: 'event_name', required: false, auto: true, description: 'Lowercase event name (from the event map).' },
  { path: 'ids.TDID', required: false, description: 'The Trade Desk id (36-character GUID).' },
  { path: 'ids.UID2', required: false, description: 'UID2 token.' },
  { path: 'ids.EUID', required: false, description: 'EUID token.' },
  { path: 'ids.IDL', required: false, description: 'RampID.' },
  { path: 'ids.IDFA', required: false, description: 'iOS advertising id.' },
  { path: 'ids.AAID', required: false, description: 'Android advertising id.' },
  { path: 'imp', required: false, description: 'Impression id (GUID) from the landing-page URL macro.' },
  { path: 'value', required: false, requiredFor: ['purchase'], description: 'Order value (number).' },
  { path: 'currency', required: false, description: 'ISO 4217.' },
  { path: 'order_id', required: false, description: 'Order id (likely dedup key).' },
  { path: 'items', required: false, description: 'Items: item_code, name, qty, price, cat.' },
  { path: 'client_ip', required: false, description: 'Client IP, plain.' },
  { path: 'referrer_url', required: false, description: 'Page URL.' },
  { path: 'privacy_settings', required: false, description: '[{privacy_type:"GDPR", is_applicable, consent_string}].' },
];

const GLOBAL: MappingRow[] = [
  { source: ['context.vendor_ids.tdid', 'context.vendor_ids.ttd_id'], target: 'ids.TDID', transforms: ['the_trade_desk.guid'] },
  { source: ['context.vendor_ids.uid2', 'traits.uid2'], target: 'ids.UID2' },
  { source: ['context.vendor_ids.euid', 'traits.euid'], target: 'ids.EUID' },
  { source: 'context.ip', target: 'client_ip' },
  { source: 'context.page.url', target: 'referrer_url' },
];

const VALUE: MappingRow[] = [
  { source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'], target: 'value', transforms: ['to_number'] },
  { source: 'properties.currency', target: 'currency', transforms: ['the_trade_desk.currency'] },
];

/** The Trade Desk's default mapping categories. */
export const ttdMapping: VendorMapping = {
  fields: TTD_FIELDS,
  transforms: ttdTransforms,
  defaults: {
    global: GLOBAL,
    events: {
      page_view: { vendor_event: TTD_EVENT_NAMES.page_view, mappings: [] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: TTD_EVENT_NAMES.add_to_cart,
        mappings: [
          ...VALUE,
          { source: ['properties.product_id', 'properties.sku'], target: 'items[0].item_code', transforms: ['to_string'] },
          { source: 'properties.name', target: 'items[0].name' },
          { source: 'properties.quantity', target: 'items[0].qty', transforms: ['to_number'] },
          { source: 'properties.price', target: 'items[0].price', transforms: ['to_number'] },
        ],
      },
      purchase: {
        match: ['purchase', 'Order Completed'],
        vendor_event: TTD_EVENT_NAMES.purchase,
        mappings: [
          ...VALUE,
          { source: 'properties.order_id', target: 'order_id', transforms: ['to_string'] },
          {
            source: 'properties.products',
            target: 'items',
            items: [
              { source: ['product_id', 'sku'], target: 'item_code', transforms: ['to_string'] },
              { source: 'name', target: 'name' },
              { source: 'quantity', target: 'qty', transforms: ['to_number'] },
              { source: 'price', target: 'price', transforms: ['to_number'] },
              { source: 'category', target: 'cat' },
            ],
          },
        ],
      },
      lead: { match: ['lead', 'Generate Lead', 'Lead Submitted'], vendor_event: TTD_EVENT_NAMES.lead, mappings: VALUE },
    },
    defaults: { action: 'drop' },
  },
};
