/**
 * Hostile-shape checks on parsed JSON, shared by the edge (events) and admin (request bodies).
 * The walk is iterative, so a value nested deeper than the JavaScript stack allows is measured
 * and refused instead of overflowing a recursive consumer (zod, JSON.stringify, a driver) later.
 * The limits are documented in docs/security.md.
 */

/**
 * A plain JSON object (not an array, not null): the one such check in the code base.
 *
 * @example isRecord({ a: 1 }) // → true; isRecord([1]) // → false
 */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The deepest nesting of objects and arrays accepted in one event or admin body. */
export const MAX_JSON_DEPTH = 64;

interface JsonProblem {
  /** Dotted path of the offending value (`properties.deep.0.0`), or `(body)` at the root. */
  field: string;
  message: string;
}

interface JsonCheckOptions {
  /** Deepest nesting accepted: the root object is depth 1. Default `MAX_JSON_DEPTH`. */
  maxDepth?: number;
  /** Refuse NUL characters (U+0000) in strings and keys: PostgreSQL text and jsonb cannot hold them. */
  noNul?: boolean;
  /** Path prefix for the field names (`batch[3].`). */
  prefix?: string;
}

const MAX_FIELD_CHARS = 200;

function fieldName(prefix: string, path: readonly (string | number)[]): string {
  if (path.length === 0) return prefix.replace(/\.$/, '') || '(body)';
  const name = prefix + path.map(String).join('.');
  return name.length > MAX_FIELD_CHARS ? `${name.slice(0, MAX_FIELD_CHARS)}…` : name;
}

/** A container's place in the value: its key and its parent's place (none for the root). */
interface Place {
  key: string | number;
  up: Place | undefined;
}

const pathOf = (place: Place | undefined): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let p = place; p; p = p.up) path.push(p.key);
  return path.reverse();
};

/**
 * The first problem in `value` (too deep, or a NUL character when `noNul`), or `null`.
 *
 * @example checkJson({ properties: { a: [[[]]] } }, { maxDepth: 3 }) // → { field: 'properties.a.0', message: 'nests deeper than 3 levels' }
 * @example checkJson({ name: 'a\u0000b' }, { noNul: true }) // → { field: 'name', message: 'contains a NUL character (U+0000)' }
 */
export function checkJson(value: unknown, options: JsonCheckOptions = {}): JsonProblem | null {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const prefix = options.prefix ?? '';
  const nul = options.noNul === true;
  // Parallel stacks, one entry per value still to look at: the value, its parent's place, its
  // key in the parent (none for the root) and how many containers enclose it. A place is made
  // only for the containers opened, and a path only for the problem reported. Values that can
  // hold no problem (numbers, booleans, null; strings unless NULs are refused) are not pushed.
  const values: unknown[] = [value];
  const parents: (Place | undefined)[] = [undefined];
  const keys: (string | number | undefined)[] = [undefined];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const parent = parents.pop();
    const key = keys.pop();
    const depth = depths.pop()!;
    const place: Place | undefined = key === undefined ? undefined : { key, up: parent };
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        return {
          field: fieldName(prefix, pathOf(place)),
          message: 'contains a NUL character (U+0000)',
        };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > maxDepth)
      return {
        field: fieldName(prefix, pathOf(place)),
        message: `nests deeper than ${maxDepth} levels`,
      };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const child: unknown = v[i];
        if ((typeof child === 'object' && child !== null) || (nul && typeof child === 'string')) {
          values.push(child);
          parents.push(place);
          keys.push(i);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const names = Object.keys(v);
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      if (nul && name.includes('\u0000'))
        return {
          field: fieldName(prefix, [...pathOf(place), name.replaceAll('\u0000', '\\u0000')]),
          message: 'has a key with a NUL character (U+0000)',
        };
      const child: unknown = (v as Record<string, unknown>)[name];
      if ((typeof child === 'object' && child !== null) || (nul && typeof child === 'string')) {
        values.push(child);
        parents.push(place);
        keys.push(name);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}

const encoder = new TextEncoder();

/**
 * The UTF-8 size of `text` when it is over `limit` bytes, otherwise `null`. Bytes are only
 * counted when the length cannot decide: one UTF-16 unit is one to three UTF-8 bytes.
 *
 * @example utf8SizeOver(JSON.stringify(event), 32 * 1024) // → null (a small event)
 * @example utf8SizeOver('€€', 5) // → 6
 */
export function utf8SizeOver(text: string, limit: number): number | null {
  if (text.length * 3 <= limit) return null;
  const size = encoder.encode(text).byteLength;
  return size > limit ? size : null;
}
