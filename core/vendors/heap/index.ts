/**
 * Heap server-side Track API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `heap`, evidence R,S; Heap's developer reference "Track" and "Bulk Track"): `POST
 * https://heapanalytics.com/api/track` (EU data centre: `https://c.eu.heap-api.com/api/track`), the
 * environment (app) id in the body, `{ app_id, events: [{ identity, event, timestamp, properties,
 * idempotency_key }] }`, at most 1,000 events per request. `identity` is your user id (at most 255
 * characters; server-side events need an identified user), `timestamp` ISO 8601, property values
 * numbers or text under 1,024 characters (arrays are joined by Heap; objects are sent as JSON when
 * short enough, else left out). Limits: 15,000 events a minute per app, 1,000 per identity.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'identity', transforms: ['to_string'] },
  { source: 'properties', target: 'properties.event_properties' },
];

/**
 * The event's properties (mapped whole to `properties.event_properties`, so that rows writing
 * single properties never write into the envelope's own object) spread under the mapped ones;
 * scalar values only (Heap's properties are flat text/number pairs), objects as JSON when short.
 */
function flat(item: Record<string, unknown>): void {
  if (!isRecord(item.properties)) return;
  const { event_properties: extra, ...mapped } = item.properties;
  const out: Record<string, string | number | (string | number)[]> = {};
  for (const [k, v] of Object.entries({ ...(isRecord(extra) ? extra : {}), ...mapped })) {
    if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'string' || typeof v === 'boolean') out[k] = String(v).slice(0, 1023);
    // Arrays of text or numbers go as they are: Heap joins them with `||` (up to 1,024 characters).
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))
      out[k] = v;
    else if (v !== null && typeof v === 'object') {
      const json = JSON.stringify(v);
      if (json.length < 1024) out[k] = json;
    }
  }
  item.properties = out;
}

/** What the registry holds for Heap. */
export const heap = declareVendor(
  {
    id: 'heap',
    name: 'Heap',
    category: 'analytics',
    description:
      'Product analytics: server-side events of identified users, next to what Heap captures in the browser.',
    api: 'Server-side Track API (/api/track)',
    docs: 'https://developers.heap.io/reference/track-1',
    status: 'ga',
    keywords: ['product analytics', 'events', 'contentsquare'],
    logo: { pack: 'logos', name: 'heap-icon' },
    test_settings: { app_id: '1234567890' },
    settings: [
      {
        key: 'app_id',
        label: 'Environment ID',
        type: 'string',
        help: 'The environment’s app id (Account → Manage → Projects).',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the Heap account’s data lives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://heapanalytics.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://heapanalytics.com', eu: 'https://c.eu.heap-api.com' },
        },
        path: '/api/track',
      },
      auth: { kind: 'api_key', in: 'body', name: 'app_id', value: '{{settings.app_id}}' },
      body: { wrapper: { events: '{{items}}' } },
      item: {
        fields: {
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          idempotency_key: '{{event.event_id}}',
        },
      },
      eligibility: {
        any_of: [['identity']],
        reason: 'Heap’s server-side events need a user id (identity)',
      },
      // 15,000 events a minute per app: 250-event requests at one a second stay under it (the API takes up to 1,000).
      batching: { max_events: 250 },
      rate_limit_rps: 1,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'identity', required: true, description: 'Your user id.' },
        { path: 'timestamp', required: false, auto: true, description: 'ISO 8601 time.' },
        {
          path: 'idempotency_key',
          required: false,
          auto: true,
          description: 'Deduplication key (the event id).',
        },
        { path: 'properties', required: false, description: 'Event properties (text or numbers).' },
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
          (e) =>
            e === 'purchase'
              ? valueRows('properties.revenue', 'properties.currency')
              : e === 'page_view'
                ? [
                    { source: 'context.page.url', target: 'properties.url' },
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
        name: 'EU data center',
        description: 'Heap accounts hosted in the EU.',
        defaults: { region: 'eu' },
      },
    ],
  },
  {
    hooks: { item: flat },
    extraCheck: (item) =>
      isRecord(item.properties) &&
      Object.values(item.properties).some(
        (v) =>
          !(
            typeof v === 'number' ||
            (typeof v === 'string' && v.length < 1024) ||
            Array.isArray(v)
          ),
      )
        ? 'property values must be numbers or text under 1,024 characters'
        : undefined,
  },
);
