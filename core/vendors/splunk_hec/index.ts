/**
 * Splunk HTTP Event Collector, declared. Catalog evidence U (docs/vendors/more-vendors-and-catalog.md
 * §18: server API not confirmed), so the facts below are listed as unverified: `POST
 * {HEC URL}/services/collector/event`, the HEC token as `Authorization: Splunk <token>`, events as
 * JSON objects one after the other (one per line here) `{ time (epoch seconds), host, source,
 * sourcetype, index, event }`; answers `{ text, code }` with code 0 for success, 9 when the
 * server is busy (retried), others refusals (4 invalid token, 6 invalid data format, 7 incorrect
 * index…). The HEC URL is per deployment (Splunk Enterprise `https://host:8088`, Splunk Cloud
 * `https://http-inputs-<stack>.splunkcloud.com`), so the settings hook points the endpoint at it
 * (an endpoint override from the sandbox or a double still wins).
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { CANONICAL_NAMES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id' },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: 'properties', target: 'properties' },
  { source: 'context', target: 'context' },
];

const hooks: SpecHooks = {
  settings(params) {
    let url: URL;
    try {
      url = new URL(String(params.hec_url ?? '').trim());
    } catch {
      throw new DataflyError('config_error', 'hec_url: not a URL', { field: 'parameters.hec_url' });
    }
    if (url.protocol !== 'https:' || url.search || url.hash || url.username)
      throw new DataflyError('config_error', 'hec_url: an https URL without query or credentials', {
        field: 'parameters.hec_url',
      });
    // A URL given with the collector path keeps only what comes before it.
    const base =
      `${url.origin}${url.pathname.replace(/\/services\/collector(\/event)?\/?$/, '')}`.replace(
        /\/+$/,
        '',
      );
    if (!params.endpoint_override) params.endpoint_override = base;
  },
};

/** What the registry holds for Splunk HTTP Event Collector. */
export const splunkHec = declareVendor(
  {
    id: 'splunk_hec',
    name: 'Splunk HTTP Event Collector',
    category: 'other',
    description:
      'Log analytics and SIEM: every event indexed in Splunk through the HTTP Event Collector, for searches, dashboards and alerts.',
    api: 'HTTP Event Collector (/services/collector/event)',
    docs: 'https://docs.splunk.com/Documentation/Splunk/latest/Data/HECExamples',
    status: 'beta',
    keywords: ['splunk', 'hec', 'logs', 'siem', 'observability'],
    logo: { pack: 'logos', name: 'splunk' },
    unverified: [
      'the /services/collector/event path',
      'Authorization: Splunk <token>',
      'newline-separated events in one request',
      'the { text, code } answers and their codes',
    ],
    test_settings: {
      hec_url: 'https://splunk.example.com:8088',
      token: '00000000-0000-4000-8000-000000000000',
    },
    settings: [
      {
        key: 'hec_url',
        label: 'HEC URL',
        type: 'string',
        help: 'Your HTTP Event Collector’s base URL (https://splunk.example.com:8088, or https://http-inputs-<stack>.splunkcloud.com).',
      },
      {
        key: 'token',
        label: 'HEC token',
        type: 'secret',
        help: 'Settings → Data inputs → HTTP Event Collector: the token’s value.',
      },
      {
        key: 'index',
        label: 'Index',
        type: 'string',
        required: false,
        help: 'The index to write to (the token’s default when empty).',
      },
      {
        key: 'sourcetype',
        label: 'Source type',
        type: 'string',
        required: false,
        default: '_json',
        help: 'The events’ sourcetype.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://localhost:8088', path: '/services/collector/event' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'Authorization',
        value: '{{settings.token}}',
        prefix: 'Splunk ',
      },
      body: { encoding: 'ndjson' },
      item: {
        fields: {
          time: '{{event.timestamp | to_unix_seconds}}',
          source: 'datafly-signal',
          sourcetype: '{{settings.sourcetype}}',
          index: '{{settings.index}}',
          event: { event: '{{vendor_event}}', event_id: '{{event.event_id}}' },
        },
        mapped_at: 'event',
      },
      batching: { max_events: 500, max_bytes: 1_000_000 },
      rate_limit_rps: 50,
      answer: {
        error_message: ['text'],
        body_codes: [
          { path: 'code', values: [9], outcome: 'retry', label: 'HEC code' },
          {
            path: 'code',
            not_values: [0],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'HEC code',
          },
        ],
      },
    },
    mapping: {
      fields: [
        { path: 'user_id', required: false, description: 'Your user id.' },
        { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        {
          path: 'context',
          required: false,
          description: 'Context: page, ip, user agent, campaign…',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(CANONICAL_NAMES),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
