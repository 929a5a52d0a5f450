/**
 * Iterable bulk event tracking (`POST https://api.iterable.com/api/events/trackBulk`, EU projects
 * `api.eu.iterable.com`), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,S: the RudderStack and Segment destinations), Iterable's API reference: a server-side API key
 * in the `Api-Key` header, `{ events: [{ eventName, email | userId, createdAt (epoch seconds), id,
 * dataFields }] }`, `id` making a repeat update the same event, errors as `{ msg, code, params }`.
 * Unverified (open-source implementations only): 8,000 events per trackBulk request (1,000 used),
 * the EU host, and that `id` deduplicates.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'email', transforms: ['id.email'] },
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'properties', target: 'dataFields' },
];

/** What the registry holds for Iterable. */
export const iterable = declareVendor({
  id: 'iterable',
  name: 'Iterable',
  category: 'cdp',
  description:
    'Cross-channel marketing: custom events on Iterable users, for journeys, segments and campaign triggers.',
  api: 'Events API (/api/events/trackBulk)',
  docs: 'https://api.iterable.com/api/docs#events_trackBulk',
  status: 'beta',
  keywords: ['marketing automation', 'email', 'push', 'journeys'],
  unverified: [
    '8,000 events per trackBulk request (1,000 used)',
    'the EU host api.eu.iterable.com',
    'the event id deduplicating repeats',
  ],
  test_settings: { api_key: 'test-iterable-server-key' },
  settings: [
    {
      key: 'api_key',
      label: 'API key',
      type: 'secret',
      help: 'A server-side API key of the project (Integrations → API Keys).',
    },
    {
      key: 'region',
      label: 'Data center',
      type: 'select',
      required: false,
      options: ['us', 'eu'],
      default: 'us',
      help: 'Where the project lives.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://api.iterable.com',
      regions: {
        setting: 'region',
        hosts: { us: 'https://api.iterable.com', eu: 'https://api.eu.iterable.com' },
      },
      path: '/api/events/trackBulk',
    },
    auth: { kind: 'api_key', in: 'header', name: 'Api-Key', value: '{{settings.api_key}}' },
    body: { wrapper: { events: '{{items}}' } },
    item: {
      fields: {
        eventName: '{{vendor_event}}',
        id: '{{event.event_id}}',
        createdAt: '{{event.timestamp | to_unix_seconds}}',
      },
    },
    eligibility: {
      any_of: [['email'], ['userId']],
      reason: 'Iterable needs an email or a user id',
    },
    batching: { max_events: 1000, max_bytes: 4_000_000 },
    rate_limit_rps: 10,
    // {"msg":"Invalid API key","code":"BadApiKey","params":null}
    answer: { error_message: ['msg'] },
  },
  mapping: {
    fields: [
      { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
      { path: 'id', required: true, auto: true, description: 'The event’s id.' },
      { path: 'createdAt', required: true, auto: true, description: 'Epoch seconds.' },
      { path: 'email', required: false, description: 'The user’s email.' },
      { path: 'userId', required: false, description: 'Your user id.' },
      { path: 'dataFields', required: false, description: 'Event properties.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(specEventNames()),
      defaults: { action: 'pass_through' },
    },
  },
  variants: [
    {
      key: 'eu',
      name: 'EU data center',
      description: 'Projects in Iterable’s EU data center.',
      defaults: { region: 'eu' },
    },
  ],
});
