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
import { declareVendor } from '../spec/declared.js';
import { HOOK_EVENT_ITEM, hookEventMapping, hookUrlSettings } from '../spec/hook-url.js';

const HOOK = /^https:\/\/([a-z0-9]+)\.m\.pipedream\.net\/?$/;

const hooks = hookUrlSettings(
  HOOK,
  'a Pipedream endpoint URL (https://<id>.m.pipedream.net)',
  (m, params) => {
    if (!params.endpoint_override) params.endpoint_override = `https://${m[1]}.m.pipedream.net`;
    return `https://${m[1]}.m.pipedream.net/`;
  },
);

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
      item: HOOK_EVENT_ITEM,
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: hookEventMapping,
  },
  { hooks },
);
