/**
 * Google BigQuery streaming insert as a declaration (docs/vendors/ads-analytics-warehouse.md §9a): `POST {base}/bigquery/v2/
 * projects/{p}/datasets/{d}/tables/{t}/insertAll` with an OAuth2 bearer (service-account JWT, the
 * core `google_service_account` auth), rows `{insertId: event_id, json: {...}}` (≤500 per request,
 * the recommended size; the mapped columns go inside `json`). BigQuery answers 200 with
 * `insertErrors[{index, errors}]` per bad row; with `skipInvalidRows` (default on here) good rows
 * land, otherwise they come back `stopped` and are retried with the same insertId; 403
 * `rateLimitExceeded`/`quotaExceeded` are throttling, `backendError` is retried.
 * BigQuery has no test endpoint: test mode inserts into `{table}{suffix}_test` via `templateSuffix`. The
 * target is a table row, so "fields" are columns: every event is stored under its own name.
 */
import type { MappingRow } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import { optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import {
  FIRST_PORTS_MATCH,
  SOURCES,
  currencyRow,
  firstPortsValue,
  row,
  standardEvents,
  type StandardEvent,
} from '../spec/standard.js';
import {
  BIGQUERY_DEFAULT_SCHEMA,
  BIGQUERY_MAX_BYTES,
  BIGQUERY_SCOPE,
  bigqueryDouble,
} from './double.js';

const BIGQUERY_FIELDS: readonly VendorField[] = Object.keys(BIGQUERY_DEFAULT_SCHEMA).map((c) => ({
  path: c,
  required: c === 'event_id' || c === 'timestamp',
  ...(c === 'event_name' ? { auto: true } : {}),
  description: `${BIGQUERY_DEFAULT_SCHEMA[c]} column`,
}));

const BIGQUERY_GLOBAL: MappingRow[] = [
  row('event_id', 'event_id'),
  row('type', 'type'),
  row('anonymous_id', 'anonymous_id'),
  row('user_id', 'user_id'),
  row('timestamp', 'timestamp', 'to_iso8601'),
  row('received_at', 'received_at', 'to_iso8601'),
  row('pipeline_id', 'source.pipeline_id'),
  row('page_url', 'context.page.url'),
  row('properties', 'properties', 'json'),
  row('traits', 'traits', 'json'),
  row('context', 'context', 'json'),
];

function rows(e: StandardEvent): MappingRow[] {
  switch (e) {
    case 'add_to_cart':
      return [
        row('product_id', SOURCES.product_id, 'to_string'),
        firstPortsValue(e, 'value'),
        currencyRow('currency'),
      ];
    case 'purchase':
      return [
        row('order_id', SOURCES.order_id, 'to_string'),
        firstPortsValue(e, 'revenue'),
        currencyRow('currency'),
      ];
    case 'lead':
      return [firstPortsValue(e, 'value'), currencyRow('currency')];
    default: // page_view
      return [row('page_title', 'context.page.title')];
  }
}
const ERROR_REASONS = 'error.errors[].reason';
const NAME = { regex: '^[A-Za-z0-9_-]{1,1024}$', message: 'letters, digits, _ and - only' };

export const bigqueryDeclaration: VendorDeclaration = {
  id: 'bigquery',
  name: 'Google BigQuery',
  category: 'cloud_storage',
  description: 'Every event as a row in your BigQuery table, streamed within seconds.',
  api: 'tabledata.insertAll',
  docs: 'https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll',
  status: 'ga',
  test_settings: {
    project_id: 'e2e-project',
    dataset_id: 'signal',
    table_id: 'events',
    service_account_json: {
      client_email: 'signal@test.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n',
    },
  },
  logo: { pack: 'simple-icons', name: 'googlebigquery' },
  settings: [
    setting('project_id', 'Project ID', 'string', 'Google Cloud project that holds the dataset.', {
      pattern: {
        regex: '^[a-z][a-z0-9.:-]{4,62}[a-z0-9]$',
        message: 'must be a Google Cloud project id',
      },
    }),
    setting('dataset_id', 'Dataset ID', 'string', 'BigQuery dataset.', { pattern: NAME }),
    setting('table_id', 'Table ID', 'string', 'Table whose schema the rows match.', {
      pattern: NAME,
    }),
    setting(
      'service_account_json',
      'Service account key',
      'secret',
      'JSON key of a service account with bigquery.tables.updateData on the table.',
      { json: true },
    ),
    optional(
      'skip_invalid_rows',
      'Skip invalid rows',
      'boolean',
      'Insert the valid rows of a request even when some rows are invalid.',
      { default: true },
    ),
    optional(
      'ignore_unknown_values',
      'Ignore unknown values',
      'boolean',
      'Drop fields the table does not have instead of rejecting the row.',
      { default: false },
    ),
    optional(
      'template_suffix',
      'Template suffix',
      'string',
      'Insert into {table}{suffix}, created from the base table schema.',
      { pattern: { regex: '^[A-Za-z0-9_]{1,100}$', message: 'letters, digits and _ only' } },
    ),
  ],
  spec: {
    endpoint: {
      base_url: 'https://bigquery.googleapis.com',
      path: '/bigquery/v2/projects/{{settings.project_id}}/datasets/{{settings.dataset_id}}/tables/{{settings.table_id}}/insertAll',
      // `test_table_suffix` is the template suffix followed by `_test` (the settings hook below).
      test_mode: { body: { templateSuffix: '{{settings.test_table_suffix}}' } },
    },
    auth: {
      kind: 'google_service_account',
      key: '{{settings.service_account_json}}',
      scopes: [BIGQUERY_SCOPE],
    },
    body: {
      wrapper: {
        skipInvalidRows: '{{settings.skip_invalid_rows}}',
        ignoreUnknownValues: '{{settings.ignore_unknown_values}}',
        templateSuffix: '{{settings.template_suffix}}',
        rows: '{{items}}',
      },
    },
    item: {
      fields: { insertId: '{{event.event_id}}', json: { event_name: '{{vendor_event}}' } },
      mapped_at: 'json',
    },
    batching: { max_events: 500, max_bytes: BIGQUERY_MAX_BYTES },
    rate_limit_rps: 50,
    answer: {
      reason: [
        'HTTP {{status}} {{body.error.errors.0.reason}}: {{body.error.message}}',
        'HTTP {{status}} {{body.error.errors.0.reason}}',
      ],
      // A bad row fails; `stopped` rows (valid, held back by it) are retried with the same insertId.
      rows: {
        in: 'success',
        list: 'insertErrors',
        index: 'index',
        reason: [
          '{{row.errors.0.reason}} at {{row.errors.0.location}}: {{row.errors.0.message}}',
          '{{row.errors.0.reason}}: {{row.errors.0.message}}',
          'invalid: {{row.errors.0.message}}',
        ],
        retry_if: {
          path: 'errors.0.reason',
          values: ['stopped'],
          reason: 'stopped: another row in the request was invalid',
        },
      },
      // `quotaExceeded` is a long-term quota: wait ten minutes (docs/vendors/ads-analytics-warehouse.md §9).
      body_codes: [
        { path: ERROR_REASONS, values: ['quotaExceeded'], outcome: 'throttle', wait_ms: 600_000 },
        { path: ERROR_REASONS, values: ['rateLimitExceeded'], outcome: 'throttle' },
        { path: ERROR_REASONS, values: ['backendError'], outcome: 'retry' },
      ],
    },
  },
  mapping: {
    fields: BIGQUERY_FIELDS,
    defaults: {
      global: BIGQUERY_GLOBAL,
      events: standardEvents(
        { page_view: 'page_view', add_to_cart: 'add_to_cart', purchase: 'purchase', lead: 'lead' },
        rows,
        FIRST_PORTS_MATCH,
      ),
      defaults: { action: 'pass_through' },
    },
  },
};

export const bigquery = declareVendor(bigqueryDeclaration, {
  hooks: {
    settings(params) {
      const suffix = typeof params.template_suffix === 'string' ? params.template_suffix : '';
      params.test_table_suffix = `${suffix}_test`;
    },
  },
  double: bigqueryDouble,
});
