/**
 * Blueshift Event API, bulk, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R: RudderStack's destination) and Blueshift's API reference: `POST
 * https://api.getblueshift.com/api/v1/bulkevents` (EU accounts `api.eu.getblueshift.com`) with
 * `{ events: [{ event, customer_id | email | cookie, timestamp, …properties }] }` (properties at
 * the top level of each event), HTTP Basic with the Event API key as user and an empty password.
 * Unverified: at most 30 events per bulk request; the EU host; the error shape.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'customer_id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'email', transforms: ['id.email'] },
  { source: 'anonymous_id', target: 'cookie', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

const hooks: SpecHooks = {
  // Properties go at the top of the event, never over the identity and event fields.
  item(item) {
    const props = isRecord(item.properties) ? item.properties : {};
    const { properties: _p, ...rest } = item;
    return { ...props, ...rest };
  },
};

/** What the registry holds for Blueshift. */
export const blueshift = declareVendor(
  {
    id: 'blueshift',
    name: 'Blueshift',
    category: 'cdp',
    description:
      'AI-driven cross-channel marketing: events on Blueshift customers, for triggers, segments and recommendations.',
    api: 'Event API (/api/v1/bulkevents)',
    docs: 'https://developer.blueshift.com/reference/post_api-v1-bulkevents',
    status: 'beta',
    keywords: ['cross-channel marketing', 'personalization', 'recommendations'],
    unverified: ['at most 30 events per bulk request', 'the EU host', 'the error answer shape'],
    test_settings: { api_key: 'test-blueshift-event-key' },
    settings: [
      {
        key: 'api_key',
        label: 'Event API key',
        type: 'secret',
        help: 'Account settings → API keys: the Event API key.',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the account lives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.getblueshift.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://api.getblueshift.com', eu: 'https://api.eu.getblueshift.com' },
        },
        path: '/api/v1/bulkevents',
      },
      auth: { kind: 'basic', username: '{{settings.api_key}}', password: '' },
      body: { wrapper: { events: '{{items}}' } },
      item: {
        fields: { event: '{{vendor_event}}', timestamp: '{{event.timestamp | to_iso8601}}' },
      },
      eligibility: {
        any_of: [['customer_id'], ['email'], ['cookie']],
        reason: 'Blueshift needs a user id, an email or a cookie id',
      },
      batching: { max_events: 30 },
      rate_limit_rps: 50,
      answer: { error_message: ['message', 'errors.0', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'timestamp',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'customer_id', required: false, description: 'Your user id.' },
        { path: 'email', required: false, description: 'Email.' },
        { path: 'cookie', required: false, description: 'Anonymous id.' },
        {
          path: 'properties',
          required: false,
          description: 'Event properties (sent at the top of the event).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'pageload',
          view_item: 'view',
          add_to_cart: 'add_to_cart',
          begin_checkout: 'checkout',
          purchase: 'purchase',
          lead: 'lead',
          sign_up: 'identify',
          search: 'search',
        }),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
