/**
 * PostHog capture API, batch form, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog
 * row `posthog`, evidence R,S,P; PostHog's "Capture API" docs): `POST https://us.i.posthog.com/batch/`
 * (EU `eu.i.posthog.com`, self-hosted: your own host), the project API key in the body,
 * `{ api_key, batch: [{ event, timestamp, uuid, properties: { distinct_id, … } }] }`, pages as
 * `$pageview` with `$current_url`, a request of at most 20 MB. `uuid` deduplicates repeats; an
 * event id that is not a UUID is turned into one (SHA-256 based, stable) so retries stay deduplicated.
 *
 * Events sent through the API are identified events by default: an event without a user id gets
 * `$process_person_profile: false`, PostHog's way of capturing it anonymously (no person profile).
 * (Facts confirmed in PostHog's docs "POST-only public endpoints".)
 *
 * Unverified: the 20 MB request limit applying to `/batch/` as to `/capture/`.
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

// The event's properties go whole to `properties.event_properties` (spread by the item hook) so that
// rows writing single properties never write into the envelope's own object.
const GLOBAL: MappingRow[] = [
  { source: 'properties', target: 'properties.event_properties' },
  {
    source: ['user_id', 'anonymous_id'],
    target: 'properties.distinct_id',
    transforms: ['to_string'],
  },
  { source: 'context.ip', target: 'properties.$ip' },
  { source: 'context.page.url', target: 'properties.$current_url' },
  { source: 'context.page.referrer', target: 'properties.$referrer' },
  { source: 'context.user_agent', target: 'properties.$raw_user_agent' },
  { source: 'traits', target: 'properties.$set' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable UUID for an event id that is not one (version nibble 5, RFC 4122 variant). */
function uuidOf(id: string): string {
  if (UUID.test(id)) return id;
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What the registry holds for PostHog. */
export const posthog = declareVendor(
  {
    id: 'posthog',
    name: 'PostHog',
    category: 'analytics',
    description:
      'Product analytics: every event with its properties and the person’s traits, in your PostHog project.',
    api: 'Capture API (/batch/)',
    docs: 'https://posthog.com/docs/api/capture',
    status: 'beta',
    keywords: ['product analytics', 'events', 'open source'],
    logo: { pack: 'logos', name: 'posthog-icon' },
    test_settings: { api_key: 'phc_test_project_key' },
    settings: [
      {
        key: 'api_key',
        label: 'Project API key',
        type: 'secret',
        help: 'The project API key (phc_…, Project settings → General). It is a write-only key.',
      },
      {
        key: 'region',
        label: 'Cloud region',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'US or EU Cloud (ignored when a host is set).',
      },
      {
        key: 'host',
        label: 'Self-hosted URL',
        type: 'url',
        required: false,
        help: 'Your PostHog instance (https://posthog.example.com), when self-hosted.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://us.i.posthog.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://us.i.posthog.com', eu: 'https://eu.i.posthog.com' },
        },
        path: '/batch/',
      },
      auth: { kind: 'api_key', in: 'body', name: 'api_key', value: '{{settings.api_key}}' },
      body: { wrapper: { batch: '{{items}}' } },
      item: {
        fields: {
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          uuid: '{{event.event_id}}',
        },
      },
      eligibility: {
        any_of: [['properties.distinct_id']],
        reason: 'PostHog needs a distinct id (user id or anonymous id)',
      },
      batching: { max_events: 1000, max_bytes: 20_000_000 },
      rate_limit_rps: 50,
      // 400/401 `{ type, code, detail }`.
      answer: { error_message: ['detail', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'properties.distinct_id',
          required: true,
          description: 'The user id, else the anonymous id.',
        },
        { path: 'timestamp', required: false, auto: true, description: 'ISO 8601 time.' },
        {
          path: 'uuid',
          required: false,
          auto: true,
          description: 'Deduplication id (from the event id).',
        },
        { path: 'properties', required: false, description: 'Event properties.' },
        { path: 'properties.$set', required: false, description: 'Person properties to set.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: '$pageview',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) =>
            e === 'purchase'
              ? valueRows('properties.revenue', 'properties.currency')
              : e === 'page_view'
                ? [
                    {
                      source: ['properties.title', 'context.page.title'],
                      target: 'properties.title',
                    },
                  ]
                : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU Cloud',
        description: 'Projects on PostHog’s EU Cloud.',
        defaults: { region: 'eu' },
      },
    ],
    unverified: ['the 20 MB request limit applying to /batch/'],
  },
  {
    hooks: {
      settings(params) {
        // A self-hosted instance replaces the cloud host (a test double's override wins).
        if (typeof params.host === 'string' && params.host && !params.endpoint_override)
          params.endpoint_override = params.host;
      },
      item(item, event) {
        if (typeof item.uuid === 'string') item.uuid = uuidOf(item.uuid);
        if (!isRecord(item.properties)) return;
        const { event_properties: extra, $set, ...mapped } = item.properties;
        item.properties = {
          ...(isRecord(extra) ? extra : {}),
          ...mapped,
          ...(isRecord($set) && Object.keys($set).length ? { $set } : {}),
          ...(event.user_id ? {} : { $process_person_profile: false }),
        };
      },
    },
    extraCheck: (item) =>
      typeof item.uuid === 'string' && !UUID.test(item.uuid) ? 'uuid must be a UUID' : undefined,
  },
);
