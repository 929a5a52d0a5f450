/**
 * Delivery Spec templates, compiled once per integration: `{{settings.pixel_id}}`,
 * `{{event.timestamp | to_unix_seconds}}`, `{{vendor_event}}`. A template that is a single
 * `{{ref}}` returns the value with its type (a number stays a number, `items` stays an array);
 * anything else is string interpolation, where a missing value makes the whole result missing.
 */
import { DataflyError } from '../../errors/index.js';
import { compilePath, readPath, type PathStep } from '../../path/index.js';
import { builtinTransforms, type TransformDef } from '../../mapping/transforms.js';

/** What a template reads. */
export interface TemplateScope {
  settings: Record<string, unknown>;
  event?: unknown;
  vendor_event?: string;
  fields?: Record<string, unknown>;
  items?: unknown[];
  item?: unknown;
  /** Per request: the batch's idempotent name parts (`id`, `date`, `hour`, `count`), see interpret.ts `batchFacts`. */
  batch?: { id: string; date: string; hour: string; count: number };
  /** In `answer.reason`: the HTTP status and the parsed answer. */
  status?: number;
  body?: unknown;
  /** In `answer.reason`: the answer's text (first 200 characters). */
  text?: string;
  /** In `answer.rows.reason`: the problem naming the event. */
  row?: unknown;
}

export type Compiled = (scope: TemplateScope) => unknown;

const ROOTS = new Set([
  'settings',
  'event',
  'vendor_event',
  'fields',
  'items',
  'item',
  'pipeline_param',
  'status',
  'body',
  'text',
  'batch',
  'row',
]);
const PART = /\{\{\s*([^}]+?)\s*\}\}/g;
const isMissing = (v: unknown): boolean => v === undefined || v === null || v === '';

function compileRef(expr: string, field: string): Compiled {
  const [ref, ...pipes] = expr.split('|').map((s) => s.trim());
  const dot = ref!.indexOf('.');
  const root = dot < 0 ? ref! : ref!.slice(0, dot);
  if (!ROOTS.has(root))
    throw new DataflyError(
      'config_error',
      `${field}: unknown template reference "${ref}" (settings., event., fields., vendor_event, items, item, batch.)`,
      { field },
    );
  // `{{pipeline_param.KEY}}` is resolved from the pipeline's parameters before delivery parses the
  // config (core/params); one still here reads as missing, so a path needing it fails naming itself.
  if (root === 'pipeline_param') return () => undefined;
  const steps: PathStep[] = dot < 0 ? [] : compilePath(ref!.slice(dot + 1));
  const transforms: TransformDef[] = pipes.map((name) => {
    const def = Object.hasOwn(builtinTransforms, name) ? builtinTransforms[name] : undefined;
    if (!def || def.needsArg)
      throw new DataflyError('config_error', `${field}: unknown template transform "${name}"`, {
        field,
      });
    return def;
  });
  return (scope) => {
    let v = readPath((scope as unknown as Record<string, unknown>)[root], steps);
    for (const t of transforms) v = isMissing(v) ? undefined : t.fn(v, undefined);
    return v;
  };
}

/**
 * Compile one template string.
 *
 * @example compileTemplate('/v1/{{settings.id}}/events', 'endpoint.path')({ settings: { id: 7 } }) // → '/v1/7/events'
 */
export function compileTemplate(template: string, field: string): Compiled {
  const whole = /^\{\{\s*([^}]+?)\s*\}\}$/.exec(template);
  if (whole) return compileRef(whole[1]!, field);
  const parts: (string | Compiled)[] = [];
  let last = 0;
  for (const m of template.matchAll(PART)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(compileRef(m[1]!, field));
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (parts.every((p) => typeof p === 'string')) return () => template;
  return (scope) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p(scope);
        if (isMissing(v)) return undefined;
        out += typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
      }
    }
    return out;
  };
}

/**
 * Compile a JSON value whose strings are templates; missing values drop their key.
 *
 * @example compileValue({ a: '{{settings.x}}', b: 1 }, 'item')({ settings: { x: 'y' } }) // → { a: 'y', b: 1 }
 */
export function compileValue(value: unknown, field: string): Compiled {
  if (typeof value === 'string') return compileTemplate(value, field);
  if (Array.isArray(value)) {
    const parts = value.map((v, i) => compileValue(v, `${field}[${i}]`));
    return (scope) => parts.map((p) => p(scope)).filter((v) => v !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => [k, compileValue(v, `${field}.${k}`)] as const,
    );
    return (scope) => {
      const out: Record<string, unknown> = {};
      for (const [k, p] of entries) {
        const v = p(scope);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
  }
  return () => value;
}

/** Percent-encode a query key or value, leaving `:`, `@` and `/` as RFC 3986 allows in a query (GA4's `firebase_app_id=1:123:android:abc`). */
const queryEncode = (s: string): string =>
  encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@').replace(/%2F/gi, '/');

/**
 * Append query parameters to a URL, leaving the parameters it has as they are.
 *
 * @example const u = new URL('https://x/p?a=1'); appendQuery(u, [['id', '1:2']]); u.href // → 'https://x/p?a=1&id=1:2'
 */
export function appendQuery(url: URL, pairs: Iterable<readonly [string, string]>): void {
  let search = url.search;
  for (const [k, v] of pairs) search += `${search ? '&' : '?'}${queryEncode(k)}=${queryEncode(v)}`;
  url.search = search;
}

/**
 * Compile a record of templates (headers, query) into a function giving the present entries as strings.
 *
 * @example compileRecord({ a: '{{settings.x}}' }, 'q')({ settings: {} }) // → []
 */
export function compileRecord(
  record: Readonly<Record<string, string>>,
  field: string,
): (scope: TemplateScope) => [string, string][] {
  const entries = Object.entries(record).map(
    ([k, v]) => [k, compileTemplate(v, `${field}.${k}`)] as const,
  );
  return (scope) => {
    const out: [string, string][] = [];
    for (const [k, p] of entries) {
      const v = p(scope);
      if (!isMissing(v))
        out.push([
          k,
          typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean),
        ]);
    }
    return out;
  };
}
