/**
 * Vero track event API (v2), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R: RudderStack's destination) and Vero's API reference: `POST
 * https://api.getvero.com/api/v2/events/track`, the auth token in the body (`auth_token`), one event
 * per request `{ identity: { id, email }, event_name, data, extras: { created_at } }`; answers
 * `{ status, message }`. The user's `id` is required (email alone creates none).
 * Unverified: `extras.created_at` (ISO-8601) setting the event's time; the rate limit.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'identity.id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'identity.email', transforms: ['id.email'] },
  { source: 'properties', target: 'data' },
];

/** What the registry holds for Vero. */
export const vero = declareVendor({
  id: 'vero',
  name: 'Vero',
  category: 'cdp',
  description:
    'Customer messaging: events on Vero customers, to trigger workflows and build segments.',
  api: 'Track API v2 (/api/v2/events/track)',
  docs: 'https://developers.getvero.com/?bash#events-track',
  status: 'beta',
  keywords: ['email', 'workflows', 'messaging'],
  unverified: [
    'extras.created_at setting the event’s time',
    'the rate limit (10 requests/s assumed)',
  ],
  test_settings: { auth_token: 'test-vero-auth-token' },
  settings: [
    {
      key: 'auth_token',
      label: 'Auth token',
      type: 'secret',
      help: 'Settings → Project → API credentials: the auth token.',
    },
  ],
  spec: {
    endpoint: { base_url: 'https://api.getvero.com', path: '/api/v2/events/track' },
    auth: { kind: 'api_key', in: 'body', name: 'auth_token', value: '{{settings.auth_token}}' },
    item: {
      fields: {
        event_name: '{{vendor_event}}',
        extras: { created_at: '{{event.timestamp | to_iso8601}}' },
      },
    },
    eligibility: { any_of: [['identity.id']], reason: 'Vero needs a user id' },
    batching: { max_events: 1 },
    rate_limit_rps: 10,
    answer: { error_message: ['message', 'error'] },
  },
  mapping: {
    fields: [
      { path: 'event_name', required: true, auto: true, description: 'The event’s name.' },
      { path: 'identity.id', required: false, description: 'Your user id (required).' },
      { path: 'identity.email', required: false, description: 'The user’s email.' },
      { path: 'data', required: false, description: 'Event properties.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents({
        page_view: 'Viewed page',
        view_item: 'Viewed product',
        add_to_cart: 'Added to cart',
        begin_checkout: 'Started checkout',
        purchase: 'Purchased',
        lead: 'Submitted lead',
        sign_up: 'Signed up',
        search: 'Searched',
      }),
      defaults: { action: 'pass_through' },
    },
  },
});
