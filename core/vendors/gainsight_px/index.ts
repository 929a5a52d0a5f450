/**
 * Gainsight PX Segment-format event endpoint, declared (facts: docs/vendors/more-vendors-and-catalog.md §18
 * catalog row `gainsight_px`, evidence R,S, read in segmentio/action-destinations' Gainsight PX Cloud
 * destination): `POST https://segment-esp.aptrinsic.com/rte/segmentio/v1/push` (Europe
 * `segment-esp-eu.aptrinsic.com`, US2 `segment-esp-us2.aptrinsic.com`), HTTP Basic with the PX API
 * key as username and no password, one Segment-spec call per request: `{ type, event | name,
 * userId, anonymousId, properties, context, timestamp, messageId }`. PX ties events to users it
 * knows, so a user id is required.
 *
 * Unverified: that the endpoint takes Segment-format calls from senders other than Segment.
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
    source: ['context.group_id', 'properties.account_id'],
    target: 'context.groupId',
    transforms: ['to_string'],
  },
];

/** What the registry holds for Gainsight PX. */
export const gainsightPx = declareVendor(
  {
    id: 'gainsight_px',
    name: 'Gainsight PX',
    category: 'analytics',
    description:
      'Product experience: your users’ events and page views for PX analytics, engagements and account health.',
    api: 'Segment-format event endpoint (/rte/segmentio/v1/push)',
    docs: 'https://support.gainsight.com/PX/Integrations/Data_Integrations/Segment_Integration_with_Gainsight_PX',
    status: 'beta',
    keywords: ['product experience', 'customer success', 'in-app engagement', 'aptrinsic'],
    test_settings: { api_key: 'test-px-api-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The PX product’s API key (Administration → Products).',
      },
      {
        key: 'data_center',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['north_america', 'europe', 'us2'],
        default: 'north_america',
        help: 'Where the PX subscription is hosted.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://segment-esp.aptrinsic.com',
        regions: {
          setting: 'data_center',
          hosts: {
            north_america: 'https://segment-esp.aptrinsic.com',
            europe: 'https://segment-esp-eu.aptrinsic.com',
            us2: 'https://segment-esp-us2.aptrinsic.com',
          },
        },
        path: '/rte/segmentio/v1/push',
      },
      auth: { kind: 'basic', username: '{{settings.api_key}}', password: '' },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          type: 'track',
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          messageId: '{{event.event_id}}',
        },
      },
      eligibility: { any_of: [['userId']], reason: 'Gainsight PX needs a user id' },
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
        { path: 'userId', required: true, description: 'Your user id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        { path: 'context.groupId', required: false, description: 'The account (group) id.' },
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
        key: 'europe',
        name: 'EU data center',
        description: 'PX subscriptions hosted in Europe.',
        defaults: { data_center: 'europe' },
      },
    ],
    unverified: ['Segment-format calls accepted from senders other than Segment'],
  },
  {
    hooks: {
      item(item, event) {
        // The event's properties (copied whole to `event_properties`) under the ones rows write singly.
        const own = isRecord(item.properties) ? item.properties : {};
        const { event_properties: whole, ...single } = own;
        item.properties = { ...(isRecord(whole) ? whole : {}), ...single };
        // Page events are page calls, named by `name`.
        if (event.type === 'page') {
          item.type = 'page';
          delete item.event;
          if (event.name) item.name = event.name;
        }
      },
    },
    extraCheck: (item) =>
      item.type !== 'track' && item.type !== 'page'
        ? 'type must be track or page'
        : item.type === 'track' && typeof item.event !== 'string'
          ? 'event is required on track calls'
          : undefined,
  },
);
