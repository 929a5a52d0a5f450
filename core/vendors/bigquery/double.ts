/**
 * Local contract double for BigQuery `tabledata.insertAll` (docs/vendors/ads-analytics-warehouse.md §9 "Test double
 * notes"), with Google's token endpoint at `/token`: checks path and bearer, ≤50 000 rows and
 * 10 MB, each row's `json` against a table schema (unknown columns, wrong types), answers 200
 * with `insertErrors` per bad row (other rows `stopped` unless `skipInvalidRows`), dedupes by
 * `insertId` for 60 s, and keeps the inserted rows per table. Built on core/doubles.
 *
 * @example
 * const d = await bigqueryDouble.start();
 * d.tables.get('my-proj.signal.events') // → inserted rows
 */
import { json, type Answer, type RecordedRequest } from '../../doubles/index.js';
import {
  googleApiResponder,
  googleError,
  ownUrlDouble,
  type GoogleDoubleOptions,
  type TokenIssuer,
} from '../spec/google-token-double.js';
import { isRecord } from '../../json/index.js';

/** Facts the declaration (index.ts) and this double share. */
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery.insertdata';
export const BIGQUERY_MAX_BYTES = 10 * 1024 * 1024;
/** Column → BigQuery type of the default table (the declaration's fields, this double's default schema). */
export const BIGQUERY_DEFAULT_SCHEMA: Readonly<
  Record<string, 'STRING' | 'TIMESTAMP' | 'FLOAT' | 'JSON'>
> = {
  event_id: 'STRING',
  event_name: 'STRING',
  type: 'STRING',
  anonymous_id: 'STRING',
  user_id: 'STRING',
  timestamp: 'TIMESTAMP',
  received_at: 'TIMESTAMP',
  pipeline_id: 'STRING',
  page_url: 'STRING',
  page_title: 'STRING',
  properties: 'JSON',
  traits: 'JSON',
  context: 'JSON',
  order_id: 'STRING',
  product_id: 'STRING',
  revenue: 'FLOAT',
  value: 'FLOAT',
  currency: 'STRING',
};

const MAX_ROWS = 50_000;
const DEDUP_MS = 60_000;
const PATH = /^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)\/tables\/([^/]+)\/insertAll$/;

const invalid = (status: number, message: string): Answer =>
  googleError(status, 'INVALID_ARGUMENT', message, { reason: 'invalid' });

function cellProblem(type: string, v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (type === 'STRING')
    return typeof v === 'string' ? undefined : 'Cannot convert value to string.';
  if (type === 'FLOAT')
    return typeof v === 'number' ||
      (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
      ? undefined
      : 'Cannot convert value to floating point.';
  if (type === 'TIMESTAMP')
    return (typeof v === 'string' && !Number.isNaN(Date.parse(v))) || typeof v === 'number'
      ? undefined
      : 'Cannot convert value to timestamp.';
  if (type === 'JSON') {
    if (typeof v !== 'string')
      return isRecord(v) || Array.isArray(v) ? undefined : 'Cannot convert value to JSON.';
    try {
      JSON.parse(v);
      return undefined;
    } catch {
      return 'Cannot convert value to JSON.';
    }
  }
  return undefined;
}

interface BigQueryDoubleOptions extends GoogleDoubleOptions {
  /** Table schema (column → STRING | FLOAT | TIMESTAMP | JSON); default: the vendor's default table. */
  schema?: Readonly<Record<string, string>>;
}

interface BigQueryState {
  issuer: TokenIssuer;
  /** `project.dataset.table{suffix}` → inserted rows. */
  tables: Map<string, Record<string, unknown>[]>;
}

/**
 * The contract as a responder plus its state.
 *
 * @example
 * const { respond, tables } = bigqueryResponder({}, () => baseUrl);
 */
export function bigqueryResponder(
  opts: BigQueryDoubleOptions,
  base: () => string,
): { respond: (req: RecordedRequest) => Answer } & BigQueryState {
  const schema = opts.schema ?? BIGQUERY_DEFAULT_SCHEMA;
  const now = opts.now ?? Date.now;
  const tables = new Map<string, Record<string, unknown>[]>();
  const seen = new Map<string, number>();
  const insertAll = (req: RecordedRequest, m: RegExpExecArray): Answer => {
    if (Buffer.byteLength(req.body) > BIGQUERY_MAX_BYTES)
      return invalid(413, 'Request payload size exceeds the limit');
    const body = req.json;
    if (!isRecord(body) || !Array.isArray(body.rows) || body.rows.length === 0)
      return invalid(400, 'No rows present in the request.');
    if (body.rows.length > MAX_ROWS) return invalid(400, `too many rows (max ${MAX_ROWS})`);
    const rows = body.rows as unknown[];
    const insertErrors: {
      index: number;
      errors: { reason: string; location: string; message: string }[];
    }[] = [];
    const fail = (index: number, location: string, message: string, reason = 'invalid'): void =>
      void insertErrors.push({ index, errors: [{ reason, location, message }] });
    rows.forEach((r, index) => {
      if (!isRecord(r) || !isRecord(r.json)) return fail(index, '', 'row json must be an object');
      for (const [col, v] of Object.entries(r.json)) {
        const type = schema[col];
        if (!type) {
          if (body.ignoreUnknownValues !== true) return fail(index, col, 'no such field.');
          continue;
        }
        const p = cellProblem(type, v);
        if (p) return fail(index, col, p);
      }
    });
    const bad = new Set(insertErrors.map((e) => e.index));
    if (bad.size && body.skipInvalidRows !== true) {
      for (const index of rows.keys()) if (!bad.has(index)) fail(index, '', '', 'stopped');
      insertErrors.sort((a, b) => a.index - b.index);
    } else {
      const key = `${m[1]}.${m[2]}.${m[3]}${typeof body.templateSuffix === 'string' ? body.templateSuffix : ''}`;
      const table = tables.get(key) ?? [];
      rows.forEach((r, index) => {
        if (bad.has(index) || !isRecord(r)) return;
        const id = typeof r.insertId === 'string' ? `${key}|${r.insertId}` : undefined;
        if (id && (seen.get(id) ?? -Infinity) > now() - DEDUP_MS) return;
        if (id) seen.set(id, now());
        table.push(r.json as Record<string, unknown>);
      });
      tables.set(key, table);
    }
    return json(200, {
      kind: 'bigquery#tableDataInsertAllResponse',
      ...(insertErrors.length ? { insertErrors } : {}),
    });
  };
  const api = googleApiResponder(BIGQUERY_SCOPE, PATH, { ...opts, now }, base, insertAll);
  return { ...api, tables };
}

/**
 * The BigQuery double (`/token` beside the API): `check` for the sandbox, `start(opts)` on a random
 * port of its own.
 *
 * @example const d = await bigqueryDouble.start(); // token_uri `${d.url}/token`, endpoint_override d.url
 */
export const bigqueryDouble = ownUrlDouble(bigqueryResponder);
