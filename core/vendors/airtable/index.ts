/**
 * Airtable records API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18 (P:
 * PostHog's template) and Airtable's Web API reference ("Create records"): `POST
 * https://api.airtable.com/v0/{baseId}/{tableIdOrName}` with `{ records: [{ fields }], typecast }`,
 * a personal access token (scope `data.records:write`) as a Bearer token, at most 10 records per
 * request and 5 requests per second per base (429, then a 30-second wait); errors as `{ error: {
 * type, message } }`. `typecast: true` lets Airtable convert text into the columns' types.
 * Each event is one row: columns Event, Event ID, Timestamp, User ID, Anonymous ID, Email,
 * Properties (JSON text); the mapping can target any other column by its name.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { CANONICAL_NAMES, SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'User ID', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'Anonymous ID', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'Email', transforms: ['id.email'] },
  { source: 'properties', target: 'Properties', transforms: ['json'] },
];

/** What the registry holds for Airtable. */
export const airtable = declareVendor({
  id: 'airtable',
  name: 'Airtable',
  category: 'other',
  description:
    'Spreadsheet-database: each event becomes a row in an Airtable table, for lightweight reporting and team workflows.',
  api: 'Web API: create records',
  docs: 'https://airtable.com/developers/web/api/create-records',
  status: 'beta',
  keywords: ['spreadsheet', 'database', 'no-code', 'rows'],
  logo: { pack: 'logos', name: 'airtable' },
  unverified: ['the 30-second wait after a 429 (Retry-After is honoured when sent)'],
  test_settings: {
    access_token: 'pat-test-airtable',
    base_id: 'appTEST00000000000',
    table: 'Events',
  },
  settings: [
    {
      key: 'access_token',
      label: 'Personal access token',
      type: 'secret',
      help: 'Builder hub → Personal access tokens: a token with data.records:write on the base.',
    },
    {
      key: 'base_id',
      label: 'Base ID',
      type: 'string',
      pattern: { regex: '^app[A-Za-z0-9]+$', message: 'a base id starts with app' },
      help: 'From the base’s URL: airtable.com/appXXXXXXXX/…',
    },
    {
      key: 'table',
      label: 'Table',
      type: 'string',
      pattern: { regex: '^[^/?#]+$', message: 'a table id (tbl…) or name without / ? #' },
      help: 'The table’s id (tbl…, from its URL) or its name.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://api.airtable.com',
      path: '/v0/{{settings.base_id}}/{{settings.table}}',
    },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    body: { wrapper: { records: '{{items}}', typecast: true } },
    item: {
      fields: {
        fields: {
          Event: '{{vendor_event}}',
          'Event ID': '{{event.event_id}}',
          Timestamp: '{{event.timestamp | to_iso8601}}',
        },
      },
      mapped_at: 'fields',
    },
    batching: { max_events: 10 },
    rate_limit_rps: 5,
    answer: { error_message: ['error.message', 'error.type', 'error'] },
  },
  mapping: {
    fields: [
      { path: 'User ID', required: false, description: 'Your user id.' },
      { path: 'Anonymous ID', required: false, description: 'Anonymous id.' },
      { path: 'Email', required: false, description: 'Email.' },
      { path: 'Properties', required: false, description: 'The event’s properties as JSON text.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(CANONICAL_NAMES),
      defaults: { action: 'pass_through' },
    },
  },
});
