/**
 * Userpilot HTTP API `track`, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `userpilot`, evidence R,S, read in segmentio/action-destinations' Userpilot destination):
 * `POST https://analytex.userpilot.io/v1/track` (the environment's own API endpoint when it shows
 * another, e.g. an EU one), `Authorization: Token <API key>`, `X-API-Version: 2020-09-22`,
 * one event per request: `{ user_id, event_name, metadata }`. Userpilot has no event time field:
 * events count when received.
 *
 * Unverified: metadata values kept as sent (nested objects included).
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'user_id', transforms: ['to_string'] },
  { source: 'properties', target: 'metadata.event_properties' },
];

/**
 * The event's properties are mapped whole to `metadata.event_properties` and spread here under the
 * properties rows write one by one: a row writing inside an object another row copied whole would
 * write into the envelope's own properties.
 */
function mergeProperties(item: Record<string, unknown>): void {
  const own = isRecord(item.metadata) ? item.metadata : {};
  const { event_properties: whole, ...single } = own;
  item.metadata = { ...(isRecord(whole) ? whole : {}), ...single };
}

/** What the registry holds for Userpilot. */
export const userpilot = declareVendor(
  {
    id: 'userpilot',
    name: 'Userpilot',
    category: 'analytics',
    description:
      'Product adoption: server-side events that trigger Userpilot flows and feed its product analytics.',
    api: 'HTTP API (/v1/track)',
    docs: 'https://docs.userpilot.com/article/195-http-api',
    status: 'beta',
    keywords: ['product adoption', 'onboarding', 'in-app guides'],
    test_settings: { api_key: 'test-userpilot-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The environment’s API key (Configure → Environment).',
      },
      {
        key: 'endpoint',
        label: 'API endpoint',
        type: 'url',
        required: false,
        help: 'The environment’s API endpoint when it is not https://analytex.userpilot.io (shown on the same page).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://analytex.userpilot.io', path: '/v1/track' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'authorization',
        prefix: 'Token ',
        value: '{{settings.api_key}}',
      },
      headers: { static: { 'x-api-version': '2020-09-22' } },
      body: { wrapper: '{{item}}' },
      item: { fields: { event_name: '{{vendor_event}}' } },
      eligibility: { any_of: [['user_id']], reason: 'Userpilot needs a user id' },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
    },
    mapping: {
      fields: [
        { path: 'user_id', required: true, description: 'Your user id (else the anonymous id).' },
        { path: 'event_name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'metadata', required: false, description: 'Event properties.' },
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
              ? valueRows('metadata.revenue', 'metadata.currency')
              : e === 'page_view'
                ? [{ source: 'context.page.url', target: 'metadata.url' }]
                : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['nested metadata values accepted'],
  },
  {
    hooks: {
      item: mergeProperties,
      settings(params) {
        if (typeof params.endpoint === 'string' && params.endpoint && !params.endpoint_override)
          params.endpoint_override = params.endpoint;
      },
    },
  },
);
