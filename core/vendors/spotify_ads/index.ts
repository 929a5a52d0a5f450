/**
 * Spotify Ads Conversions API (CAPI), declared as beta (facts: the vendor catalog marks the API "U";
 * the shape here is the one callers document — Freshpaint's and Tealium's Spotify connectors and a
 * public summary of Spotify's Ads API guides): `POST https://capi.spotify.com/capi-direct/events/`
 * with the CAPI access token as Bearer, `{ capi_connection_id, events: [...] }`, each event `{
 * event_id (dedup), event_name, event_time (RFC 3339), action_source (WEB | APP | OFFLINE),
 * opt_out_targeting, event_source_url, user_data: { hashed_emails: [SHA-256], hashed_phone_number },
 * event_details: { amount, currency } }`. Matching runs on hashed identifiers; there is no click id.
 *
 * Unverified (see `unverified`): the endpoint and body above, the upper-case event names, events per
 * request, phone normalisation, answer shapes, rate limits.
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user_data',
    { em: 'email_sha256' },
    { array: true, targets: { em: 'hashed_emails' } },
  ),
  ...identityRows(
    'user_data',
    { ph: 'phone_e164_sha256' },
    { targets: { ph: 'hashed_phone_number' } },
  ),
  { source: 'context.ip', target: 'user_data.ip_address' },
  { source: 'context.page.url', target: 'event_source_url' },
];

/** What the registry holds for Spotify Ads. */
export const spotifyAds = declareVendor({
  id: 'spotify_ads',
  name: 'Spotify Ads',
  category: 'advertising',
  description: 'Sends conversions to Spotify Ads Manager to attribute audio and video campaigns.',
  api: 'Conversions API (capi.spotify.com/capi-direct/events)',
  docs: 'https://developer.spotify.com/documentation/ads-api',
  status: 'beta',
  keywords: ['audio ads', 'podcast', 'capi', 'conversions'],
  logo: { pack: 'logos', name: 'spotify-icon' },
  test_settings: {
    connection_id: '00000000-0000-4000-8000-000000000000',
    access_token: 'test-spotify-token',
  },
  settings: [
    {
      key: 'connection_id',
      label: 'CAPI connection ID',
      type: 'string',
      help: 'The Connection ID (UUID) of the Conversions API data source in Spotify Ads Manager (Events).',
      pattern: { regex: '^[0-9a-fA-F-]{36}$', message: 'must be the connection UUID' },
    },
    {
      key: 'access_token',
      label: 'CAPI access token',
      type: 'secret',
      help: 'Generated for that connection in Ads Manager (Bearer).',
    },
    {
      key: 'opt_out_targeting',
      label: 'Attribution only',
      type: 'boolean',
      required: false,
      default: false,
      help: 'On: Spotify uses the events for attribution only, not for targeting.',
    },
  ],
  spec: {
    endpoint: { base_url: 'https://capi.spotify.com', path: '/capi-direct/events/' },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    body: { wrapper: { capi_connection_id: '{{settings.connection_id}}', events: '{{items}}' } },
    item: {
      fields: {
        event_id: '{{event.event_id}}',
        event_name: '{{vendor_event}}',
        event_time: '{{event.timestamp | to_iso8601}}',
        action_source: 'WEB',
        opt_out_targeting: '{{settings.opt_out_targeting}}',
      },
    },
    eligibility: {
      any_of: [['user_data.hashed_emails'], ['user_data.hashed_phone_number']],
      reason: 'Spotify matches on a hashed email or phone, and the event has neither',
    },
    batching: { max_events: 100 },
    rate_limit_rps: 10,
    answer: { error_message: ['message', 'error.message', 'error'] },
  },
  mapping: {
    fields: [
      { path: 'event_id', required: true, auto: true, description: 'Dedup id.' },
      {
        path: 'event_name',
        required: true,
        auto: true,
        description: 'Spotify event name (from the event map).',
      },
      {
        path: 'event_time',
        required: true,
        auto: true,
        description: 'RFC 3339 time, in the past.',
      },
      { path: 'action_source', required: true, auto: true, description: 'WEB.' },
      { path: 'event_source_url', required: false, description: 'Page URL.' },
      {
        path: 'user_data.hashed_emails',
        required: false,
        description: 'SHA-256 emails (trimmed, lowercased).',
      },
      {
        path: 'user_data.hashed_phone_number',
        required: false,
        description: 'SHA-256 of the E.164 phone.',
      },
      {
        path: 'event_details.amount',
        required: false,
        requiredFor: ['PURCHASE'],
        description: 'Amount.',
      },
      { path: 'event_details.currency', required: false, description: 'ISO 4217.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'PAGE_VIEW',
          add_to_cart: 'ADD_TO_CART',
          begin_checkout: 'CHECK_OUT',
          purchase: 'PURCHASE',
          lead: 'LEAD',
          sign_up: 'COMPLETE_REGISTRATION',
          search: 'SEARCH',
        },
        (e) =>
          e === 'purchase' || e === 'add_to_cart' || e === 'begin_checkout' || e === 'lead'
            ? valueRows('event_details.amount', 'event_details.currency')
            : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  variants: [
    {
      key: 'attribution_only',
      name: 'Attribution only',
      description: 'Events count for attribution, not for targeting.',
      defaults: { opt_out_targeting: true },
    },
  ],
  not_mapped: { view_item: 'Spotify’s event list has no product-view event' },
  unverified: [
    'endpoint, auth and body shape (catalog evidence U)',
    'upper-case event names',
    'events per request (100 chosen)',
    'phone hashed from E.164 with +',
    'answer shapes',
    'rate limit',
  ],
});
