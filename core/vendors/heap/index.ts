/**
 * Heap server-side Track API, declared (facts: docs/vendors digest "more vendors" §18 catalog row
 * `heap`, evidence R,S; Heap's developer reference "Track"): `POST https://heapanalytics.com/api/track`,
 * the environment (app) id in the body, `{ app_id, events: [{ identity, event, timestamp,
 * properties, idempotency_key }] }` for several events. `identity` is your user id (Heap's
 * server-side events need an identified user), `timestamp` ISO 8601, property values text or numbers.
 *
 * Unverified: at most 1,000 events per bulk request; property values of 1,024 characters at most
 * (longer or nested values are left out here rather than refused by Heap).
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
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries({ ...(isRecord(extra) ? extra : {}), ...mapped })) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = typeof v === 'string' ? v.slice(0, 1024) : v;
    else if (v !== null && typeof v === 'object') {
      const json = JSON.stringify(v);
      if (json.length <= 1024) out[k] = json;
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
    description: 'Product analytics: server-side events of identified users, next to what Heap captures in the browser.',
    api: 'Server-side Track API (/api/track)',
    docs: 'https://developers.heap.io/reference/track-1',
    status: 'beta',
    keywords: ['product analytics', 'events', 'contentsquare'],
    logo: { pack: 'logos', name: 'heap-icon' },
    test_settings: { app_id: '1234567890' },
    settings: [{ key: 'app_id', label: 'Environment ID', type: 'string', help: 'The environment’s app id (Account → Manage → Projects).' }],
    spec: {
      endpoint: { base_url: 'https://heapanalytics.com', path: '/api/track' },
      auth: { kind: 'api_key', in: 'body', name: 'app_id', value: '{{settings.app_id}}' },
      body: { wrapper: { events: '{{items}}' } },
      item: { fields: { event: '{{vendor_event}}', timestamp: '{{event.timestamp | to_iso8601}}', idempotency_key: '{{event.event_id}}' } },
      eligibility: { any_of: [['identity']], reason: 'Heap’s server-side events need a user id (identity)' },
      batching: { max_events: 1000 },
      rate_limit_rps: 30,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'identity', required: true, description: 'Your user id.' },
        { path: 'timestamp', required: false, auto: true, description: 'ISO 8601 time.' },
        { path: 'idempotency_key', required: false, auto: true, description: 'Deduplication key (the event id).' },
        { path: 'properties', required: false, description: 'Event properties (text or numbers).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          { page_view: 'Page Viewed', view_item: 'Product Viewed', add_to_cart: 'Product Added', begin_checkout: 'Checkout Started', purchase: 'Order Completed', lead: 'Lead Generated', sign_up: 'Signed Up', search: 'Products Searched' },
          (e) => (e === 'purchase' ? valueRows('properties.revenue', 'properties.currency') : e === 'page_view' ? [{ source: 'context.page.url', target: 'properties.url' }, { source: ['properties.title', 'context.page.title'], target: 'properties.title' }] : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['at most 1,000 events per bulk request', 'property values limited to 1,024 characters, nested values refused'],
  },
  {
    hooks: { item: flat },
    extraCheck: (item) => (isRecord(item.properties) && Object.values(item.properties).some((v) => v !== null && typeof v === 'object') ? 'properties must be flat' : undefined),
  },
);
