/**
 * Google BigQuery streaming insert (vendor digest §9a): `POST {base}/bigquery/v2/projects/{p}/
 * datasets/{d}/tables/{t}/insertAll` with an OAuth2 bearer (service-account JWT), rows
 * `{insertId: event_id, json: {...}}` (≤500 per request, the recommended size). BigQuery answers
 * 200 with `insertErrors[{index, errors}]` per bad row; with `skipInvalidRows` (default on here)
 * good rows land, otherwise they come back `stopped` and are retried with the same insertId.
 * BigQuery has no test endpoint: test mode inserts into `{table}_test` via `templateSuffix`.
 */
import { z } from 'zod';
import type { Envelope } from '../../event/index.js';
import { chunk, CommonParams, everyEvent, httpVerdict, jsonBody, mapEvents, parseMappedSettings, splitBySize, type MappedSettings } from '../../mapping/index.js';
import { googleCredentials, googleTokens, ServiceAccountSetting } from '../google_ads/oauth.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { bigqueryMapping } from './mapping.js';

export { bigqueryMapping, BIGQUERY_DEFAULT_SCHEMA, BIGQUERY_FIELDS } from './mapping.js';

export const BIGQUERY_BASE_URL = 'https://bigquery.googleapis.com';
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery.insertdata';
export const BIGQUERY_MAX_ROWS = 500;
export const BIGQUERY_MAX_BYTES = 10 * 1024 * 1024;
export const BIGQUERY_DEFAULT_RPS = 50;
/** How long to wait after `quotaExceeded` (a long-term quota; digest says ≥10 min). */
export const QUOTA_EXCEEDED_WAIT_MS = 10 * 60 * 1000;
/** Suffix test mode writes to. */
export const TEST_TABLE_SUFFIX = '_test';

const Name = z.string().regex(/^[A-Za-z0-9_-]{1,1024}$/, 'letters, digits, _ and - only');

/** Integration parameters (catalog entry `bigquery`). */
export const BigQueryParams = CommonParams.extend({
  project_id: z.string().regex(/^[a-z][a-z0-9.:-]{4,62}[a-z0-9]$/, 'must be a Google Cloud project id'),
  dataset_id: Name,
  table_id: Name,
  service_account_json: ServiceAccountSetting,
  skip_invalid_rows: z.boolean().default(true),
  ignore_unknown_values: z.boolean().default(false),
  template_suffix: z.string().regex(/^[A-Za-z0-9_]{1,100}$/).optional(),
});
export type BigQueryParams = z.infer<typeof BigQueryParams>;
export type BigQuerySettings = MappedSettings<BigQueryParams>;

const parseSettings = (config: unknown): BigQuerySettings => parseMappedSettings(config, BigQueryParams, bigqueryMapping);

function format(events: Envelope[], settings: BigQuerySettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const { mapped, skipped } = mapEvents(events, settings.mapping);
  const testMode = settings.testMode || ctx.testMode;
  const suffix = testMode ? `${params.template_suffix ?? ''}${TEST_TABLE_SUFFIX}` : params.template_suffix;
  const base = (params.endpoint_override ?? BIGQUERY_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/bigquery/v2/projects/${encodeURIComponent(params.project_id)}/datasets/${encodeURIComponent(params.dataset_id)}/tables/${encodeURIComponent(params.table_id)}/insertAll`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(ctx.accessToken ? { authorization: `Bearer ${ctx.accessToken}` } : {}) };
  const rows = mapped.map((m) => ({ id: m.event_id, row: { insertId: m.event_id, json: { event_name: m.vendor_event, ...m.fields } } }));
  const build = (batch: readonly (typeof rows)[number][]): string =>
    JSON.stringify({
      skipInvalidRows: params.skip_invalid_rows,
      ignoreUnknownValues: params.ignore_unknown_values,
      ...(suffix ? { templateSuffix: suffix } : {}),
      rows: batch.map((b) => b.row),
    });
  const requests: OutboundRequest[] = [];
  for (const batch of chunk(rows, BIGQUERY_MAX_ROWS)) {
    const { parts, tooBig } = splitBySize(batch, build, BIGQUERY_MAX_BYTES);
    for (const t of tooBig) skipped.push({ event_id: t.id, reason: 'row alone exceeds the 10 MB insertAll request limit' });
    for (const p of parts) requests.push({ method: 'POST', url, headers, body: p.body, event_ids: p.items.map((b) => b.id) });
  }
  return { requests, skipped };
}

const InsertAnswer = z.looseObject({
  insertErrors: z.array(z.looseObject({ index: z.number().int(), errors: z.array(z.looseObject({ reason: z.string().optional(), location: z.string().optional(), message: z.string().optional() })) })).optional(),
});
const BqError = z.looseObject({ error: z.looseObject({ message: z.string().optional(), errors: z.array(z.looseObject({ reason: z.string().optional() })).optional() }) });

/**
 * insertAll answer → per-row outcomes: `insertErrors[index]` fail that row (`stopped` rows are
 * retried); 403 rateLimitExceeded/quotaExceeded are throttling, not auth.
 *
 * @example
 * classifyBigQuery({ status: 200, headers: {}, body: '{"insertErrors":[{"index":1,"errors":[{"reason":"invalid"}]}]}' }, req)
 */
export function classifyBigQuery(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const body = jsonBody(response.body);
  if (response.status >= 200 && response.status < 300) {
    const parsed = InsertAnswer.safeParse(body);
    const errors = new Map((parsed.success ? (parsed.data.insertErrors ?? []) : []).map((e) => [e.index, e.errors]));
    return request.event_ids.map((event_id, i): EventOutcome => {
      const errs = errors.get(i);
      if (!errs) return { event_id, status: 'delivered' };
      const real = errs.find((e) => e.reason !== 'stopped');
      if (!real) return { event_id, status: 'retry', code: 'vendor_server_error', reason: 'stopped: another row in the request was invalid' };
      return { event_id, status: 'failed', code: 'vendor_rejected', reason: `${real.reason ?? 'invalid'}${real.location ? ` at ${real.location}` : ''}: ${real.message ?? ''}`.trim() };
    });
  }
  const err = BqError.safeParse(body);
  const reasons = err.success ? (err.data.error.errors ?? []).map((e) => e.reason) : [];
  const reason = `HTTP ${response.status}${reasons.length ? ` ${reasons.join(',')}` : ''}${err.success && err.data.error.message ? `: ${err.data.error.message}` : ''}`;
  if (reasons.includes('quotaExceeded')) return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason, retryAfterMs: QUOTA_EXCEEDED_WAIT_MS });
  if (reasons.includes('rateLimitExceeded')) return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason });
  if (reasons.includes('backendError')) return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason });
  if (response.status === 404) return everyEvent(request, { status: 'failed', code: 'vendor_rejected', reason });
  return everyEvent(request, httpVerdict(response, reason) ?? { status: 'failed', code: 'vendor_rejected', reason });
}

/**
 * The BigQuery streaming-insert vendor definition.
 *
 * @example
 * const s = bigquery.parseSettings({ project_id: 'my-proj', dataset_id: 'signal', table_id: 'events', service_account_json: keyJson });
 */
export const bigquery: VendorDefinition<BigQuerySettings> = {
  id: 'bigquery',
  mapping: bigqueryMapping,
  parseSettings,
  limits: () => ({ maxBatchEvents: BIGQUERY_MAX_ROWS, maxBatchBytes: BIGQUERY_MAX_BYTES, rateLimitRps: BIGQUERY_DEFAULT_RPS }),
  format,
  classify: classifyBigQuery,
  authorize: (settings, fetcher) => googleTokens.get(googleCredentials(settings.params), BIGQUERY_SCOPE, fetcher),
  secretKeys: ['service_account_json'],
};
