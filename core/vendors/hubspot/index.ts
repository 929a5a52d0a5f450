/**
 * HubSpot custom (behavioural) event occurrences, declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §9, from HubSpot's developer docs): `POST
 * https://api.hubapi.com/events/v3/send/batch` with `{ inputs: [...] }`, a private-app access token
 * as a Bearer token, each occurrence `{ eventName, occurredAt, email | utk | objectId,
 * properties }`. `eventName` is the fully qualified `pe{HubID}_{name}` of an event defined
 * beforehand in HubSpot: the mapping gives the internal name (`order_completed`), the hub id
 * setting the prefix. Success has no body; property values must be plain values (objects and lists
 * are left out).
 * Unverified: the batch endpoint's size cap (100 chosen; the docs found name none); the exact
 * success status (any 2xx is taken).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'email', transforms: ['trim', 'lowercase'] },
  { source: 'context.vendor_ids.hubspotutk', target: 'utk', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

/** HubSpot internal names: lowercase letters, digits and `_`. */
const internalName = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');

const hooks: SpecHooks = {
  item(item, _event, params) {
    const name = String(item.eventName ?? '');
    // A name already fully qualified (`pe123_…`) is kept; others get this hub's prefix.
    item.eventName = /^pe\d+_/.test(name)
      ? name
      : `pe${String(params.hub_id)}_${internalName(name)}`;
    if (isRecord(item.properties)) {
      item.properties = Object.fromEntries(
        Object.entries(item.properties).filter(
          ([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
        ),
      );
    }
  },
};

/** What the registry holds for HubSpot. */
export const hubspot = declareVendor(
  {
    id: 'hubspot',
    name: 'HubSpot',
    category: 'cdp',
    description:
      'CRM and marketing: website and app actions as custom events on the contact’s timeline, for lists, workflows and reports.',
    api: 'Custom events API (/events/v3/send/batch)',
    docs: 'https://developers.hubspot.com/docs/api-reference/events-send-event-completions-v3/guide',
    status: 'ga',
    keywords: ['crm', 'custom events', 'behavioral events', 'marketing automation'],
    logo: { pack: 'logos', name: 'hubspot' },
    unverified: [
      'the batch endpoint’s size cap (100 occurrences chosen)',
      'the exact success status code (any 2xx is accepted)',
    ],
    test_settings: { access_token: 'pat-na1-test-token', hub_id: '1234567' },
    settings: [
      {
        key: 'access_token',
        label: 'Private app access token',
        type: 'secret',
        help: 'From a private app with the scope to send behavioral events (Settings → Integrations → Private apps).',
      },
      {
        key: 'hub_id',
        label: 'Hub ID',
        type: 'string',
        pattern: { regex: '^\\d+$', message: 'the Hub ID is a number' },
        help: 'Your HubSpot account number (top right of the app): event names are pe<Hub ID>_<name>.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.hubapi.com', path: '/events/v3/send/batch' },
      auth: { kind: 'bearer', token: '{{settings.access_token}}' },
      body: { wrapper: { inputs: '{{items}}' } },
      item: {
        fields: { eventName: '{{vendor_event}}', occurredAt: '{{event.timestamp | to_iso8601}}' },
      },
      eligibility: {
        any_of: [['email'], ['utk'], ['objectId']],
        reason: 'HubSpot needs an email, a hubspotutk cookie or an object id',
      },
      batching: { max_events: 100 },
      // Private apps: 100–190 requests per 10 seconds depending on the tier.
      rate_limit_rps: 10,
      // 400 {"status":"error","message":"…","category":"VALIDATION_ERROR"}; 401/403 token or scope; 404 unknown event.
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        {
          path: 'eventName',
          required: true,
          auto: true,
          description: 'The event’s internal name (the pe<Hub ID>_ prefix is added).',
        },
        {
          path: 'occurredAt',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'email', required: false, description: 'The contact’s email.' },
        { path: 'utk', required: false, description: 'The hubspotutk cookie.' },
        { path: 'objectId', required: false, description: 'A CRM record id.' },
        {
          path: 'properties',
          required: false,
          description: 'Event properties (internal names; plain values).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames('snake')),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
