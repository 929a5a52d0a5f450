/**
 * Google Analytics 4 Measurement Protocol as a declaration (docs/vendors/ads-analytics-warehouse.md §1): `POST
 * {base}/mp/collect?measurement_id=…&api_secret=…` (or `firebase_app_id`, its `:` unencoded), body
 * `{ client_id, user_id?, user_data?, consent?, events: [≤25 {name, params, timestamp_micros}] }`:
 * the request-level keys of each mapped event go to the top of the body and events of different
 * clients never share a request. Production always answers 2xx and never reports payload errors,
 * so what GA4 would silently drop is skipped before sending (the hooks below). Test mode sends to
 * the validation endpoint `/debug/mp/collect`, whose `validationMessages` classify. EU data
 * residency: `region: eu` → region1.google-analytics.com. Unmapped events pass through under a
 * snake_case name.
 */
import { textTransform } from '../../identity-kit/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { everyEvent, httpVerdict, jsonBody } from '../outcomes.js';
import { consentModeRows, consentWords } from '../spec/consent-mode.js';
import { optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import {
  FIRST_PORTS_MATCH,
  SOURCES,
  currencyRow,
  fieldTable,
  firstPortsValue,
  row,
  standardEvents,
  type StandardEvent,
} from '../spec/standard.js';
import { ga4Responder, ga4ValidationMessages } from './double.js';
import {
  GA4_MAX_BODY_BYTES,
  GA4_MAX_EVENTS,
  ga4NameProblem,
  ga4ParamMaxLength,
  ga4ParamsProblem,
} from './rules.js';
import { GA4_BLUEPRINTS } from './blueprints.js';

/**
 * The GA4 client id from a `_ga` cookie value or a bare id: `GA1.1.123.456` → `123.456`.
 *
 * @example ga4ClientId('GA1.2.1234567890.1700000000') // → '1234567890.1700000000'
 */
export function ga4ClientId(raw: string): string | undefined {
  const s = raw.trim();
  const m = /^GA\d\.\d+\.(\d+\.\d+)$/.exec(s);
  return m ? m[1] : s || undefined;
}

/**
 * A GA4-legal event name from any event name: snake_case, letters/digits/underscores, starting
 * with a letter, ≤40 chars.
 *
 * @example ga4EventName('Video Played!') // → 'video_played'
 */
export function ga4EventName(name: string): string {
  const s = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return s.slice(0, 40);
}

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

/** A product's rows as a GA4 item. */
const ITEM: MappingRow[] = [
  row('item_id', ['product_id', 'sku'], 'to_string'),
  row('item_name', 'name'),
  row('item_brand', 'brand'),
  row('item_category', 'category'),
  row('item_variant', 'variant'),
  row('price', 'price', 'to_number'),
  row('quantity', 'quantity', 'to_number'),
];

/** A row into the first `user_data.address`. */
const address = (source: string | string[], key: string, rule: string): MappingRow =>
  row(`user_data.address[0].${key}`, source, rule);

const EMAIL = ['traits.email', 'properties.email'];
const PHONE = ['traits.phone', 'properties.phone'];
const GA4_GLOBAL: MappingRow[] = [
  row('client_id', ['context.vendor_ids.ga_client_id', 'anonymous_id'], 'ga4.client_id'),
  { source: 'user_id', target: 'user_id' },
  row('timestamp_micros', 'timestamp', 'to_unix_micros'),
  row('user_data.sha256_email_address', EMAIL, 'id.email_gmail_sha256', 'to_array'),
  row('user_data.sha256_phone_number', PHONE, 'id.phone_e164_sha256', 'to_array'),
  address('traits.first_name', 'sha256_first_name', 'id.name_clean_sha256'),
  address('traits.last_name', 'sha256_last_name', 'id.name_clean_sha256'),
  address(['traits.street', 'traits.address.street'], 'sha256_street', 'id.street_sha256'),
  address(['traits.city', 'traits.address.city'], 'city', 'id.place'),
  address(['traits.state', 'traits.address.state'], 'region', 'id.place'),
  address(['traits.postal_code', 'traits.address.postal_code'], 'postal_code', 'id.postal'),
  address(['traits.country', 'traits.address.country'], 'country', 'id.place'),
  ...consentModeRows(['consent.ad_user_data', 'consent.ad_personalization'], 'ga4.consent'),
  row('params.session_id', 'context.session_id', 'to_string'),
  { source: 'context.page.url', target: 'params.page_location' },
];

function rows(e: StandardEvent): MappingRow[] {
  switch (e) {
    case 'page_view':
      return [
        { source: 'context.page.title', target: 'params.page_title' },
        { source: 'context.page.referrer', target: 'params.page_referrer' },
      ];
    case 'add_to_cart':
      return [
        currencyRow('params.currency'),
        firstPortsValue(e, 'params.value'),
        { source: 'properties', target: 'params.items', items: ITEM },
      ];
    case 'purchase':
      return [
        row('params.transaction_id', SOURCES.order_id, 'to_string'),
        firstPortsValue(e, 'params.value'),
        currencyRow('params.currency', 'USD'),
        row('params.tax', 'properties.tax', 'to_number'),
        row('params.shipping', 'properties.shipping', 'to_number'),
        { source: 'properties.coupon', target: 'params.coupon' },
        { source: 'properties.products', target: 'params.items', items: ITEM },
      ];
    default: // lead
      return [currencyRow('params.currency'), firstPortsValue(e, 'params.value')];
  }
}

export const ga4Declaration: VendorDeclaration = {
  id: 'ga4',
  name: 'Google Analytics 4',
  category: 'analytics',
  description: 'Send events to a GA4 property server-side.',
  api: 'Measurement Protocol',
  docs: 'https://developers.google.com/analytics/devguides/collection/protocol/ga4',
  status: 'ga',
  test_settings: { measurement_id: 'G-E2E12345', api_secret: 'test-secret' },
  blueprints: GA4_BLUEPRINTS,
  logo: { pack: 'logos', name: 'google-analytics' },
  exactly_one_of: [['measurement_id', 'firebase_app_id']],
  settings: [
    optional(
      'measurement_id',
      'Measurement ID',
      'string',
      'The G-… id of the web data stream (Admin → Data streams), not the numeric stream id. Set this or firebase_app_id.',
      { pattern: { regex: '^G-[A-Z0-9]+$', message: 'must be the G-… measurement id' } },
    ),
    setting(
      'api_secret',
      'API secret',
      'secret',
      'Admin → Data streams → stream → Measurement Protocol API secrets.',
    ),
    optional(
      'firebase_app_id',
      'Firebase app ID',
      'string',
      'For app (Firebase) streams instead of a measurement id.',
    ),
    optional(
      'region',
      'Collection region',
      'select',
      'Use the EU endpoint (region1.google-analytics.com) for EU data residency.',
      { options: ['global', 'eu'], default: 'global' },
    ),
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
    // GA4 takes events up to 72 hours old (docs/vendors/ads-analytics-warehouse.md §1 "Timestamps & age").
    eligibility: {
      window: { path: 'timestamp_micros', unit: 'us', max_age_days: 3 },
      reason: 'timestamp_micros is older than the 72 hours GA4 accepts',
    },
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

export const ga4 = declareVendor(ga4Declaration, {
  // What production would drop silently is skipped with the reason (or long strings cut as GA4
  // would); a validation answer without its `validationMessages` is retried.
  hooks: {
    item(item) {
      // user_data is ignored by GA4 without user_id: do not send PII that cannot be used.
      if (item.user_data && !item.user_id) delete item.user_data;
      const params = (item.params ?? {}) as Record<string, unknown>;
      // GA4 truncates over-long string values anyway; truncating here keeps the event valid.
      for (const [k, v] of Object.entries(params))
        if (typeof v === 'string' && v.length > ga4ParamMaxLength(k))
          params[k] = v.slice(0, ga4ParamMaxLength(k));
      if (!item.client_id && !item.app_instance_id)
        return 'client_id is missing (context.vendor_ids.ga_client_id or anonymous_id)';
      return ga4NameProblem(String(item.name)) ?? ga4ParamsProblem(params);
    },
    // The validation endpoint always lists its findings (answer.rows reads them); production lists
    // none.
    classify(response, request) {
      if (!request.url.includes('/debug/mp/collect') || httpVerdict(response, '')) return undefined;
      const messages = (jsonBody(response.body) as { validationMessages?: unknown } | undefined)
        ?.validationMessages;
      if (Array.isArray(messages)) return undefined;
      return everyEvent(request, {
        status: 'retry',
        code: 'vendor_server_error',
        reason: 'validation endpoint answered without validationMessages',
      });
    },
  },
  // GA4's own transforms (Google's user-data normalisers are the identity kit's `id.*` rules).
  transforms: {
    'ga4.client_id': textTransform(ga4ClientId),
    'ga4.event_name': textTransform(ga4EventName),
    'ga4.consent': consentWords('GRANTED', 'DENIED'),
  },
  passThroughName: ga4EventName,
  respond: ga4Responder(),
  requestProblems: (req) =>
    ga4ValidationMessages(req.json, Buffer.byteLength(req.body)).map(
      (m) => `${m.fieldPath}: ${m.description}`,
    ),
});
