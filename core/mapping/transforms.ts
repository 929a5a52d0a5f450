/**
 * Value transforms a mapping row may apply, in order. Built-ins here; vendors register their
 * own normalisers (`meta.normalize_phone`, `google.normalize_email`, …) in their definition.
 * A transform returning `undefined` drops the field.
 */
import { hashOnce } from './hash.js';

export type TransformFn = (value: unknown, arg: unknown) => unknown;

/**
 * A named transform. `each` (default) applies it to every element of an array value;
 * `whole` hands it the value as is (e.g. `default`, `to_array`, `first`).
 */
export interface TransformDef {
  fn: TransformFn;
  arrays?: 'each' | 'whole';
  /** Whether it takes a `value` argument (`default`), for config validation. */
  needsArg?: boolean;
  /** Whether it runs even when the value is missing (only `default` does). */
  onMissing?: boolean;
}

export type TransformTable = Readonly<Record<string, TransformDef>>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : undefined;

/** Epoch milliseconds from an ISO-8601 string, a `Date`, or a number (≥1e11 = ms, else s). */
function toEpochMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v >= 1e11 ? v : v * 1000;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v) {
    if (/^\d+(\.\d+)?$/.test(v)) return toEpochMs(Number(v));
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

const def = (fn: TransformFn, extra: Omit<TransformDef, 'fn'> = {}): TransformDef => ({
  fn,
  ...extra,
});

/** The built-in transforms (names are the config vocabulary). */
export const builtinTransforms: TransformTable = {
  lowercase: def((v) => str(v)?.toLowerCase()),
  uppercase: def((v) => str(v)?.toUpperCase()),
  trim: def((v) => str(v)?.trim()),
  sha256: def((v) => {
    const s = str(v);
    return s === undefined || s === '' ? undefined : hashOnce(s);
  }),
  to_unix_seconds: def((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? undefined : Math.floor(ms / 1000);
  }),
  to_unix_ms: def((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? undefined : Math.floor(ms);
  }),
  to_unix_micros: def((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? undefined : Math.floor(ms) * 1000;
  }),
  to_iso8601: def((v) => {
    const ms = toEpochMs(v);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  }),
  to_number: def((v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    if (typeof v === 'string' && v.trim() !== '') {
      const n = Number(v.trim());
      return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
  }),
  to_string: def((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : str(v))),
  to_boolean: def((v) =>
    typeof v === 'boolean'
      ? v
      : v === 'true' || v === 1 || v === '1'
        ? true
        : v === 'false' || v === 0 || v === '0'
          ? false
          : undefined,
  ),
  default: def((v, arg) => (v === undefined || v === null || v === '' ? arg : v), {
    arrays: 'whole',
    needsArg: true,
    onMissing: true,
  }),
  to_array: def((v) => (Array.isArray(v) ? v : [v]), { arrays: 'whole' }),
  first: def((v) => (Array.isArray(v) ? v[0] : v), { arrays: 'whole' }),
  json: def((v) => JSON.stringify(v), { arrays: 'whole' }),
};

/** Every built-in transform name. */
export const BUILTIN_TRANSFORM_NAMES: readonly string[] = Object.keys(builtinTransforms);
