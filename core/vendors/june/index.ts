/**
 * June tracking HTTP API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row `june`,
 * evidence R,S,P; June's "HTTP API" docs as RudderStack's June destination links them): Segment-spec
 * calls, one per request, `POST https://api.june.so/sdk/track` (`{ userId | anonymousId, event,
 * properties, timestamp, context, messageId }`) and `/sdk/page` (`name` instead of `event`), the
 * write key in `Authorization: Basic <write key>` (the key itself, not a user:password pair).
 *
 * Unverified: the write key sent as it is after `Basic`; that `messageId` deduplicates; whether the
 * service is still open to new workspaces (June announced joining Amplitude in 2025).
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
  {
    source: ['context.group_id', 'properties.group_id', 'properties.groupId'],
    target: 'context.groupId',
    transforms: ['to_string'],
  },
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

/** What the registry holds for June. */
export const june = declareVendor(
  {
    id: 'june',
    name: 'June',
    category: 'analytics',
    description:
      'Product analytics for B2B SaaS: events and page views of your users and their companies.',
    api: 'Tracking HTTP API (/sdk/track, /sdk/page)',
    docs: 'https://www.june.so/docs/tracking/http-api/track',
    status: 'beta',
    keywords: ['product analytics', 'b2b', 'saas'],
    test_settings: { write_key: 'test-june-write-key' },
    settings: [
      {
        key: 'write_key',
        label: 'Write key',
        type: 'secret',
        help: 'The workspace’s write key (Settings → Tracking).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.june.so', path: '/sdk/{{item.type}}' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'authorization',
        prefix: 'Basic ',
        value: '{{settings.write_key}}',
      },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          type: 'track',
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          messageId: '{{event.event_id}}',
        },
      },
      eligibility: {
        any_of: [['userId'], ['anonymousId']],
        reason: 'June needs a user id or an anonymous id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'event',
          required: false,
          auto: true,
          description: 'The event’s name (track calls).',
        },
        { path: 'name', required: false, auto: true, description: 'The page’s name (page calls).' },
        { path: 'userId', required: false, description: 'Your user id.' },
        { path: 'anonymousId', required: false, description: 'Anonymous id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        {
          path: 'context.groupId',
          required: false,
          description: 'The company (group) the event belongs to.',
        },
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
    unverified: [
      'the write key sent as it is after "Basic"',
      'messageId deduplicating repeats',
      'the service still open to new workspaces',
    ],
  },
  {
    hooks: {
      // Page events are page calls (`/sdk/page`, named by `name`), everything else track calls.
      item(item, event) {
        mergeProperties(item);
        if (event.type !== 'page') return;
        item.type = 'page';
        delete item.event;
        const title = (event.properties as Record<string, unknown>).title;
        item.name = event.name ?? (typeof title === 'string' ? title : 'Page');
      },
      body: (body) => {
        // `type` chose the path; June's calls carry none.
        if (body !== null && typeof body === 'object')
          delete (body as Record<string, unknown>).type;
        return body;
      },
    },
    extraCheck: (item) =>
      item.type !== undefined
        ? 'unexpected type field'
        : typeof item.event !== 'string' && typeof item.name !== 'string'
          ? 'event or name is required'
          : undefined,
  },
);
