/**
 * Pipedream HTTP sources (HTTP / webhook triggers), declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (R; auth `url_secret`) and Pipedream's docs on HTTP
 * triggers: the secret is the endpoint URL, `https://{endpoint id}.m.pipedream.net`; any JSON
 * `POST` runs the workflow; the default answer is 200 (the workflow may answer itself).
 * The host is the secret part, so the settings hook points the endpoint at it (an endpoint
 * override from the sandbox or a double still wins); the setting is rewritten to the exact URL
 * requested, so logs scrub it whole.
 * Unverified: the rate limit (Pipedream documents about 10 requests/s per endpoint on free plans).
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOOK = /^https:\/\/([a-z0-9]+)\.m\.pipedream\.net\/?$/;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id' },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: 'properties', target: 'properties' },
  { source: 'traits', target: 'traits' },
  { source: 'context', target: 'context' },
];

const hooks: SpecHooks = {
  settings(params) {
    const m = HOOK.exec(String(params.webhook_url ?? '').trim());
    if (!m)
      throw new DataflyError(
        'config_error',
        'webhook_url: not a Pipedream endpoint URL (https://<id>.m.pipedream.net)',
        { field: 'parameters.webhook_url' },
      );
    params.webhook_url = `https://${m[1]}.m.pipedream.net/`;
    if (!params.endpoint_override) params.endpoint_override = `https://${m[1]}.m.pipedream.net`;
  },
};

/** What the registry holds for Pipedream. */
export const pipedream = declareVendor(
  {
    id: 'pipedream',
    name: 'Pipedream',
    category: 'other',
    description:
      'Developer automation: every event runs your Pipedream workflow through its HTTP trigger.',
    api: 'HTTP / webhook trigger',
    docs: 'https://pipedream.com/docs/workflows/building-workflows/triggers#http',
    status: 'beta',
    keywords: ['automation', 'workflows', 'serverless', 'webhook'],
    logo: { pack: 'logos', name: 'pipedream' },
    unverified: ['the rate limit (10 requests/s used)'],
    test_settings: { webhook_url: 'https://eotest0123456789.m.pipedream.net' },
    settings: [
      {
        key: 'webhook_url',
        label: 'Endpoint URL',
        type: 'secret',
        help: 'In the workflow: trigger “New HTTP / Webhook Requests”; copy its unique URL.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://m.pipedream.net', path: '/' },
      auth: { kind: 'none' },
      item: {
        fields: {
          event: '{{vendor_event}}',
          event_id: '{{event.event_id}}',
          type: '{{event.type}}',
          timestamp: '{{event.timestamp}}',
        },
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'event_id', required: true, auto: true, description: 'The event id.' },
        {
          path: 'timestamp',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'user_id', required: false, description: 'Your user id.' },
        { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        { path: 'traits', required: false, description: 'User traits.' },
        {
          path: 'context',
          required: false,
          description: 'Context: page, ip, user agent, campaign…',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'page_view',
          view_item: 'view_item',
          add_to_cart: 'add_to_cart',
          begin_checkout: 'begin_checkout',
          purchase: 'purchase',
          lead: 'lead',
          sign_up: 'sign_up',
          search: 'search',
        }),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
