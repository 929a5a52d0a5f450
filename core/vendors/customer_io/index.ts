/**
 * Customer.io Track API v2 batch (`POST https://track.customer.io/api/v2/batch`, EU accounts
 * `track-eu.customer.io`), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,S,P) and Customer.io's Track API v2 reference: HTTP Basic with the workspace's site id and
 * Track API key, `{ batch: [{ type: 'person', action: 'event' | 'page', identifiers: { id } |
 * { email }, name, timestamp (epoch seconds), attributes }] }`, anonymous activity with
 * `anonymous_id` instead of identifiers; at most 500 KB per request and 32 KB per call. EU accounts
 * differ only by the `track-eu` subdomain; the Track API's fair-use limit is 100 requests/s.
 * Unverified: the exact per-request/per-call byte limits and the answer shapes (`{ errors: [...] }`).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'identifiers.id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'identifiers.email', transforms: ['id.email'] },
  { source: 'anonymous_id', target: 'anonymous_id', transforms: ['to_string'] },
  { source: 'properties', target: 'attributes' },
];

const hooks: SpecHooks = {
  // One identifier (the user id wins over the email); with none the call is anonymous. Page views are `page` actions named by their URL.
  item(item, event) {
    const ids = isRecord(item.identifiers) ? item.identifiers : undefined;
    if (ids?.id !== undefined) item.identifiers = { id: ids.id };
    else if (ids?.email !== undefined) item.identifiers = { email: ids.email };
    else delete item.identifiers;
    if (item.identifiers) delete item.anonymous_id;
    if (event.type === 'page') {
      const page = isRecord(event.context.page) ? event.context.page : {};
      const url =
        typeof page.url === 'string'
          ? page.url
          : typeof event.properties.url === 'string'
            ? event.properties.url
            : undefined;
      item.action = 'page';
      if (url) item.name = url;
    }
  },
};

/** What the registry holds for Customer.io. */
export const customerIo = declareVendor(
  {
    id: 'customer_io',
    name: 'Customer.io',
    category: 'cdp',
    description:
      'Messaging automation: events and page views on Customer.io people, for campaigns, segments and broadcasts.',
    api: 'Track API v2 (/api/v2/batch)',
    docs: 'https://docs.customer.io/api/track/#tag/track_v2',
    status: 'beta',
    keywords: ['customerio', 'messaging', 'email', 'campaigns'],
    logo: { pack: 'logos', name: 'customerio-icon' },
    unverified: ['500 KB per request and 32 KB per call', 'the error answer shape'],
    test_settings: { site_id: 'test-site-id', api_key: 'test-track-api-key' },
    settings: [
      {
        key: 'site_id',
        label: 'Site ID',
        type: 'string',
        help: 'The workspace’s Site ID (Settings → API Credentials → Track API keys).',
      },
      {
        key: 'api_key',
        label: 'Track API key',
        type: 'secret',
        help: 'The Track API key paired with the Site ID.',
      },
      {
        key: 'region',
        label: 'Account region',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the account lives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://track.customer.io',
        regions: {
          setting: 'region',
          hosts: { us: 'https://track.customer.io', eu: 'https://track-eu.customer.io' },
        },
        path: '/api/v2/batch',
      },
      auth: { kind: 'basic', username: '{{settings.site_id}}', password: '{{settings.api_key}}' },
      body: { wrapper: { batch: '{{items}}' } },
      item: {
        fields: {
          type: 'person',
          action: 'event',
          name: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_unix_seconds}}',
        },
      },
      eligibility: {
        any_of: [['identifiers.id'], ['identifiers.email'], ['anonymous_id']],
        reason: 'Customer.io needs a user id, an email or an anonymous id',
      },
      batching: { max_events: 100, max_bytes: 500_000 },
      rate_limit_rps: 100,
      answer: { error_message: ['errors.0.message', 'meta.error', 'message'] },
    },
    mapping: {
      fields: [
        { path: 'type', required: true, auto: true, description: 'Always person.' },
        {
          path: 'action',
          required: true,
          auto: true,
          description: 'event, or page for page views.',
        },
        {
          path: 'name',
          required: true,
          auto: true,
          description: 'The event’s name (the URL for page views).',
        },
        { path: 'timestamp', required: true, auto: true, description: 'Epoch seconds.' },
        { path: 'identifiers.id', required: false, description: 'Your user id.' },
        {
          path: 'identifiers.email',
          required: false,
          description: 'Email, when there is no user id.',
        },
        {
          path: 'anonymous_id',
          required: false,
          description: 'Anonymous id, when there is neither.',
        },
        { path: 'attributes', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ ...specEventNames(), page_view: 'page' }),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU region',
        description: 'Accounts in Customer.io’s EU region.',
        defaults: { region: 'eu' },
      },
    ],
  },
  { hooks },
);
