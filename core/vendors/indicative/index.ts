/**
 * Indicative Input API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `indicative`, evidence R, as RudderStack's Indicative destination sends it): `POST
 * https://api.indicative.com/service/event`, one event per request with the project API key in the
 * body: `{ apiKey, eventName, eventUniqueId, eventTime (epoch ms), properties }`. `eventUniqueId`
 * is the user (your user id, else the anonymous id). (Indicative also has a batch form; its path and
 * limit were not confirmed, so single events are sent.)
 *
 * Unverified: `eventTime` in epoch milliseconds; the error body's `message` field; whether the
 * service still accepts new projects.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'eventUniqueId', transforms: ['to_string'] },
  { source: 'properties', target: 'properties.event_properties' },
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

/** What the registry holds for Indicative. */
export const indicative = declareVendor(
  {
    id: 'indicative',
    name: 'Indicative',
    category: 'analytics',
    description:
      'Customer journey analytics: every event with its properties for funnels, cohorts and paths.',
    api: 'Input API (/service/event)',
    docs: 'https://support.indicative.com/hc/en-us/articles/360004147532-REST-API',
    status: 'beta',
    keywords: ['customer journey', 'funnels', 'cohorts'],
    test_settings: { api_key: 'test-indicative-key' },
    settings: [
      {
        key: 'api_key',
        label: 'Project API key',
        type: 'secret',
        help: 'The project’s API key (Settings → Project Settings).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.indicative.com', path: '/service/event' },
      auth: { kind: 'api_key', in: 'body', name: 'apiKey', value: '{{settings.api_key}}' },
      body: { wrapper: '{{item}}' },
      item: {
        fields: { eventName: '{{vendor_event}}', eventTime: '{{event.timestamp | to_unix_ms}}' },
      },
      eligibility: {
        any_of: [['eventUniqueId']],
        reason: 'Indicative needs a user or anonymous id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'eventUniqueId',
          required: true,
          description: 'The user id, else the anonymous id.',
        },
        { path: 'eventTime', required: true, auto: true, description: 'Epoch milliseconds.' },
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
    unverified: [
      'eventTime in epoch milliseconds',
      'error body field message',
      'the service still accepting new projects',
    ],
  },
  { hooks: { item: mergeProperties } },
);
