/**
 * Courier inbound events, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (S: Segment's destination) and Courier's API reference ("Inbound: track event"): `POST
 * https://api.courier.com/inbound/courier`, the auth token as a Bearer token, one event per request
 * `{ messageId, type: 'track', event, properties, userId }`, 202 `{ messageId }`; events map to
 * Courier automations and journeys. `messageId` (the event id here) deduplicates repeats.
 * Unverified: the rate limit.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

/** What the registry holds for Courier. */
export const courier = declareVendor({
  id: 'courier',
  name: 'Courier',
  category: 'cdp',
  description:
    'Notification platform: events that start Courier automations and journeys for the user.',
  api: 'Inbound API (/inbound/courier)',
  docs: 'https://www.courier.com/docs/api-reference/inbound/courier-track-event',
  status: 'beta',
  keywords: ['notifications', 'automations', 'journeys'],
  unverified: ['the rate limit (20 requests/s assumed)'],
  test_settings: { auth_token: 'test-courier-token' },
  settings: [
    {
      key: 'auth_token',
      label: 'Auth token',
      type: 'secret',
      help: 'Settings → API Keys: the workspace’s auth token.',
    },
  ],
  spec: {
    endpoint: { base_url: 'https://api.courier.com', path: '/inbound/courier' },
    auth: { kind: 'bearer', token: '{{settings.auth_token}}' },
    item: { fields: { messageId: '{{event.event_id}}', type: 'track', event: '{{vendor_event}}' } },
    eligibility: { any_of: [['userId']], reason: 'Courier needs a user id' },
    batching: { max_events: 1 },
    rate_limit_rps: 20,
    answer: { error_message: ['message', 'error'] },
  },
  mapping: {
    fields: [
      { path: 'messageId', required: true, auto: true, description: 'The event id.' },
      { path: 'type', required: true, auto: true, description: 'Always track.' },
      { path: 'event', required: true, auto: true, description: 'The event’s name.' },
      { path: 'userId', required: false, description: 'Your user id.' },
      { path: 'properties', required: false, description: 'Event properties.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(specEventNames()),
      defaults: { action: 'pass_through' },
    },
  },
});
