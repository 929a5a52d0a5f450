/**
 * Salesforce Data Cloud (Data 360) Ingestion API, streaming pattern, declared. Facts from
 * Salesforce's Data Cloud developer guide (Ingestion API, "Streaming Ingestion Walkthrough",
 * "Create a Connected App for Data 360 Ingestion API", the token-exchange sample):
 * - `POST https://{tenant}.c360a.salesforce.com/api/v1/ingest/sources/{connector}/{object}` with
 *   `{ data: [records] }`, each record matching the object's schema the admin uploaded (OpenAPI YAML);
 *   the payload must be under 200 KB; records are processed asynchronously.
 * - Auth: a Data Cloud access token as a Bearer token. It is obtained in two steps: a Salesforce
 *   access token from the org's `/services/oauth2/token` (connected app with the `cdp_ingest_api`,
 *   `api` and `refresh_token` scopes: refresh-token or client-credentials grant), exchanged at the
 *   org's `/services/a360/token` (`grant_type=urn:salesforce:grant-type:external:cdp`). The spec's
 *   token auth cannot chain the exchange, so this folder's `authorize` does both steps on the
 *   customer's My Domain; an already-exchanged token can be given instead.
 * - The tenant host is per customer, so the settings hook points the endpoint at it (an endpoint
 *   override set by the sandbox or a double still wins).
 * Unverified: the 200-records-per-request cap; the answer shapes (202 `{"accepted":true}`, errors
 * as `{"error"|"message": …}`); whether the exchanged token's lifetime follows `expires_in`.
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor, type DeclaredVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { fetchOAuth2Token } from '../spec/oauth2.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const LOGIN = 'https://login.salesforce.com/services/oauth2/token';
const TENANT = /^(?:https:\/\/)?([A-Za-z0-9-]+\.c360a\.salesforce\.com)\/?$/;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'anonymous_id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'email', transforms: ['trim', 'lowercase'] },
  { source: ['context.page.url', 'properties.url'], target: 'page_url' },
  { source: 'context.ip', target: 'ip_address' },
  { source: 'context.user_agent', target: 'user_agent' },
];

const hooks: SpecHooks = {
  settings(params) {
    const tenant = TENANT.exec(String(params.tenant_endpoint ?? ''))?.[1];
    if (!tenant)
      throw new DataflyError(
        'config_error',
        'tenant_endpoint: not a Data Cloud tenant host (…c360a.salesforce.com)',
        { field: 'parameters.tenant_endpoint' },
      );
    // The tenant host is the endpoint; a sandbox or double override stays in place.
    if (!params.endpoint_override) params.endpoint_override = `https://${tenant}`;
    if (params.access_token) return;
    for (const key of ['my_domain', 'client_id', 'client_secret']) {
      if (!params[key])
        throw new DataflyError('config_error', `${key} is needed when no access token is given`, {
          field: `parameters.${key}`,
        });
    }
  },
};

const declared = declareVendor(
  {
    id: 'salesforce',
    name: 'Salesforce Data Cloud',
    category: 'cdp',
    description:
      'Customer data platform: website events as records of an Ingestion API data stream, for unified profiles and segments in Salesforce.',
    api: 'Data Cloud Ingestion API (streaming)',
    docs: 'https://developer.salesforce.com/docs/data/data-cloud-int/guide/c360-a-ingestion-api.html',
    status: 'ga',
    keywords: ['data 360', 'crm', 'customer 360', 'ingestion api', 'sfdc'],
    logo: { pack: 'logos', name: 'salesforce' },
    unverified: [
      'at most 200 records per streaming request',
      'the answer shapes (202 {"accepted":true}; error bodies)',
      'the Data Cloud token’s lifetime (expires_in of the exchange)',
    ],
    test_settings: {
      tenant_endpoint: 'test1234.c360a.salesforce.com',
      source_name: 'datafly',
      object_name: 'web_event',
      access_token: 'test-data-cloud-token',
    },
    settings: [
      {
        key: 'tenant_endpoint',
        label: 'Tenant specific endpoint',
        type: 'string',
        pattern: {
          regex: TENANT.source,
          message: 'the Tenant Specific Endpoint ends in .c360a.salesforce.com',
        },
        help: 'Data Cloud → Ingestion API → your connector → Integration Guide: “Tenant Specific Endpoint”.',
      },
      {
        key: 'source_name',
        label: 'Ingestion API connector',
        type: 'string',
        help: 'The API name of the Ingestion API connector (the {connector} of the object endpoints).',
      },
      {
        key: 'object_name',
        label: 'Object',
        type: 'string',
        help: 'The object of the connector’s schema the events are written to (a data stream must exist for it).',
      },
      {
        key: 'my_domain',
        label: 'My Domain URL',
        type: 'string',
        required: false,
        pattern: {
          regex: '^https://[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.salesforce\\.com/?$',
          message: 'an https URL on salesforce.com',
        },
        help: 'Your org’s My Domain (https://acme.my.salesforce.com): where tokens are requested.',
      },
      {
        key: 'client_id',
        label: 'Consumer key',
        type: 'string',
        required: false,
        help: 'The connected app’s consumer key (scopes cdp_ingest_api, api, refresh_token).',
      },
      {
        key: 'client_secret',
        label: 'Consumer secret',
        type: 'secret',
        required: false,
        help: 'The connected app’s consumer secret.',
      },
      {
        key: 'refresh_token',
        label: 'Refresh token',
        type: 'secret',
        required: false,
        help: 'A refresh token of the integration user; without one the client-credentials flow is used.',
      },
      {
        key: 'access_token',
        label: 'Data Cloud access token',
        type: 'secret',
        required: false,
        help: 'Only to test with a token already exchanged for Data Cloud; leave empty to use the connected app.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://login.salesforce.com',
        path: '/api/v1/ingest/sources/{{settings.source_name}}/{{settings.object_name}}',
      },
      // The token endpoints here are the generic ones; `authorize` below requests on the org's My Domain and exchanges the token for Data Cloud.
      auth: {
        kind: 'first_of',
        options: [
          { when: ['access_token'], auth: { kind: 'bearer', token: '{{settings.access_token}}' } },
          {
            when: ['refresh_token'],
            auth: {
              kind: 'oauth2_refresh_token',
              token_url: LOGIN,
              client_id: '{{settings.client_id}}',
              client_secret: '{{settings.client_secret}}',
              refresh_token: '{{settings.refresh_token}}',
            },
          },
          {
            when: ['client_id'],
            auth: {
              kind: 'oauth2_client_credentials',
              token_url: LOGIN,
              client_id: '{{settings.client_id}}',
              client_secret: '{{settings.client_secret}}',
            },
          },
        ],
      },
      body: { wrapper: { data: '{{items}}' } },
      item: {
        fields: {
          event_id: '{{event.event_id}}',
          event_type: '{{vendor_event}}',
          event_datetime: '{{event.timestamp | to_iso8601}}',
        },
      },
      batching: { max_events: 200, max_bytes: 200_000 },
      rate_limit_rps: 20,
      answer: { error_message: ['message', 'error.message', 'error', '0.message'] },
    },
    mapping: {
      fields: [
        {
          path: 'event_id',
          required: true,
          auto: true,
          description: 'The event’s id (a primary key in the object’s schema).',
        },
        { path: 'event_type', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'event_datetime',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'user_id', required: false, description: 'Your user id.' },
        { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
        { path: 'email', required: false, description: 'Email (trimmed, lower case).' },
        { path: 'page_url', required: false, description: 'The page’s URL.' },
        { path: 'order_id', required: false, description: 'Order id.' },
        { path: 'value', required: false, requiredFor: ['purchase'], description: 'Order value.' },
        { path: 'currency', required: false, description: 'ISO 4217 currency.' },
        { path: 'product_id', required: false, description: 'Product id.' },
        { path: 'search_query', required: false, description: 'Search terms.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page_view',
            view_item: 'view_item',
            add_to_cart: 'add_to_cart',
            begin_checkout: 'begin_checkout',
            purchase: 'purchase',
            lead: 'lead',
            sign_up: 'sign_up',
            search: 'search',
          },
          (e) =>
            e === 'purchase' || e === 'begin_checkout' || e === 'lead'
              ? [
                  { source: [...SOURCES.order_id], target: 'order_id', transforms: ['to_string'] },
                  { source: [...SOURCES.value], target: 'value', transforms: ['to_number'] },
                  {
                    source: [...SOURCES.currency],
                    target: 'currency',
                    transforms: ['trim', 'uppercase'],
                  },
                ]
              : e === 'view_item' || e === 'add_to_cart'
                ? [
                    {
                      source: [...SOURCES.product_id],
                      target: 'product_id',
                      transforms: ['to_string'],
                    },
                  ]
                : e === 'search'
                  ? [{ source: [...SOURCES.query], target: 'search_query' }]
                  : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The Data Cloud token: a Salesforce token from the org's My Domain (refresh-token grant, else
 * client credentials), exchanged at `/services/a360/token`. A given Data Cloud token needs neither.
 */
async function authorize(
  params: Record<string, unknown>,
  fetcher: typeof fetch,
): Promise<{ token: string; expiresAt: number }> {
  if (params.access_token) return { token: '', expiresAt: Number.MAX_SAFE_INTEGER };
  const domain = str(params.my_domain).replace(/\/+$/, '');
  const form = new URLSearchParams(
    params.refresh_token
      ? { grant_type: 'refresh_token', refresh_token: str(params.refresh_token) }
      : { grant_type: 'client_credentials' },
  );
  form.set('client_id', str(params.client_id));
  form.set('client_secret', str(params.client_secret));
  const core = await fetchOAuth2Token(
    `${domain}/services/oauth2/token`,
    form,
    {},
    fetcher,
    Date.now(),
  );
  const exchange = new URLSearchParams({
    grant_type: 'urn:salesforce:grant-type:external:cdp',
    subject_token: core.token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  });
  const dc = await fetchOAuth2Token(
    `${domain}/services/a360/token`,
    exchange,
    {},
    fetcher,
    Date.now(),
  );
  // Never keep the Data Cloud token longer than the Salesforce token it came from.
  return { token: dc.token, expiresAt: Math.min(dc.expiresAt, core.expiresAt) };
}

/** What the registry holds for Salesforce Data Cloud (its definition's token step replaced, see above). */
export const salesforce: DeclaredVendor = {
  ...declared,
  definition: {
    ...declared.definition,
    authorize: (settings, fetcher) =>
      authorize(settings.params as Record<string, unknown>, fetcher),
  },
};
