/**
 * Google Analytics 4 Measurement Protocol as a declaration (docs/vendors/ads-analytics-warehouse.md §1): `POST
 * {base}/mp/collect?measurement_id=…&api_secret=…` (or `firebase_app_id`, its `:` unencoded), body
 * `{ client_id, user_id?, user_data?, consent?, events: [≤25 {name, params, timestamp_micros}] }`:
 * the request-level keys of each mapped event go to the top of the body and events of different
 * clients never share a request. Production always answers 2xx and never reports payload errors,
 * so what GA4 would silently drop is skipped before sending (hooks.ts). Test mode sends to the
 * validation endpoint `/debug/mp/collect`, whose `validationMessages` classify. EU data
 * residency: `region: eu` → region1.google-analytics.com. Unmapped events pass through under a
 * snake_case name.
 */
import type { MappingRow } from '../../mapping/config.js';
import { consentModeRows } from '../spec/consent-mode.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import {
  FIRST_PORTS_MATCH,
  SOURCES,
  fieldTable,
  standardEvents,
  type StandardEvent,
} from '../spec/standard.js';
import { GA4_MAX_BODY_BYTES, GA4_MAX_EVENTS } from './rules.js';

/** Keys of the mapped object that belong to the request, not the event. */
const GA4_REQUEST_KEYS = [
  'client_id',
  'app_instance_id',
  'user_id',
  'user_data',
  'user_properties',
  'consent',
  'ip_override',
  'user_location',
  'device',
] as const;

/** The fields of one Measurement Protocol event (request-level ones included). */
const GA4_FIELDS = fieldTable([
  ['name', 'required auto', 'Event name (from the event map; snake_case for pass-through).'],
  ['client_id', 'required', 'Web: the _ga-derived client id.'],
  ['user_id', '', 'Your user id; required when user_data is sent.'],
  ['timestamp_micros', '', 'Unix microseconds.'],
  ['ip_override', '', 'IP for geo.'],
  ['consent.ad_user_data', '', 'GRANTED / DENIED.'],
  ['consent.ad_personalization', '', 'GRANTED / DENIED.'],
  ['user_data.sha256_email_address', '', 'SHA-256 of the Google-normalised email.'],
  ['user_data.sha256_phone_number', '', 'SHA-256 of the E.164 phone.'],
  ['user_data.address', '', 'Hashed names/street, plain city/region/postal/country.'],
  ['params.session_id', '', 'Session id (Realtime/session reports).'],
  ['params.engagement_time_msec', '', 'Engagement time.'],
  ['params.page_location', '', 'Page URL.'],
  ['params.page_title', '', 'Page title.'],
  ['params.page_referrer', '', 'Referrer.'],
  ['params.currency', 'for purchase add_to_cart', 'ISO 4217.'],
  ['params.value', 'for purchase', 'Value.'],
  ['params.transaction_id', 'for purchase', 'Order id (dedup).'],
  ['params.items', '', 'Items: item_id or item_name, price, quantity, …'],
]);

const item = (prefix = ''): MappingRow[] => [
  { source: [`${prefix}product_id`, `${prefix}sku`], target: 'item_id', transforms: ['to_string'] },
  { source: `${prefix}name`, target: 'item_name' },
  { source: `${prefix}brand`, target: 'item_brand' },
  { source: `${prefix}category`, target: 'item_category' },
  { source: `${prefix}variant`, target: 'item_variant' },
  { source: `${prefix}price`, target: 'price', transforms: ['to_number'] },
  { source: `${prefix}quantity`, target: 'quantity', transforms: ['to_number'] },
];

/** A row into the first `user_data.address`. */
const address = (source: string | string[], key: string, rule: string): MappingRow => ({
  source,
  target: `user_data.address[0].${key}`,
  transforms: [rule],
});

const GA4_GLOBAL: MappingRow[] = [
  {
    source: ['context.vendor_ids.ga_client_id', 'anonymous_id'],
    target: 'client_id',
    transforms: ['ga4.client_id'],
  },
  { source: 'user_id', target: 'user_id' },
  { source: 'timestamp', target: 'timestamp_micros', transforms: ['to_unix_micros'] },
  {
    source: ['traits.email', 'properties.email'],
    target: 'user_data.sha256_email_address',
    transforms: ['id.email_gmail_sha256', 'to_array'],
  },
  {
    source: ['traits.phone', 'properties.phone'],
    target: 'user_data.sha256_phone_number',
    transforms: ['id.phone_e164_sha256', 'to_array'],
  },
  address('traits.first_name', 'sha256_first_name', 'id.name_clean_sha256'),
  address('traits.last_name', 'sha256_last_name', 'id.name_clean_sha256'),
  address(['traits.street', 'traits.address.street'], 'sha256_street', 'id.street_sha256'),
  address(['traits.city', 'traits.address.city'], 'city', 'id.place'),
  address(['traits.state', 'traits.address.state'], 'region', 'id.place'),
  address(['traits.postal_code', 'traits.address.postal_code'], 'postal_code', 'id.postal'),
  address(['traits.country', 'traits.address.country'], 'country', 'id.place'),
  ...consentModeRows(['consent.ad_user_data', 'consent.ad_personalization'], 'ga4.consent'),
  { source: 'context.session_id', target: 'params.session_id', transforms: ['to_string'] },
  { source: 'context.page.url', target: 'params.page_location' },
];

const currency: MappingRow = {
  source: 'properties.currency',
  target: 'params.currency',
  transforms: ['trim', 'uppercase'],
};

/** Each mapped standard event's rows. */
function rows(e: StandardEvent): MappingRow[] {
  switch (e) {
    case 'page_view':
      return [
        { source: 'context.page.title', target: 'params.page_title' },
        { source: 'context.page.referrer', target: 'params.page_referrer' },
      ];
    case 'add_to_cart':
      return [
        currency,
        {
          source: ['properties.value', 'properties.price'],
          target: 'params.value',
          transforms: ['to_number'],
        },
        { source: 'properties', target: 'params.items', items: item() },
      ];
    case 'purchase':
      return [
        {
          source: [...SOURCES.order_id],
          target: 'params.transaction_id',
          transforms: ['to_string'],
        },
        {
          source: ['properties.revenue', 'properties.value', 'properties.total'],
          target: 'params.value',
          transforms: ['to_number'],
        },
        { ...currency, transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }] },
        { source: 'properties.tax', target: 'params.tax', transforms: ['to_number'] },
        { source: 'properties.shipping', target: 'params.shipping', transforms: ['to_number'] },
        { source: 'properties.coupon', target: 'params.coupon' },
        { source: 'properties.products', target: 'params.items', items: item() },
      ];
    default: // lead
      return [
        currency,
        { source: 'properties.value', target: 'params.value', transforms: ['to_number'] },
      ];
  }
}

/** The GA4 declaration: settings, spec, default mapping. */
export const ga4Declaration: VendorDeclaration = {
  id: 'ga4',
  name: 'Google Analytics 4',
  category: 'analytics',
  description: 'Send events to a GA4 property server-side.',
  api: 'Measurement Protocol',
  docs: 'https://developers.google.com/analytics/devguides/collection/protocol/ga4',
  status: 'ga',
  test_settings: { measurement_id: 'G-E2E12345', api_secret: 'test-secret' },
  logo: { pack: 'logos', name: 'google-analytics' },
  settings: [
    {
      key: 'measurement_id',
      label: 'Measurement ID',
      type: 'string',
      required: false,
      help: 'The G-… id of the web data stream (Admin → Data streams), not the numeric stream id. Set this or firebase_app_id.',
      pattern: { regex: '^G-[A-Z0-9]+$', message: 'must be the G-… measurement id' },
    },
    {
      key: 'api_secret',
      label: 'API secret',
      type: 'secret',
      help: 'Admin → Data streams → stream → Measurement Protocol API secrets.',
    },
    {
      key: 'firebase_app_id',
      label: 'Firebase app ID',
      type: 'string',
      required: false,
      help: 'For app (Firebase) streams instead of a measurement id.',
    },
    {
      key: 'region',
      label: 'Collection region',
      type: 'select',
      required: false,
      help: 'Use the EU endpoint (region1.google-analytics.com) for EU data residency.',
      options: ['global', 'eu'],
      default: 'global',
    },
  ],
  variants: [
    {
      key: 'retail',
      name: 'Retail',
      description: 'Ecommerce events (purchase, add_to_cart) with analytics consent.',
      defaults: { consent_categories: ['analytics'], batch_size: 25 },
    },
    {
      key: 'media',
      name: 'Media',
      description: 'High-volume page views, batched.',
      defaults: { consent_categories: ['analytics'], batch_size: 25, batch_interval_ms: 2000 },
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://www.google-analytics.com',
      regions: { setting: 'region', hosts: { eu: 'https://region1.google-analytics.com' } },
      path: '/mp/collect',
      query: {
        measurement_id: '{{settings.measurement_id}}',
        firebase_app_id: '{{settings.firebase_app_id}}',
      },
      test_mode: { path: '/debug/mp/collect' },
    },
    auth: { kind: 'api_key', in: 'query', name: 'api_secret', value: '{{settings.api_secret}}' },
    body: { wrapper: { events: '{{items}}' }, request_fields: [...GA4_REQUEST_KEYS] },
    item: { fields: { name: '{{vendor_event}}' } },
    batching: { max_events: GA4_MAX_EVENTS, max_bytes: GA4_MAX_BODY_BYTES - 1 },
    rate_limit_rps: 50,
    // The validation endpoint's findings: `events[i].…` fail that event, others every event.
    answer: {
      rows: {
        in: 'success',
        list: 'validationMessages',
        index: 'fieldPath',
        pattern: '^events\\[(\\d+)\\]',
        whole: true,
        reason: [
          '{{row.validationCode}} {{row.fieldPath}}: {{row.description}}',
          '{{row.validationCode}}: {{row.description}}',
          'INVALID {{row.fieldPath}}: {{row.description}}',
          'INVALID: {{row.description}}',
        ],
      },
    },
  },
  mapping: {
    fields: GA4_FIELDS,
    defaults: {
      global: GA4_GLOBAL,
      events: standardEvents(
        {
          page_view: 'page_view',
          add_to_cart: 'add_to_cart',
          purchase: 'purchase',
          lead: 'generate_lead',
        },
        rows,
        FIRST_PORTS_MATCH,
      ),
      defaults: { action: 'pass_through' },
    },
  },
};
