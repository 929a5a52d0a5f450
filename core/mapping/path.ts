/**
 * Dotted paths into plain JSON data, compiled once: `properties.revenue`,
 * `properties.products[].sku` (every element → array), `user_data.address[0].city` (index).
 */

/** One step of a compiled path: a key, an array index, or `[]` = "every element". */
export type PathStep = string | number | { each: true };

const EACH = { each: true } as const;

/**
 * Parse a path once so that reading it per event is a tight loop.
 *
 * @example
 * compilePath('properties.products[].sku') // → ['properties', 'products', {each:true}, 'sku']
 */
export function compilePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) throw new Error(`bad path segment "${part}"`);
    if (m[1]) steps.push(m[1]);
    const brackets = m[2] ?? '';
    for (const b of brackets.match(/\[\d*\]/g) ?? []) {
      steps.push(b === '[]' ? EACH : Number(b.slice(1, -1)));
    }
  }
  return steps;
}

/** Is this a syntactically valid path (`a.b[0].c`, `a.b[].c`)? */
export function isValidPath(path: string): boolean {
  if (!path || path.startsWith('.') || path.endsWith('.') || path.includes('..')) return false;
  try {
    return compilePath(path).length > 0;
  } catch {
    return false;
  }
}

function readFrom(value: unknown, steps: readonly PathStep[], from: number): unknown {
  let cur = value;
  for (let i = from; i < steps.length; i++) {
    if (cur === null || cur === undefined) return undefined;
    const step = steps[i]!;
    if (typeof step === 'object') {
      if (!Array.isArray(cur)) return undefined;
      const out: unknown[] = [];
      for (const el of cur) {
        const v = readFrom(el, steps, i + 1);
        if (v !== undefined && v !== null) out.push(v);
      }
      return out;
    }
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

/**
 * Read a compiled path; missing parts give `undefined`.
 *
 * @example
 * readPath({ a: [{ b: 1 }, { b: 2 }] }, compilePath('a[].b')) // → [1, 2]
 */
export function readPath(value: unknown, steps: readonly PathStep[]): unknown {
  return readFrom(value, steps, 0);
}

/**
 * Write a value at a compiled path, creating objects/arrays on the way (no `[]` steps).
 *
 * @example
 * const o = {}; writePath(o, compilePath('user_data.em'), ['…']); // o = { user_data: { em: ['…'] } }
 */
export function writePath(target: Record<string, unknown>, steps: readonly PathStep[], value: unknown): void {
  let cur: Record<string | number, unknown> = target;
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i]!;
    if (typeof step === 'object') throw new Error('cannot write through "[]"');
    let next = cur[step];
    if (next === null || typeof next !== 'object') {
      next = typeof steps[i + 1] === 'number' ? [] : {};
      cur[step] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  const last = steps[steps.length - 1]!;
  if (typeof last === 'object') throw new Error('cannot write through "[]"');
  cur[last] = value;
}

/** Remove the value at a compiled path (no-op when absent). */
export function deletePath(target: Record<string, unknown>, steps: readonly PathStep[]): void {
  const parent = readPath(target, steps.slice(0, -1));
  const last = steps[steps.length - 1];
  if (parent && typeof parent === 'object' && last !== undefined && typeof last !== 'object') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<string | number, unknown>)[last];
  }
}
