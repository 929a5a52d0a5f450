/**
 * Keen Stream API "Record a single event", declared (facts: docs/vendors/more-vendors-and-catalog.md §18
 * catalog row `keen`, evidence R; Keen's API reference): `POST
 * https://api.keen.io/3.0/projects/{project id}/events/{event collection}`, the project's write key
 * in `Authorization`, the event as a JSON object whose `keen.timestamp` (ISO 8601) sets its time and
 * `keen.id`… is Keen's own. Each event name is its own collection.
 *
 * Unverified: that `keen.timestamp` may be set by the sender (Keen's docs say so for backfills);
 * 429 as Keen's throttling answer.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'properties', target: 'properties.event_properties' },
  { source: 'user_id', target: 'user.id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'user.anonymous_id', transforms: ['to_string'] },
  { source: 'context.page', target: 'page' },
  { source: 'context.ip', target: 'ip_address' },
  { source: 'context.user_agent', target: 'user_agent' },
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

/** What the registry holds for Keen. */
export const keen = declareVendor(
  {
    id: 'keen',
    name: 'Keen',
    category: 'analytics',
    description:
      'Event data platform: every event recorded in a collection named after it, for your own queries and dashboards.',
    api: 'Stream API (/3.0/projects/{id}/events/{collection})',
    docs: 'https://keen.io/docs/api/#record-a-single-event',
    status: 'beta',
    keywords: ['event streaming', 'embedded analytics'],
    logo: { pack: 'logos', name: 'keen' },
    test_settings: { project_id: '5f0000000000000000000001', write_key: 'test-keen-write-key' },
    settings: [
      {
        key: 'project_id',
        label: 'Project ID',
        type: 'string',
        help: 'The Keen project id (Project → Access).',
      },
      { key: 'write_key', label: 'Write key', type: 'secret', help: 'The project’s write key.' },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.keen.io',
        path: '/3.0/projects/{{settings.project_id}}/events/{{item.collection}}',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'authorization',
        value: '{{settings.write_key}}',
      },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          collection: '{{vendor_event}}',
          event_id: '{{event.event_id}}',
          keen: { timestamp: '{{event.timestamp | to_iso8601}}' },
        },
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      // 4xx `{ message, error_code }`.
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        {
          path: 'keen.timestamp',
          required: true,
          auto: true,
          description: 'The event’s time (ISO 8601).',
        },
        { path: 'event_id', required: false, auto: true, description: 'The event id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        { path: 'user.id', required: false, description: 'Your user id.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'pageviews',
            view_item: 'product_views',
            add_to_cart: 'cart_additions',
            begin_checkout: 'checkouts',
            purchase: 'purchases',
            lead: 'leads',
            sign_up: 'signups',
            search: 'searches',
          },
          (e) => (e === 'purchase' ? valueRows('properties.revenue', 'properties.currency') : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['keen.timestamp settable by the sender', '429 as the throttling answer'],
  },
  {
    hooks: {
      item: mergeProperties,
      // `collection` chose the path; it is not part of the event.
      body: (body) => {
        if (body !== null && typeof body === 'object')
          delete (body as Record<string, unknown>).collection;
        return body;
      },
    },
    extraCheck: (item) => ('collection' in item ? 'collection belongs in the path' : undefined),
  },
);
