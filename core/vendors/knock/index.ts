/**
 * Knock workflow triggers, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (P: PostHog's template) and Knock's API reference ("Trigger workflow"): `POST
 * https://api.knock.app/v1/workflows/{workflow_key}/trigger` with `{ recipients: [user ids],
 * data }`, the secret API key as a Bearer token, an `Idempotency-Key` header (the event id here);
 * 200 `{ workflow_run_id }`, errors as `{ code, message, status, type }`.
 * The mapping's event name is the workflow key; events without a mapping are dropped (a
 * workflow must exist in Knock for each). Other names are turned into workflow-key form.
 * Unverified: the rate limit (Knock's tier 4, about 1,000 requests/s, assumed lower here).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'recipients', transforms: ['to_string', 'to_array'] },
  { source: 'properties', target: 'data' },
];

/** Where the item carries its workflow key until the body is finished. */
const KEY = '__workflow';

/** Workflow keys: lower case, digits, `-` and `_`. */
const workflowKey = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');

const hooks: SpecHooks = {
  // The workflow key rides on the item for the path (the request's URL reads the first item) and leaves the body.
  item(item, _event, _params, _test, _now, mapped) {
    if (!Array.isArray(item.recipients)) delete item.recipients;
    item[KEY] = workflowKey(mapped.vendor_event);
  },
  body(body) {
    if (!isRecord(body)) return body;
    const { [KEY]: _k, ...rest } = body;
    return rest;
  },
};

/** What the registry holds for Knock. */
export const knock = declareVendor(
  {
    id: 'knock',
    name: 'Knock',
    category: 'cdp',
    description:
      'Notification infrastructure: events trigger Knock workflows (email, in-app, push, SMS, Slack) for the user.',
    api: 'Workflows API (/v1/workflows/{key}/trigger)',
    docs: 'https://docs.knock.app/reference#trigger-workflow',
    status: 'beta',
    keywords: ['notifications', 'workflows', 'in-app'],
    unverified: ['the rate limit (100 requests/s used)'],
    test_settings: { api_key: 'sk_test_knock' },
    settings: [
      {
        key: 'api_key',
        label: 'Secret API key',
        type: 'secret',
        help: 'Developers → API keys: the environment’s secret key (sk_…).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.knock.app',
        path: '/v1/workflows/{{item.__workflow}}/trigger',
      },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      headers: { from_event: { 'idempotency-key': '{{event.event_id}}' } },
      eligibility: { any_of: [['recipients']], reason: 'Knock needs a recipient (your user id)' },
      batching: { max_events: 1 },
      rate_limit_rps: 100,
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        {
          path: 'recipients',
          required: false,
          description: 'Recipients’ user ids (your user id by default).',
        },
        { path: 'data', required: false, description: 'Workflow data (event properties).' },
        { path: 'actor', required: false, description: 'Who performed the action.' },
        { path: 'tenant', required: false, description: 'Tenant id.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames('kebab')),
        defaults: { action: 'drop' },
      },
    },
  },
  { hooks, passThroughName: workflowKey },
);
