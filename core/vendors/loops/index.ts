/**
 * Loops events API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18 (R,S)
 * and Loops' API reference ("Send event"): `POST https://app.loops.so/api/v1/events/send`, the API
 * key as a Bearer token, one event per request `{ email | userId, eventName, eventProperties }`
 * (property values are strings, numbers, booleans or dates: objects and lists are left out), an
 * optional `Idempotency-Key` header (the event id here); answers `{ success: true }` or `{ success:
 * false, message }`; 10 requests per second per team, 429 beyond.
 * Unverified: the idempotency window.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'email', transforms: ['id.email'] },
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'properties', target: 'eventProperties' },
];

const hooks: SpecHooks = {
  item(item) {
    if (isRecord(item.eventProperties))
      item.eventProperties = Object.fromEntries(
        Object.entries(item.eventProperties).filter(([, v]) =>
          ['string', 'number', 'boolean'].includes(typeof v),
        ),
      );
  },
};

/** What the registry holds for Loops. */
export const loops = declareVendor(
  {
    id: 'loops',
    name: 'Loops',
    category: 'cdp',
    description: 'Email for SaaS: events on Loops contacts that trigger loops (automated emails).',
    api: 'Events API (/api/v1/events/send)',
    docs: 'https://loops.so/docs/api-reference/send-event',
    status: 'beta',
    keywords: ['email', 'saas', 'transactional', 'automation'],
    logo: { pack: 'simple-icons', name: 'loops' },
    unverified: ['the Idempotency-Key window'],
    test_settings: { api_key: 'test-loops-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'Settings → API: an API key of the team.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://app.loops.so', path: '/api/v1/events/send' },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      headers: { from_event: { 'idempotency-key': '{{event.event_id}}' } },
      item: { fields: { eventName: '{{vendor_event}}' } },
      eligibility: { any_of: [['email'], ['userId']], reason: 'Loops needs an email or a user id' },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: {
        error_message: ['message', 'error'],
        body_codes: [
          {
            path: 'success',
            values: [false],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'Loops success',
          },
        ],
      },
    },
    mapping: {
      fields: [
        { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
        { path: 'email', required: false, description: 'The contact’s email.' },
        { path: 'userId', required: false, description: 'Your user id.' },
        { path: 'eventProperties', required: false, description: 'Plain event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames('camel')),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
