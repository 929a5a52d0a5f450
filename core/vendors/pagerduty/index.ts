/**
 * PagerDuty Events API v2, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,P) and PagerDuty's Events API v2 docs: `POST https://events.pagerduty.com/v2/enqueue` (EU
 * service regions `events.eu.pagerduty.com`), the integration's routing key in the body, `{
 * routing_key, event_action: 'trigger', dedup_key, payload: { summary (≤ 1,024 characters),
 * source, severity: critical | error | warning | info, timestamp, custom_details } }`; answers 202
 * `{ status: 'success', message, dedup_key }`, 400 `{ status: 'invalid event', message, errors }`,
 * 429 when throttled. The event id is the dedup key, so a retried event never opens a second alert.
 * Website events are not incidents: nothing is mapped by default; map the events that should page
 * someone (a failed payment, a checkout error).
 * Unverified: the EU host; the rate limit (about 120 events per minute per routing key).
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { isRecord } from '../../json/index.js';

const NOT_AN_INCIDENT =
  'a website event is not an incident: map the events that should page someone';
const GLOBAL: MappingRow[] = [{ source: 'properties', target: 'custom_details' }];

const hooks: SpecHooks = {
  item(item) {
    const p = isRecord(item.payload) ? item.payload : undefined;
    if (p && typeof p.summary === 'string') p.summary = p.summary.slice(0, 1024);
  },
};

/** What the registry holds for PagerDuty. */
export const pagerduty = declareVendor(
  {
    id: 'pagerduty',
    name: 'PagerDuty',
    category: 'other',
    description:
      'Incident response: the events you choose (a failed payment, a checkout error) open PagerDuty alerts.',
    api: 'Events API v2 (/v2/enqueue)',
    docs: 'https://developer.pagerduty.com/docs/events-api-v2/trigger-events/',
    status: 'beta',
    keywords: ['alerts', 'incidents', 'on-call', 'monitoring'],
    logo: { pack: 'logos', name: 'pagerduty-icon' },
    unverified: [
      'the EU host events.eu.pagerduty.com',
      'the rate limit (about 2 events/s per routing key)',
    ],
    // A customer maps the events that should page someone; the tests and the sandbox page on an order (as `info`).
    test_settings: {
      routing_key: 'R0000000000000000000000000000000',
      severity: 'info',
      events: {
        purchase: {
          match: ['purchase', 'Order Completed'],
          vendor_event: 'Order completed',
          mappings: [],
        },
      },
    },
    settings: [
      {
        key: 'routing_key',
        label: 'Integration key',
        type: 'secret',
        help: 'The service’s Events API v2 integration key (Service → Integrations).',
      },
      {
        key: 'severity',
        label: 'Severity',
        type: 'select',
        required: false,
        options: ['critical', 'error', 'warning', 'info'],
        default: 'warning',
        help: 'The alerts’ severity.',
      },
      {
        key: 'source',
        label: 'Source',
        type: 'string',
        required: false,
        default: 'Datafly Signal',
        help: 'Shown as the alert’s source.',
      },
      {
        key: 'region',
        label: 'Service region',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'The PagerDuty account’s service region.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://events.pagerduty.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://events.pagerduty.com', eu: 'https://events.eu.pagerduty.com' },
        },
        path: '/v2/enqueue',
      },
      auth: { kind: 'api_key', in: 'body', name: 'routing_key', value: '{{settings.routing_key}}' },
      item: {
        fields: {
          event_action: 'trigger',
          dedup_key: '{{event.event_id}}',
          payload: {
            summary: '{{vendor_event}}',
            source: '{{settings.source}}',
            severity: '{{settings.severity}}',
            timestamp: '{{event.timestamp | to_iso8601}}',
          },
        },
        mapped_at: 'payload',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 2,
      answer: { error_message: ['errors.0', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'custom_details',
          required: false,
          description: 'Details shown on the alert (event properties).',
        },
        { path: 'component', required: false, description: 'The component affected.' },
        { path: 'group', required: false, description: 'A logical group.' },
        { path: 'class', required: false, description: 'The alert’s class.' },
      ],
      defaults: { global: GLOBAL, events: {}, defaults: { action: 'drop' } },
    },
    not_mapped: {
      page_view: NOT_AN_INCIDENT,
      view_item: NOT_AN_INCIDENT,
      add_to_cart: NOT_AN_INCIDENT,
      begin_checkout: NOT_AN_INCIDENT,
      lead: NOT_AN_INCIDENT,
      sign_up: NOT_AN_INCIDENT,
      search: NOT_AN_INCIDENT,
    },
  },
  { hooks },
);
