/**
 * LinkedIn's side of the V2 mapping. LinkedIn events carry no name: the conversion *rule* decides
 * the type, so the event map names a rule type (`PURCHASE`, `LEAD`, …) and the integration's
 * `conversion_rules` parameter maps a type to a rule id (falling back to `conversion_rule_id`).
 * Identity is mapped to `ids.<idType>` (one value each) and assembled by `format` into
 * `user.userIds[{idType,idValue}]`; `user.userInfo` is plain text.
 */
import type { MappingRow, TransformTable, VendorField, VendorMapping } from '../../mapping/index.js';
import { linkedinCountry, linkedinEmail, linkedinText } from './normalize.js';

const onString = (f: (raw: string) => string | undefined) => ({
  fn: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? f(String(v)) : undefined),
});

/** LinkedIn normalisers by transform name. */
export const linkedinTransforms: TransformTable = {
  'linkedin.hash_email': onString(linkedinEmail),
  'linkedin.text': onString(linkedinText),
  'linkedin.country': onString(linkedinCountry),
};

/** Canonical event key → LinkedIn conversion rule type. */
export const LINKEDIN_EVENT_NAMES = {
  page_view: 'KEY_PAGE_VIEW',
  add_to_cart: 'ADD_TO_CART',
  purchase: 'PURCHASE',
  lead: 'LEAD',
} as const;

/** `user.userIds[].idType` values. */
export const LINKEDIN_ID_TYPES = ['SHA256_EMAIL', 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', 'ACXIOM_ID', 'ORACLE_MOAT_ID'] as const;

/** The fields of one LinkedIn conversion event (as mapped; `ids.*` become `user.userIds`). */
export const LINKEDIN_FIELDS: readonly VendorField[] = [
  { path: 'conversion', required: true, auto: true, description: 'urn:lla:llaPartnerConversion:{rule id} (from the parameters).' },
  { path: 'conversionHappenedAt', required: true, auto: true, description: 'Epoch milliseconds, within 90 days.' },
  { path: 'eventId', required: false, auto: true, description: 'Dedup id with the Insight Tag.' },
  { path: 'ids.SHA256_EMAIL', required: false, description: 'SHA-256 of the trimmed, lowercased email.' },
  { path: 'ids.LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', required: false, description: 'li_fat_id click id, plain.' },
  { path: 'ids.ACXIOM_ID', required: false, description: 'Acxiom id, plain.' },
  { path: 'ids.ORACLE_MOAT_ID', required: false, description: 'Oracle Moat id, plain.' },
  { path: 'user.userInfo.firstName', required: false, description: 'Plain text (sent only with lastName).' },
  { path: 'user.userInfo.lastName', required: false, description: 'Plain text (sent only with firstName).' },
  { path: 'user.userInfo.title', required: false, description: 'Job title, plain text.' },
  { path: 'user.userInfo.companyName', required: false, description: 'Company, plain text.' },
  { path: 'user.userInfo.countryCode', required: false, description: 'ISO alpha-2, upper case.' },
  { path: 'user.externalIds', required: false, description: 'Advertiser user id (only the first is used).' },
  { path: 'conversionValue.amount', required: false, requiredFor: ['PURCHASE'], description: 'Amount as a string.' },
  { path: 'conversionValue.currencyCode', required: false, requiredFor: ['PURCHASE'], description: 'ISO 4217.' },
  { path: 'conversion_rule_id', required: false, description: 'Overrides the rule id for this event.' },
];

const GLOBAL: MappingRow[] = [
  { source: ['traits.email', 'properties.email'], target: 'ids.SHA256_EMAIL', transforms: ['first', 'linkedin.hash_email'] },
  { source: ['context.click_ids.li_fat_id', 'context.vendor_ids.li_fat_id'], target: 'ids.LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID' },
  { source: ['traits.first_name', 'traits.firstName'], target: 'user.userInfo.firstName', transforms: ['linkedin.text'] },
  { source: ['traits.last_name', 'traits.lastName'], target: 'user.userInfo.lastName', transforms: ['linkedin.text'] },
  { source: ['traits.title', 'traits.job_title'], target: 'user.userInfo.title', transforms: ['linkedin.text'] },
  { source: ['traits.company.name', 'traits.company', 'traits.company_name'], target: 'user.userInfo.companyName', transforms: ['linkedin.text'] },
  { source: ['traits.address.country', 'traits.country'], target: 'user.userInfo.countryCode', transforms: ['linkedin.country'] },
  { source: 'user_id', target: 'user.externalIds', transforms: ['to_string', 'to_array'] },
];

const VALUE: MappingRow[] = [
  { source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'], target: 'conversionValue.amount', transforms: ['to_number', 'to_string'] },
  { source: 'properties.currency', target: 'conversionValue.currencyCode', transforms: ['trim', 'uppercase'] },
];

/** LinkedIn's default mapping categories. */
export const linkedinMapping: VendorMapping = {
  fields: LINKEDIN_FIELDS,
  transforms: linkedinTransforms,
  defaults: {
    global: GLOBAL,
    events: {
      page_view: { vendor_event: LINKEDIN_EVENT_NAMES.page_view, mappings: [] },
      add_to_cart: { match: ['add_to_cart', 'Product Added'], vendor_event: LINKEDIN_EVENT_NAMES.add_to_cart, mappings: VALUE },
      purchase: { match: ['purchase', 'Order Completed'], vendor_event: LINKEDIN_EVENT_NAMES.purchase, mappings: VALUE },
      lead: { match: ['lead', 'Generate Lead', 'Lead Submitted'], vendor_event: LINKEDIN_EVENT_NAMES.lead, mappings: VALUE },
    },
    defaults: { action: 'drop' },
  },
};
