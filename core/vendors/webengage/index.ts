/**
 * WebEngage events REST API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R: RudderStack's destination) and WebEngage's REST API docs ("Track events"): `POST
 * https://api.webengage.com/v1/accounts/{license_code}/events` (India data center
 * `api.in.webengage.com`, Saudi Arabia `api.ksa.webengage.com`), the REST API key as a Bearer
 * token, one event per request `{ userId | anonymousId, eventName, eventTime, eventData }` with
 * `eventTime` as `yyyy-MM-ddTHH:mm:ss+0000`; answers `{ response: { status: 'queued' } }`.
 * Unverified: the regional hosts; the rate limit.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOSTS = {
  global: 'https://api.webengage.com',
  in: 'https://api.in.webengage.com',
  ksa: 'https://api.ksa.webengage.com',
};

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymousId', transforms: ['to_string'] },
  { source: 'properties', target: 'eventData' },
];

const hooks: SpecHooks = {
  // WebEngage's time format: seconds, no fraction, numeric UTC offset without colon.
  item(item, event) {
    item.eventTime = `${new Date(event.timestamp).toISOString().slice(0, 19)}+0000`;
    if (item.userId !== undefined) delete item.anonymousId;
  },
};

/** What the registry holds for WebEngage. */
export const webengage = declareVendor(
  {
    id: 'webengage',
    name: 'WebEngage',
    category: 'cdp',
    description:
      'Customer engagement: events on WebEngage users, for journeys, segments and campaigns.',
    api: 'REST API (/v1/accounts/{license_code}/events)',
    docs: 'https://docs.webengage.com/docs/rest-api-events',
    status: 'beta',
    keywords: ['engagement', 'journeys', 'push notifications', 'retention'],
    unverified: ['the India and Saudi Arabia hosts', 'the rate limit (50 requests/s assumed)'],
    test_settings: { license_code: '~test1234', api_key: 'test-webengage-key' },
    settings: [
      {
        key: 'license_code',
        label: 'License code',
        type: 'string',
        help: 'Data platform → Integrations → REST API: the license code.',
      },
      {
        key: 'api_key',
        label: 'REST API key',
        type: 'secret',
        help: 'Data platform → Integrations → REST API: the API key.',
      },
      {
        key: 'data_center',
        label: 'Data center',
        type: 'select',
        required: false,
        options: Object.keys(HOSTS),
        default: 'global',
        help: 'global, India (in) or Saudi Arabia (ksa).',
      },
    ],
    spec: {
      endpoint: {
        base_url: HOSTS.global,
        regions: { setting: 'data_center', hosts: HOSTS },
        path: '/v1/accounts/{{settings.license_code}}/events',
      },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      item: { fields: { eventName: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['userId'], ['anonymousId']],
        reason: 'WebEngage needs a user id or an anonymous id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 50,
      answer: { error_message: ['response.message', 'message'] },
    },
    mapping: {
      fields: [
        { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
        { path: 'userId', required: false, description: 'Your user id.' },
        {
          path: 'anonymousId',
          required: false,
          description: 'Anonymous id (when there is no user id).',
        },
        { path: 'eventData', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'Page Viewed',
          view_item: 'Product Viewed',
          add_to_cart: 'Added To Cart',
          begin_checkout: 'Checkout Started',
          purchase: 'Order Completed',
          lead: 'Lead Generated',
          sign_up: 'Signed Up',
          search: 'Searched',
        }),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
