/**
 * Pendo Track Events API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `pendo`, evidence U; confirmed by Tealium's Pendo connector guide and a third-party Pendo client:
 * endpoint, the Track Event shared secret, event / visitorId / accountId / millisecond timestamp):
 * `POST https://app.pendo.io/data/track` (EU `app.eu.pendo.io`), the app's Track Event shared
 * secret in `x-pendo-integration-key`, one event per request:
 * `{ type: 'track', event, visitorId, accountId, timestamp (epoch ms), properties, context }`.
 * Pendo ties events to a visitor it knows, so the user id is required.
 *
 * Data centers: app.pendo.io (US), us1.app.pendo.io, app.eu.pendo.io, app.jpn.pendo.io, app.au.pendo.io.
 *
 * Unverified: the `x-pendo-integration-key` header name (seen in a third-party client only); the
 * non-US hosts serving `/data/track` too; the `context` fields.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'visitorId', transforms: ['to_string'] },
  {
    source: ['context.group_id', 'properties.account_id', 'traits.account_id'],
    target: 'accountId',
    transforms: ['to_string'],
  },
  { source: 'properties', target: 'properties.event_properties' },
  { source: 'context.ip', target: 'context.ip' },
  { source: 'context.user_agent', target: 'context.userAgent' },
  { source: 'context.page.url', target: 'context.url' },
  { source: 'context.page.title', target: 'context.title' },
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

/** What the registry holds for Pendo. */
export const pendo = declareVendor(
  {
    id: 'pendo',
    name: 'Pendo',
    category: 'analytics',
    description:
      'Product experience: server-side Track Events of your signed-in users, for Pendo analytics and guides.',
    api: 'Track Events API (/data/track)',
    docs: 'https://support.pendo.io/hc/en-us/articles/360032294291-Configure-Track-Events',
    status: 'beta',
    keywords: ['product analytics', 'in-app guides', 'track events'],
    test_settings: { integration_key: 'test-pendo-track-secret' },
    settings: [
      {
        key: 'integration_key',
        label: 'Track Event shared secret',
        type: 'secret',
        help: 'The app’s Track Event shared secret (Settings → Subscription settings → App → App details).',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'us1', 'eu', 'jpn', 'au'],
        default: 'us',
        help: 'Where the subscription lives (the host you sign in to: app.pendo.io, us1.app.pendo.io, app.eu.pendo.io…).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://app.pendo.io',
        regions: {
          setting: 'region',
          hosts: {
            us: 'https://app.pendo.io',
            us1: 'https://us1.app.pendo.io',
            eu: 'https://app.eu.pendo.io',
            jpn: 'https://app.jpn.pendo.io',
            au: 'https://app.au.pendo.io',
          },
        },
        path: '/data/track',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'x-pendo-integration-key',
        value: '{{settings.integration_key}}',
      },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          type: 'track',
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_unix_ms}}',
        },
      },
      eligibility: { any_of: [['visitorId']], reason: 'Pendo needs the visitor’s id (a user id)' },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'visitorId',
          required: true,
          description: 'The visitor id Pendo knows (your user id).',
        },
        { path: 'accountId', required: false, description: 'The account id.' },
        { path: 'timestamp', required: true, auto: true, description: 'Epoch milliseconds.' },
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
        description: 'Subscriptions on app.eu.pendo.io.',
        defaults: { region: 'eu' },
      },
    ],
    unverified: [
      'x-pendo-integration-key header name',
      'non-US hosts serving /data/track',
      'context fields ip, userAgent, url, title',
    ],
  },
  { hooks: { item: mergeProperties } },
);
