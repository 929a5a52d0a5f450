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
  // Each entry: a value, its path, and how many containers enclose it (the root has 0).
  const stack: { v: unknown; path: (string | number)[]; depth: number }[] = [
    { v: value, path: [], depth: 0 },
  ];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (nul && v.includes('\u0000'))
        return { field: fieldName(prefix, path), message: 'contains a NUL character (U+0000)' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > maxDepth)
      return { field: fieldName(prefix, path), message: `nests deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (nul && key.includes('\u0000'))
        return {
          field: fieldName(prefix, [...path, key.replaceAll('\u0000', '\\u0000')]),
          message: 'has a key with a NUL character (U+0000)',
        };
      stack.push({
        v: (v as Record<string, unknown>)[key],
        path: [...path, key],
        depth: depth + 1,
      });
    }
  }
  return null;
}
