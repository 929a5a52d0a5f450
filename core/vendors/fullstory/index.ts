/**
 * FullStory Server API v2 "Create Event", declared (facts: docs/vendors/more-vendors-and-catalog.md §18
 * catalog row `fullstory`, evidence R,S; confirmed in FullStory's developer reference): `POST
 * https://api.fullstory.com/v2/events` (EU `api.eu1.fullstory.com`), `Authorization: Basic <API key>`
 * (the key itself), one event per request: `{ name, timestamp, properties, user: { uid },
 * session: { use_most_recent: true }, context: { browser, location… } }`. With `use_most_recent`
 * the event joins the user's session of the last 30 minutes (else it is stored without a session),
 * and exactly one user field is required: your user id as `uid`. Requests can be made idempotent
 * with a header; the event id is sent as `Idempotency-Key`.
 *
 * Unverified: the EU host; the idempotency header's name.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user.uid', transforms: ['to_string'] },
  { source: 'properties', target: 'properties.event_properties' },
  { source: 'context.page.url', target: 'context.browser.url' },
  { source: 'context.user_agent', target: 'context.browser.user_agent' },
  { source: 'context.ip', target: 'context.location.ip_address' },
];

/**
 * The event's properties are mapped whole to `properties.event_properties` and spread here under the
 * properties rows write one by one: a row writing inside an object another row copied whole would
 * write into the envelope's own properties.
 */
function mergeProperties(item: Record<string, unknown>): void {
  const own = isRecord(item.properties) ? item.properties : {};
  const { event_properties: whole, ...single } = own;
  item.properties = { ...(isRecord(whole) ? whole : {}), ...single };
}

/** What the registry holds for FullStory. */
export const fullstory = declareVendor(
  {
    id: 'fullstory',
    name: 'FullStory',
    category: 'analytics',
    description:
      'Digital experience analytics: server-side events joined to your users’ sessions in FullStory.',
    api: 'Server API v2 (/v2/events)',
    docs: 'https://developer.fullstory.com/server/events/create-event/',
    status: 'beta',
    keywords: ['session replay', 'digital experience', 'events'],
    test_settings: { api_key: 'test-fullstory-api-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'A FullStory API key with Standard or Architect access (Settings → API Keys).',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the FullStory account lives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.fullstory.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://api.fullstory.com', eu: 'https://api.eu1.fullstory.com' },
        },
        path: '/v2/events',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'authorization',
        prefix: 'Basic ',
        value: '{{settings.api_key}}',
      },
      headers: { from_event: { 'idempotency-key': '{{event.event_id}}' } },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          name: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          session: { use_most_recent: true },
        },
      },
      eligibility: {
        any_of: [['user.uid']],
        reason: 'FullStory needs a user id to attach the event to',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      // 4xx `{ code, message }`.
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        { path: 'name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'user.uid', required: true, description: 'Your user id.' },
        { path: 'timestamp', required: false, auto: true, description: 'ISO 8601 time.' },
        { path: 'properties', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Page Viewed',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) => (e === 'purchase' ? valueRows('properties.revenue', 'properties.currency') : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU data center',
        description: 'Accounts in FullStory’s EU region.',
        defaults: { region: 'eu' },
      },
    ],
    unverified: ['EU host api.eu1.fullstory.com', 'the Idempotency-Key header name'],
  },
  { hooks: { item: mergeProperties } },
);
