/**
 * Datadog Logs intake (HTTP API v2), declared. Catalog evidence U
 * (docs/vendors/more-vendors-and-catalog.md §18: server API not confirmed), so the facts below are
 * all listed as unverified: `POST https://http-intake.logs.{site}/api/v2/logs` (sites
 * datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com,
 * ddog-gov.com), the API key in the `DD-API-KEY` header, a JSON array of logs `{ ddsource, ddtags,
 * service, hostname, message, … attributes }`; at most 1,000 logs and 5 MB per request, 1 MB per
 * log; 202 on acceptance. Each event is one log whose message is the event's name and whose
 * attributes are the event.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { CANONICAL_NAMES, standardEvents } from '../spec/standard.js';

const SITES = {
  us1: 'https://http-intake.logs.datadoghq.com',
  us3: 'https://http-intake.logs.us3.datadoghq.com',
  us5: 'https://http-intake.logs.us5.datadoghq.com',
  eu1: 'https://http-intake.logs.datadoghq.eu',
  ap1: 'https://http-intake.logs.ap1.datadoghq.com',
  us1_fed: 'https://http-intake.logs.ddog-gov.com',
};

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'usr.id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: 'context.ip', target: 'network.client.ip' },
  { source: 'context.user_agent', target: 'http.useragent' },
  { source: 'context.page.url', target: 'http.url' },
  { source: 'properties', target: 'properties' },
];

/** What the registry holds for Datadog. */
export const datadog = declareVendor({
  id: 'datadog',
  name: 'Datadog',
  category: 'other',
  description:
    'Monitoring and observability: every event as a Datadog log, for dashboards, monitors and alerting on business events.',
  api: 'Logs intake API v2 (/api/v2/logs)',
  docs: 'https://docs.datadoghq.com/api/latest/logs/#send-logs',
  status: 'beta',
  keywords: ['logs', 'monitoring', 'observability', 'dashboards'],
  logo: { pack: 'logos', name: 'datadog-icon' },
  unverified: [
    'the logs intake path and hosts per site',
    'the DD-API-KEY header',
    'at most 1,000 logs and 5 MB per request',
    '202 on acceptance',
  ],
  test_settings: { api_key: 'test-datadog-api-key', site: 'us1' },
  settings: [
    { key: 'api_key', label: 'API key', type: 'secret', help: 'Organization settings → API keys.' },
    {
      key: 'site',
      label: 'Site',
      type: 'select',
      options: Object.keys(SITES),
      default: 'us1',
      help: 'Your Datadog site (the app URL: app.datadoghq.com → us1, app.datadoghq.eu → eu1…).',
    },
    {
      key: 'service',
      label: 'Service',
      type: 'string',
      required: false,
      default: 'datafly-signal',
      help: 'The service the logs are tagged with.',
    },
    {
      key: 'tags',
      label: 'Tags',
      type: 'string',
      required: false,
      help: 'Extra tags, comma separated (env:prod,team:web).',
    },
  ],
  spec: {
    endpoint: {
      base_url: SITES.us1,
      regions: { setting: 'site', hosts: SITES },
      path: '/api/v2/logs',
    },
    auth: { kind: 'api_key', in: 'header', name: 'DD-API-KEY', value: '{{settings.api_key}}' },
    body: { wrapper: '{{items}}' },
    item: {
      fields: {
        ddsource: 'datafly',
        service: '{{settings.service}}',
        ddtags: '{{settings.tags}}',
        message: '{{vendor_event}}',
        event_id: '{{event.event_id}}',
        timestamp: '{{event.timestamp | to_unix_ms}}',
      },
    },
    batching: { max_events: 1000, max_bytes: 5_000_000 },
    rate_limit_rps: 50,
    answer: { error_message: ['errors.0.detail', 'errors.0', 'message'] },
  },
  mapping: {
    fields: [
      { path: 'message', required: true, auto: true, description: 'The event’s name.' },
      { path: 'service', required: false, auto: true, description: 'The service tag.' },
      { path: 'usr.id', required: false, description: 'Your user id (Datadog’s user attribute).' },
      { path: 'network.client.ip', required: false, description: 'The visitor’s IP address.' },
      { path: 'http.useragent', required: false, description: 'User agent.' },
      { path: 'http.url', required: false, description: 'Page URL.' },
      { path: 'properties', required: false, description: 'Event properties.' },
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
      name: 'EU site',
      description: 'Organisations on datadoghq.eu.',
      defaults: { site: 'eu1' },
    },
  ],
});
