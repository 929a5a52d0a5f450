/**
 * Klaviyo Create Event (`POST https://a.klaviyo.com/api/events`), declared. Facts from Klaviyo's
 * API reference (create_event, revisions 2025-01-15 … 2026-07-15): a private API key with the
 * `events:write` scope as `Authorization: Klaviyo-API-Key <key>`, the required `revision` header,
 * a JSON:API body `{ data: { type: 'event', attributes: { properties, time, value,
 * value_currency, unique_id, metric: { data: { type: 'metric', attributes: { name } } }, profile:
 * { data: { type: 'profile', attributes: { email | phone_number | external_id | anonymous_id } } } } } }`,
 * one event per request, 202 without a body on success, errors as `{ errors: [{ status, code,
 * title, detail }] }`; rate limits 350/s burst, 3,500/min steady. `unique_id` deduplicates
 * repeats of the same event. Catalog evidence: docs/vendors/more-vendors-and-catalog.md §18 (R,S).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

const P = 'profile.data.attributes';
const GLOBAL: MappingRow[] = [
  { target: 'profile.data.type', value: 'profile' },
  { source: [...SOURCES.email], target: `${P}.email`, transforms: ['id.email'] },
  { source: [...SOURCES.phone], target: `${P}.phone_number`, transforms: ['id.phone_e164'] },
  { source: 'user_id', target: `${P}.external_id`, transforms: ['to_string'] },
  { source: 'anonymous_id', target: `${P}.anonymous_id`, transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

/** The double's check of what the spec sets: a metric name, an ISO time, the JSON:API types. */
const extraCheck = (item: Record<string, unknown>): string | undefined => {
  const a = isRecord(item.attributes) ? item.attributes : {};
  if (item.type !== 'event') return 'data.type must be "event"';
  const metric =
    isRecord(a.metric) && isRecord(a.metric.data) && isRecord(a.metric.data.attributes)
      ? a.metric.data.attributes.name
      : undefined;
  if (typeof metric !== 'string' || !metric)
    return 'data.attributes.metric.data.attributes.name is required';
  if (typeof a.time !== 'string' || Number.isNaN(Date.parse(a.time)))
    return 'data.attributes.time must be an ISO-8601 date-time';
  return undefined;
};

/** What the registry holds for Klaviyo. */
export const klaviyo = declareVendor(
  {
    id: 'klaviyo',
    name: 'Klaviyo',
    category: 'cdp',
    description:
      'Email and SMS marketing: events on Klaviyo profiles (metrics) that trigger flows and fill segments.',
    api: 'Events API (POST /api/events)',
    docs: 'https://developers.klaviyo.com/en/reference/create_event',
    status: 'ga',
    keywords: ['email marketing', 'sms', 'flows', 'metrics', 'ecommerce'],
    test_settings: { api_key: 'pk_test_klaviyo_key' },
    settings: [
      {
        key: 'api_key',
        label: 'Private API key',
        type: 'secret',
        help: 'A private API key with the events:write scope (Settings → API keys).',
      },
      {
        key: 'revision',
        label: 'API revision',
        type: 'string',
        required: false,
        default: '2026-07-15',
        pattern: {
          regex: '^\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?$',
          message: 'a revision date, YYYY-MM-DD',
        },
        help: 'The API revision sent in the revision header.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://a.klaviyo.com', path: '/api/events' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'Authorization',
        value: '{{settings.api_key}}',
        prefix: 'Klaviyo-API-Key ',
      },
      headers: {
        static: { revision: '{{settings.revision}}', accept: 'application/vnd.api+json' },
      },
      body: { wrapper: { data: '{{item}}' } },
      item: {
        fields: {
          type: 'event',
          attributes: {
            metric: { data: { type: 'metric', attributes: { name: '{{vendor_event}}' } } },
            time: '{{event.timestamp | to_iso8601}}',
            unique_id: '{{event.event_id}}',
          },
        },
        mapped_at: 'attributes',
      },
      eligibility: {
        any_of: [
          [`attributes.${P}.email`],
          [`attributes.${P}.phone_number`],
          [`attributes.${P}.external_id`],
          [`attributes.${P}.anonymous_id`],
        ],
        reason: 'Klaviyo needs an email, a phone number, a user id or an anonymous id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 50,
      answer: { error_message: ['errors.0.detail', 'errors.0.title'] },
    },
    mapping: {
      fields: [
        // Set by the spec under `attributes` (the double checks them there, see extraCheck).
        {
          path: 'metric.data.attributes.name',
          required: false,
          auto: true,
          description: 'The metric (event) name.',
        },
        { path: 'time', required: false, auto: true, description: 'When it happened (ISO-8601).' },
        {
          path: 'unique_id',
          required: false,
          auto: true,
          description: 'Deduplication id (the event id).',
        },
        { path: 'properties', required: false, description: 'Event properties.' },
        {
          path: 'value',
          required: false,
          requiredFor: ['purchase'],
          description: 'Monetary value (revenue reports).',
        },
        { path: 'value_currency', required: false, description: 'ISO 4217 currency of the value.' },
        { path: `${P}.email`, required: false, description: 'Profile email.' },
        { path: `${P}.phone_number`, required: false, description: 'Profile phone (E.164).' },
        { path: `${P}.external_id`, required: false, description: 'Your user id.' },
        { path: `${P}.anonymous_id`, required: false, description: 'Anonymous id.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Viewed Page',
            view_item: 'Viewed Product',
            add_to_cart: 'Added to Cart',
            begin_checkout: 'Started Checkout',
            purchase: 'Placed Order',
            lead: 'Submitted Form',
            sign_up: 'Signed Up',
            search: 'Searched Site',
          },
          (e) =>
            e === 'purchase' || e === 'begin_checkout' || e === 'add_to_cart'
              ? valueRows('value', 'value_currency')
              : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { extraCheck },
);
