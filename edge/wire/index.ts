/**
 * The compact wire form Datafly.js may use to save bytes. Canonical field names
 * (docs/design.md envelope: `event`, `user_id`, `properties`, `context`, …) are ALWAYS accepted on
 * every endpoint; the compact form is opt-in per event with `"w":1` and only adds short aliases.
 * See edge/wire/README.md for the table and examples.
 *
 * Decoding rules (w = 1):
 * - a short key is renamed to its canonical name unless the canonical name is also present
 *   (then the canonical value wins and the short key is dropped);
 * - `ts` / `sa` may be epoch milliseconds (number) instead of ISO strings;
 * - `y` is the type, as a letter (`t|p|i|g`) or a full name (only needed in batches; the
 *   `/v1/t|p|i|g` path sets the type otherwise);
 * - page and client shorthands (`url`, `ref`, `ti`, `pa`, `se`, `lo`, `tz`, `sc`, `cs`, `lib`)
 *   fill `context.page.*` and `context.*` unless `context` already has the field;
 * - any other key passes through unchanged (unknown fields are kept, as in the envelope).
 * Events without `"w":1` are returned as they are.
 */
import { isRecord } from '../../core/json/index.js';

/** The wire form's version marker value. */
const WIRE_VERSION = 1;

/** Short key → canonical top-level field. */
const WIRE_KEYS: Readonly<Record<string, string>> = {
  id: 'event_id',
  y: 'type',
  e: 'event',
  n: 'name',
  a: 'anonymous_id',
  u: 'user_id',
  g: 'group_id',
  ts: 'timestamp',
  sa: 'sent_at',
  p: 'properties',
  tr: 'traits',
  c: 'context',
};

/** Short key → `context.page` field. */
const WIRE_PAGE_KEYS: Readonly<Record<string, string>> = {
  url: 'url',
  ref: 'referrer',
  ti: 'title',
  pa: 'path',
  se: 'search',
};

/** Short key → `context` field. */
const WIRE_CONTEXT_KEYS: Readonly<Record<string, string>> = {
  lo: 'locale',
  tz: 'timezone',
  sc: 'screen',
  cs: 'consent',
  lib: 'library',
};

/** Type letters (`y`, and the `/v1/{letter}` paths). */
export const TYPE_LETTERS: Readonly<Record<string, 'track' | 'page' | 'identify' | 'group'>> = {
  t: 'track',
  p: 'page',
  i: 'identify',
  g: 'group',
};

type Obj = Record<string, unknown>;

const toIso = (v: unknown): unknown =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v).toISOString() : v;

function screen(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const [width, height, density] = v as unknown[];
  return { width, height, ...(density === undefined ? {} : { density }) };
}

function library(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const at = v.lastIndexOf('@');
  return at > 0 ? { name: v.slice(0, at), version: v.slice(at + 1) } : { name: v };
}

const CONTEXT_CONVERT: Readonly<Record<string, (v: unknown) => unknown>> = { screen, library };

/**
 * Decode one event from the compact wire form into canonical field names.
 *
 * @example decodeWire({ w: 1, e: 'Signup', p: { plan: 'pro' }, url: 'https://x.example/?gclid=1', ts: 1767225600000 })
 *   // → { event: 'Signup', properties: { plan: 'pro' }, timestamp: '2026-01-01T00:00:00.000Z',
 *   //     context: { page: { url: 'https://x.example/?gclid=1' } } }
 */
export function decodeWire(raw: unknown): unknown {
  if (!isRecord(raw) || raw.w !== WIRE_VERSION) return raw;
  const out: Obj = {};
  const page: Obj = {};
  const ctx: Obj = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'w') continue;
    const canonical = WIRE_KEYS[k];
    if (canonical !== undefined) {
      if (!(canonical in raw)) out[canonical] = v;
    } else if (WIRE_PAGE_KEYS[k] !== undefined) {
      page[WIRE_PAGE_KEYS[k]] = v;
    } else if (WIRE_CONTEXT_KEYS[k] !== undefined) {
      const name = WIRE_CONTEXT_KEYS[k];
      ctx[name] = CONTEXT_CONVERT[name]?.(v) ?? v;
    } else {
      out[k] = v;
    }
  }
  if (typeof out.type === 'string' && TYPE_LETTERS[out.type]) out.type = TYPE_LETTERS[out.type];
  out.timestamp = toIso(out.timestamp);
  out.sent_at = toIso(out.sent_at);
  if (out.timestamp === undefined) delete out.timestamp;
  if (out.sent_at === undefined) delete out.sent_at;
  if (Object.keys(page).length || Object.keys(ctx).length) {
    if (out.context !== undefined && !isRecord(out.context)) return out; // validation names the bad context
    const context: Obj = { ...ctx, ...((out.context as Obj | undefined) ?? {}) };
    if (Object.keys(page).length) {
      const existing = context.page;
      context.page = isRecord(existing) ? { ...page, ...existing } : (existing ?? page);
    }
    out.context = context;
  }
  return out;
}
