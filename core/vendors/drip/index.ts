/**
 * Drip event batches, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18 (R,S)
 * and Drip's REST API reference ("Record a batch of events"): `POST
 * https://api.getdrip.com/v2/{account_id}/events/batches` with `{ batches: [{ events: [{ email,
 * action, properties, occurred_at (ISO-8601) }] }] }`, at most 1,000 events per batch, HTTP Basic
 * with the API token as user and an empty password, a `User-Agent` naming the integration; 201 on
 * success, errors as `{ errors: [{ code, message }] }`; 3,600 requests per hour per account.
 * The generic double reads items at one path of objects, so this folder's double looks into
 * the one batch (`batches[0].events`) before the generic checks.
 * Unverified: whether subscribers are created by an event for an unknown email (Drip's docs say yes).
 */
import type { RecordedRequest } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import { specDouble, type SpecDouble } from '../spec/double.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'email', transforms: ['id.email'] },
  { source: 'properties', target: 'properties' },
];

const declaration: VendorDeclaration = {
  id: 'drip',
  name: 'Drip',
  category: 'cdp',
  description:
    'Ecommerce email marketing: custom events on Drip subscribers, to start workflows and segment shoppers.',
  api: 'Events API (/v2/{account_id}/events/batches)',
  docs: 'https://developer.drip.com/#record-a-batch-of-events',
  status: 'beta',
  keywords: ['email marketing', 'ecommerce', 'workflows'],
  logo: { pack: 'logos', name: 'drip' },
  unverified: ['events for unknown emails creating subscribers'],
  test_settings: { account_id: '1234567', api_token: 'test-drip-token' },
  settings: [
    {
      key: 'account_id',
      label: 'Account ID',
      type: 'string',
      pattern: { regex: '^\\d+$', message: 'the account id is a number' },
      help: 'Settings → General Info: the Account ID.',
    },
    { key: 'api_token', label: 'API token', type: 'secret', help: 'User settings → API Token.' },
  ],
  spec: {
    endpoint: {
      base_url: 'https://api.getdrip.com',
      path: '/v2/{{settings.account_id}}/events/batches',
    },
    auth: { kind: 'basic', username: '{{settings.api_token}}', password: '' },
    headers: { static: { 'user-agent': 'Datafly Signal (datafly.io)' } },
    body: { wrapper: { batches: [{ events: '{{items}}' }] } },
    item: {
      fields: { action: '{{vendor_event}}', occurred_at: '{{event.timestamp | to_iso8601}}' },
    },
    eligibility: { any_of: [['email']], reason: 'Drip needs the subscriber’s email' },
    batching: { max_events: 1000 },
    rate_limit_rps: 1,
    answer: { error_message: ['errors.0.message', 'message'] },
  },
  mapping: {
    fields: [
      { path: 'action', required: true, auto: true, description: 'The event’s name.' },
      {
        path: 'occurred_at',
        required: true,
        auto: true,
        description: 'When it happened (ISO-8601).',
      },
      { path: 'email', required: false, description: 'The subscriber’s email.' },
      { path: 'properties', required: false, description: 'Event properties.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents({
        page_view: 'Viewed a page',
        view_item: 'Viewed a product',
        add_to_cart: 'Added a product to cart',
        begin_checkout: 'Started checkout',
        purchase: 'Placed an order',
        lead: 'Submitted a form',
        sign_up: 'Signed up',
        search: 'Searched products',
      }),
      defaults: { action: 'pass_through' },
    },
  },
};

/** The generic double, shown the one batch's events where it looks for items. */
function dripDouble(): SpecDouble {
  const base = specDouble({
    ...declaration,
    spec: { ...declaration.spec, body: { wrapper: { events: '{{items}}' } } },
  });
  return {
    check(req: RecordedRequest) {
      const batches =
        isRecord(req.json) && Array.isArray(req.json.batches) ? req.json.batches : undefined;
      if (!batches || batches.length !== 1 || !isRecord(batches[0]))
        return {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            errors: [{ code: 'invalid', message: 'batches must hold one batch' }],
          }),
        };
      return base.check({ ...req, json: { events: batches[0].events } });
    },
    inBodyProblems: base.inBodyProblems,
  };
}

/** What the registry holds for Drip. */
export const drip = declareVendor(declaration, { double: dripDouble() });
