/**
 * TikTok Events API 2.0 for an offline event set (in-store, phone and CRM conversions), declared (facts:
 * docs/vendors/ads-analytics-warehouse.md §4 for the Events API, the TikTok web declaration in core/vendors/tiktok,
 * and Segment's TikTok Offline Conversions destination for the offline shape): `POST
 * https://business-api.tiktok.com/open_api/v1.3/event/track/` with the `Access-Token` header, `{
 * event_source: "offline", event_source_id: <offline event set id>, data: [...] }` of up to 1,000
 * events. Offline matching runs on hashed identities, sent as lists: `user.email` (SHA-256 of the
 * trimmed, lowercased email), `user.phone` (SHA-256 of E.164 *with* `+`), `user.external_id`; at
 * least one is required. TikTok answers HTTP 200 with a `code` in the body (0 ok, 40100 throttled,
 * 40001 no permission, other 4xxxx rejected, 5xxxx server). Web funnel events (page and product views,
 * carts, searches) belong to the web pixel's event set and are not sent here.
 *
 * Unverified: `CompleteRegistration` as an offline event name, rate limits (TikTok publishes none).
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user',
    { em: 'email_sha256', ph: 'phone_e164_sha256', external_id: 'external_id_sha256' },
    { array: true, targets: { em: 'email', ph: 'phone' } },
  ),
  { source: 'context.click_ids.ttclid', target: 'user.ttclid' },
  { source: ['properties.lead_id'], target: 'user.lead_id', transforms: ['to_string'] },
];

const WEB_ONLY = 'a web funnel event: it belongs to the web pixel’s event set, not the offline one';

/** What the registry holds for TikTok offline events. */
export const tiktokOffline = declareVendor({
  id: 'tiktok_offline',
  name: 'TikTok Offline Events',
  category: 'advertising',
  description:
    'Sends in-store, phone and CRM conversions to a TikTok offline event set, matched on hashed email and phone.',
  api: 'Events API 2.0, offline event set (/open_api/v1.3/event/track/)',
  docs: 'https://business-api.tiktok.com/portal/docs?id=1771100865818625',
  status: 'beta',
  keywords: ['offline conversions', 'in-store', 'crm', 'events api'],
  logo: { pack: 'logos', name: 'tiktok-icon' },
  test_settings: { event_set_id: '7123456789012345678', access_token: 'test-tiktok-token' },
  settings: [
    {
      key: 'event_set_id',
      label: 'Offline event set ID',
      type: 'string',
      help: 'The offline event set id from TikTok Events Manager (sent as event_source_id).',
      pattern: { regex: '^[0-9A-Za-z]+$', message: 'must be the event set id' },
    },
    {
      key: 'access_token',
      label: 'Access token',
      type: 'secret',
      help: 'Events API access token from Events Manager (Access-Token header).',
    },
    {
      key: 'test_event_code',
      label: 'Test event code',
      type: 'string',
      required: false,
      help: 'Events Manager → Test events code, sent in test mode.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://business-api.tiktok.com',
      path: '/open_api/v1.3/event/track/',
      test_mode: {
        body: { test_event_code: '{{settings.test_event_code}}' },
        requires: ['test_event_code'],
      },
    },
    auth: {
      kind: 'api_key',
      in: 'header',
      name: 'access-token',
      value: '{{settings.access_token}}',
    },
    body: {
      wrapper: {
        event_source: 'offline',
        event_source_id: '{{settings.event_set_id}}',
        partner_name: 'Datafly',
        data: '{{items}}',
      },
    },
    item: {
      fields: {
        event: '{{vendor_event}}',
        event_time: '{{event.timestamp | to_unix_seconds}}',
        event_id: '{{event.event_id}}',
      },
    },
    eligibility: {
      any_of: [['user.email'], ['user.phone'], ['user.external_id']],
      reason: 'TikTok offline events need a hashed email, phone or external id',
    },
    batching: { max_events: 1000 },
    rate_limit_rps: 10,
    answer: {
      error_message: ['message'],
      // TikTok answers 200 for most refusals; the body's code decides (same codes as the web Events API).
      body_codes: [
        { path: 'code', values: [40100], outcome: 'throttle', label: 'TikTok code' },
        { path: 'code', values: [0, 20001], outcome: 'ok', statuses: 'non_error' },
        {
          path: 'code',
          values: [40001],
          outcome: 'reauth',
          statuses: 'non_error',
          label: 'TikTok code',
        },
        { path: 'code', min: 50000, outcome: 'retry', statuses: 'non_error', label: 'TikTok code' },
        {
          path: 'code',
          not_values: [],
          outcome: 'reject',
          statuses: 'non_error',
          label: 'TikTok code',
        },
      ],
    },
  },
  mapping: {
    fields: [
      {
        path: 'event',
        required: true,
        auto: true,
        description: 'Event name (from the event map).',
      },
      { path: 'event_time', required: true, auto: true, description: 'Unix seconds.' },
      { path: 'event_id', required: false, auto: true, description: 'Dedup id.' },
      {
        path: 'user.email',
        required: false,
        description: 'List of SHA-256 emails (trimmed, lowercased).',
      },
      { path: 'user.phone', required: false, description: 'List of SHA-256 E.164 phones with +.' },
      { path: 'user.external_id', required: false, description: 'List of SHA-256 user ids.' },
      { path: 'user.ttclid', required: false, description: 'ttclid click id.' },
      { path: 'user.lead_id', required: false, description: 'TikTok lead id (instant forms).' },
      {
        path: 'properties.value',
        required: false,
        requiredFor: ['Purchase'],
        description: 'Order value.',
      },
      {
        path: 'properties.currency',
        required: false,
        requiredFor: ['Purchase'],
        description: 'ISO 4217.',
      },
      { path: 'properties.order_id', required: false, description: 'Order id.' },
      {
        path: 'properties.contents',
        required: false,
        description: 'Items: content_id, content_name, price, quantity.',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        { purchase: 'Purchase', lead: 'Lead', sign_up: 'CompleteRegistration' },
        (e) =>
          e === 'purchase'
            ? [
                ...valueRows('properties.value', 'properties.currency'),
                {
                  source: [...SOURCES.order_id],
                  target: 'properties.order_id',
                  transforms: ['to_string'],
                },
                {
                  source: 'properties.products',
                  target: 'properties.contents',
                  items: [
                    {
                      source: ['product_id', 'sku'],
                      target: 'content_id',
                      transforms: ['to_string'],
                    },
                    { source: 'name', target: 'content_name' },
                    { source: 'price', target: 'price', transforms: ['to_number'] },
                    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
                  ],
                },
              ]
            : e === 'lead'
              ? valueRows('properties.value', 'properties.currency')
              : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  not_mapped: {
    page_view: WEB_ONLY,
    view_item: WEB_ONLY,
    add_to_cart: WEB_ONLY,
    begin_checkout: WEB_ONLY,
    search: WEB_ONLY,
  },
  unverified: [
    'CompleteRegistration accepted for offline event sets',
    'rate limit (10 requests/s chosen)',
  ],
});
