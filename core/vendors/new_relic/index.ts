/**
 * New Relic Event API (custom events), declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (R: RudderStack's destination) and New Relic's docs
 * ("Introduction to the Event API"): `POST
 * https://insights-collector.newrelic.com/v1/accounts/{account_id}/events` (EU accounts
 * `insights-collector.eu01.nr-data.net`), a license (ingest) key in `Api-Key` (or an insert key in
 * `X-Insert-Key`), a JSON array of flat events `{ eventType, timestamp, …attributes }`, attribute
 * values strings, numbers or booleans; at most 1 MB (compressed) per request; 200 `{ success: true,
 * uuid }`, errors as `{ error }`.
 * Each event is one `eventType` row (a setting, default DataflyEvent) with the event's name in
 * `name` and its plain properties flattened beside it (`properties.order_id`).
 * Unverified: 1,000 events per request (used as the cap); 255-character attribute names.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { CANONICAL_NAMES, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'userId', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymousId', transforms: ['to_string'] },
  { source: 'context.page.url', target: 'pageUrl' },
  { source: 'properties', target: 'properties' },
];

/** Nested objects become dotted attribute names; lists and other values are left out. */
function flatten(value: unknown, prefix: string, out: Record<string, unknown>, depth = 0): void {
  if (!isRecord(value) || depth > 3) return;
  for (const [k, v] of Object.entries(value)) {
    const key = `${prefix}${k}`;
    if (['string', 'number', 'boolean'].includes(typeof v)) out[key] = v;
    else if (isRecord(v)) flatten(v, `${key}.`, out, depth + 1);
  }
}

const hooks: SpecHooks = {
  item(item) {
    const out: Record<string, unknown> = {};
    flatten(item, '', out);
    return out;
  },
};

/** What the registry holds for New Relic. */
export const newRelic = declareVendor(
  {
    id: 'new_relic',
    name: 'New Relic',
    category: 'other',
    description:
      'Observability: every event as a New Relic custom event, to query with NRQL beside your application data.',
    api: 'Event API (/v1/accounts/{id}/events)',
    docs: 'https://docs.newrelic.com/docs/data-apis/ingest-apis/event-api/introduction-event-api/',
    status: 'beta',
    keywords: ['observability', 'nrql', 'custom events', 'monitoring'],
    logo: { pack: 'logos', name: 'new-relic-icon' },
    unverified: ['1,000 events per request', 'attribute name length'],
    test_settings: { account_id: '1234567', license_key: 'test-newrelic-license-key' },
    settings: [
      {
        key: 'account_id',
        label: 'Account ID',
        type: 'string',
        pattern: { regex: '^\\d+$', message: 'the account id is a number' },
        help: 'Your New Relic account id (Administration → Access management).',
      },
      {
        key: 'license_key',
        label: 'License key',
        type: 'secret',
        help: 'An ingest – license key (API keys).',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the account’s data is stored.',
      },
      {
        key: 'event_type',
        label: 'Event type',
        type: 'string',
        required: false,
        default: 'DataflyEvent',
        pattern: { regex: '^[A-Za-z0-9_:]+$', message: 'letters, digits, _ and :' },
        help: 'The eventType rows are stored under (FROM DataflyEvent in NRQL).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://insights-collector.newrelic.com',
        regions: {
          setting: 'region',
          hosts: {
            us: 'https://insights-collector.newrelic.com',
            eu: 'https://insights-collector.eu01.nr-data.net',
          },
        },
        path: '/v1/accounts/{{settings.account_id}}/events',
      },
      auth: { kind: 'api_key', in: 'header', name: 'Api-Key', value: '{{settings.license_key}}' },
      body: { wrapper: '{{items}}' },
      item: {
        fields: {
          eventType: '{{settings.event_type}}',
          name: '{{vendor_event}}',
          eventId: '{{event.event_id}}',
          timestamp: '{{event.timestamp | to_unix_ms}}',
        },
      },
      batching: { max_events: 1000, max_bytes: 1_000_000 },
      rate_limit_rps: 50,
      answer: { error_message: ['error', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'eventType',
          required: true,
          auto: true,
          description: 'The event type (a setting).',
        },
        { path: 'name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'timestamp', required: true, auto: true, description: 'Epoch milliseconds.' },
        { path: 'userId', required: false, description: 'Your user id.' },
        { path: 'anonymousId', required: false, description: 'Anonymous id.' },
        { path: 'pageUrl', required: false, description: 'Page URL.' },
        {
          path: 'properties',
          required: false,
          description: 'Event properties (flattened to properties.*).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(CANONICAL_NAMES),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU data center',
        description: 'Accounts in New Relic’s EU data center.',
        defaults: { region: 'eu' },
      },
    ],
  },
  { hooks },
);
