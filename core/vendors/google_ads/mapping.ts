/**
 * Google Ads (Data Manager API `events:ingest`) side of the V2 mapping: the fields of one
 * Data Manager `Event`, Google's normalisers, and default mappings. Each event entry names its
 * conversion action through `destination` (format turns it into `destinations[]` + references).
 */
import type { MappingRow, TransformTable, VendorField, VendorMapping } from '../../mapping/index.js';
import { googleEmail, googleName, googlePhone, googlePostal, googleRegionCode, googleStreet } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** Google normalisers by transform name. */
export const googleAdsTransforms: TransformTable = {
  'google.normalize_email': onString(googleEmail),
  'google.normalize_phone': onString(googlePhone),
  'google.normalize_name': onString(googleName),
  'google.normalize_street': onString(googleStreet),
  'google.normalize_postal': onString(googlePostal),
  'google.region_code': onString(googleRegionCode),
  'google.consent_status': { fn: (v: unknown) => (v === true || v === 'granted' ? 'CONSENT_GRANTED' : v === false || v === 'denied' ? 'CONSENT_DENIED' : undefined) },
};

/** Canonical event key → the parameter holding its conversion action id. */
export const GOOGLE_ADS_EVENT_ACTIONS = {
  page_view: 'page_view_conversion_action_id',
  add_to_cart: 'add_to_cart_conversion_action_id',
  purchase: 'conversion_action_id',
  lead: 'lead_conversion_action_id',
} as const;

export const GOOGLE_ADS_FIELDS: readonly VendorField[] = [
  { path: 'destination', required: true, description: 'Conversion action id (productDestinationId) for this event.' },
  { path: 'eventTimestamp', required: true, description: 'RFC 3339 time of the conversion.' },
  { path: 'transactionId', required: false, description: 'Order id; dedup key.' },
  { path: 'eventSource', required: false, description: 'WEB, APP, IN_STORE, PHONE, OTHER.' },
  { path: 'conversionValue', required: false, description: 'Value.' },
  { path: 'currency', required: false, description: 'ISO 4217.' },
  { path: 'adIdentifiers.gclid', required: false, description: 'Click id, plain.' },
  { path: 'adIdentifiers.gbraid', required: false, description: 'iOS click id, plain.' },
  { path: 'adIdentifiers.wbraid', required: false, description: 'iOS web click id, plain.' },
  { path: 'adIdentifiers.landingPageDeviceInfo.userAgent', required: false, description: 'User agent.' },
  { path: 'adIdentifiers.landingPageDeviceInfo.ipAddress', required: false, description: 'IP address.' },
  { path: 'userData.userIdentifiers', required: false, description: 'Hashed email / E.164 phone / address (names hashed, region and postal plain).' },
  { path: 'consent.adUserData', required: false, description: 'CONSENT_GRANTED / CONSENT_DENIED.' },
  { path: 'consent.adPersonalization', required: false, description: 'CONSENT_GRANTED / CONSENT_DENIED.' },
  { path: 'cartData.items', required: false, description: 'merchantProductId, quantity, unitPrice.' },
];

export const GOOGLE_ADS_GLOBAL: MappingRow[] = [
  { source: 'timestamp', target: 'eventTimestamp', transforms: ['to_iso8601'] },
  { value: 'WEB', target: 'eventSource' },
  { source: 'context.click_ids.gclid', target: 'adIdentifiers.gclid' },
  { source: 'context.click_ids.gbraid', target: 'adIdentifiers.gbraid' },
  { source: 'context.click_ids.wbraid', target: 'adIdentifiers.wbraid' },
  { source: 'context.user_agent', target: 'adIdentifiers.landingPageDeviceInfo.userAgent' },
  { source: 'context.ip', target: 'adIdentifiers.landingPageDeviceInfo.ipAddress' },
  { source: ['traits.email', 'properties.email'], target: 'userData.userIdentifiers[0].emailAddress', transforms: ['google.normalize_email', 'sha256'] },
  { source: ['traits.phone', 'properties.phone'], target: 'userData.userIdentifiers[1].phoneNumber', transforms: ['google.normalize_phone', 'sha256'] },
  { source: 'traits.first_name', target: 'userData.userIdentifiers[2].address.givenName', transforms: ['google.normalize_name', 'sha256'] },
  { source: 'traits.last_name', target: 'userData.userIdentifiers[2].address.familyName', transforms: ['google.normalize_name', 'sha256'] },
  { source: ['traits.country', 'traits.address.country'], target: 'userData.userIdentifiers[2].address.regionCode', transforms: ['google.region_code'] },
  { source: ['traits.postal_code', 'traits.address.postal_code'], target: 'userData.userIdentifiers[2].address.postalCode', transforms: ['google.normalize_postal'] },
  { source: ['context.consent.ad_user_data', 'context.consent.advertising', 'context.consent.marketing'], target: 'consent.adUserData', transforms: ['google.consent_status'] },
  { source: ['context.consent.ad_personalization', 'context.consent.advertising', 'context.consent.marketing'], target: 'consent.adPersonalization', transforms: ['google.consent_status'] },
];

const action = (key: keyof typeof GOOGLE_ADS_EVENT_ACTIONS): MappingRow => ({ source: `parameters.${GOOGLE_ADS_EVENT_ACTIONS[key]}`, target: 'destination' });
const money: MappingRow[] = [
  { source: 'properties.currency', target: 'currency', transforms: ['trim', 'uppercase'] },
];

/** Google Ads' default mapping config. */
export const googleAdsMapping: VendorMapping = {
  fields: GOOGLE_ADS_FIELDS,
  transforms: googleAdsTransforms,
  defaults: {
    global: GOOGLE_ADS_GLOBAL,
    events: {
      page_view: { match: ['page_view', 'Page Viewed'], vendor_event: 'page_view', mappings: [action('page_view')] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: 'add_to_cart',
        mappings: [action('add_to_cart'), ...money, { source: ['properties.value', 'properties.price'], target: 'conversionValue', transforms: ['to_number'] }],
      },
      purchase: {
        match: ['purchase', 'Order Completed', 'Checkout Completed'],
        vendor_event: 'purchase',
        mappings: [
          action('purchase'),
          { source: ['properties.order_id', 'properties.transaction_id'], target: 'transactionId', transforms: ['to_string'] },
          { source: ['properties.revenue', 'properties.value', 'properties.total'], target: 'conversionValue', transforms: ['to_number'] },
          { source: 'properties.currency', target: 'currency', transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }] },
          {
            source: 'properties.products',
            target: 'cartData.items',
            items: [
              { source: ['product_id', 'sku'], target: 'merchantProductId', transforms: ['to_string'] },
              { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
              { source: 'price', target: 'unitPrice', transforms: ['to_number'] },
            ],
          },
        ],
      },
      lead: {
        match: ['lead', 'generate_lead', 'Lead Generated'],
        vendor_event: 'lead',
        mappings: [
          { source: ['parameters.lead_conversion_action_id', 'parameters.conversion_action_id'], target: 'destination' },
          { source: ['properties.lead_id', 'event_id'], target: 'transactionId', transforms: ['to_string'] },
          ...money,
          { source: 'properties.value', target: 'conversionValue', transforms: ['to_number'] },
        ],
      },
    },
    defaults: { action: 'drop' },
  },
};
