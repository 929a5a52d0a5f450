/**
 * Attribution (attributionapp.com) tracking API, declared (facts: docs/vendors/more-vendors-and-catalog.md
 * §18 catalog row `attribution_app`, evidence R,S, read in segmentio/action-destinations' Attribution
 * destination): Segment-spec calls, one per request, `POST https://track.attributionapp.com/v1/t`
 * (track) or `/v1/p` (page), HTTP Basic with the project id as username and no password,
 * `{ type, event | name, userId, anonymousId, properties, context, timestamp, messageId }`.
 * Attribution joins visits (page calls with their campaign context) to conversions (track calls
 * with revenue) for multi-touch attribution, so the page context is sent whole.
 *
 * Unverified: `messageId` deduplicating repeats.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymousId', transforms: ['to_string'] },
  { source: 'properties', target: 'properties.event_properties' },
  { source: 'context.ip', target: 'context.ip' },
  { source: 'context.user_agent', target: 'context.userAgent' },
  { source: 'context.page', target: 'context.page' },
  { source: 'context.campaign', target: 'context.campaign' },
  { source: 'traits', target: 'context.traits' },
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

/** What the registry holds for Attribution. */
export const attributionApp = declareVendor(
  {
    id: 'attribution_app',
    name: 'Attribution',
    category: 'analytics',
    description:
      'Multi-touch marketing attribution: visits and conversions with revenue, joined to ad spend.',
    api: 'Tracking API (/v1/t, /v1/p)',
    docs: 'https://docs.attributionapp.com/',
    status: 'beta',
    keywords: ['marketing attribution', 'multi-touch', 'roas'],
    test_settings: { project_id: 'test-attribution-project' },
    settings: [
      {
        key: 'project_id',
        label: 'Project ID',
        type: 'secret',
        help: 'Your Attribution project id (Settings → Tracking).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://track.attributionapp.com', path: '/v1/{{item.call}}' },
      auth: { kind: 'basic', username: '{{settings.project_id}}', password: '' },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          call: 't',
          type: 'track',
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          messageId: '{{event.event_id}}',
        },
      },
      eligibility: {
        any_of: [['userId'], ['anonymousId']],
        reason: 'Attribution needs a user id or an anonymous id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'type', required: true, auto: true, description: 'track or page.' },
        {
          path: 'event',
          required: false,
          auto: true,
          description: 'The event’s name (track calls).',
        },
        { path: 'userId', required: false, description: 'Your user id.' },
        {
          path: 'anonymousId',
          required: false,
          description: 'Anonymous id (joins visits to conversions).',
        },
        {
          path: 'properties.revenue',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue of a conversion.',
        },
        { path: 'context.campaign', required: false, description: 'UTM campaign of the visit.' },
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
    unverified: ['messageId deduplicating repeats'],
  },
  {
    hooks: {
      // Page events are page calls (`/v1/p`, named by `name`).
      item(item, event) {
        mergeProperties(item);
        if (event.type !== 'page') return;
        item.call = 'p';
        item.type = 'page';
        delete item.event;
        if (event.name) item.name = event.name;
      },
      body: (body) => {
        // `call` chose the path; it is not part of the call.
        if (isRecord(body)) delete body.call;
        return body;
      },
    },
    extraCheck: (item) =>
      'call' in item
        ? 'unexpected call field'
        : item.type === 'track' && typeof item.event !== 'string'
          ? 'event is required on track calls'
          : undefined,
  },
);
