/**
 * Dotted paths into plain JSON data, compiled once — shared by the mapping engine and the
 * pipeline transformation engine: `properties.revenue`, `properties.products[].sku` (every
 * element → array), `user_data.address[0].city` (index). Only own properties are read, and
 * keys that could reach an object's prototype are refused, so a configured path can never
 * read or pollute one.
 */
import { DataflyError } from '../errors/index.js';

/** One step of a compiled path: a key, an array index, or `[]` = "every element". */
export type PathStep = string | number | { each: true };

type Obj = Record<string | number, unknown>;

const EACH = { each: true } as const;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

class ForbiddenKey extends Error {}

/**
 * Parse a path once so that reading it per event is a tight loop. Throws on a malformed
 * segment or a key reaching a prototype.
 *
 * @example
 * compilePath('properties.products[].sku') // → ['properties', 'products', {each:true}, 'sku']
 */
export function compilePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) throw new Error(`bad path segment "${part}"`);
    if (m[1]) {
      if (FORBIDDEN.has(m[1])) throw new ForbiddenKey(`path segment "${m[1]}" is not allowed`);
      steps.push(m[1]);
    }
    const brackets = m[2] ?? '';
    for (const b of brackets.match(/\[\d*\]/g) ?? []) {
      steps.push(b === '[]' ? EACH : Number(b.slice(1, -1)));
    }
  }
  return steps;
}

const wellFormed = (path: string): boolean =>
  !!path && !path.startsWith('.') && !path.endsWith('.') && !path.includes('..');

/** Is this a syntactically valid, allowed path (`a.b[0].c`, `a.b[].c`)? */
export function isValidPath(path: string): boolean {
  if (!wellFormed(path)) return false;
  try {
    return compilePath(path).length > 0;
  } catch {
    return false;
  }
}

/**
 * Compile a configured path, or fail with a `config_error` naming `field`. `[]` ("every
 * element", read-only) is refused unless `each` allows it.
 *
 * @example parsePath('properties.order.total') // → ['properties', 'order', 'total']
 */
export function parsePath(path: string, field = 'path', opts: { each?: boolean } = {}): PathStep[] {
  let steps: PathStep[] = [];
  try {
    if (wellFormed(path)) steps = compilePath(path);
  } catch (error) {
    if (error instanceof ForbiddenKey)
      throw new DataflyError('config_error', `path "${path}" is not allowed`, { field });
  }
  if (steps.length === 0)
    throw new DataflyError('config_error', `invalid path "${path}"`, { field });
  if (!opts.each && steps.some((s) => typeof s === 'object')) {
    throw new DataflyError('config_error', `path "${path}" cannot contain "[]" here`, { field });
  }
  return steps;
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
    if (typeof cur !== 'object' || !Object.hasOwn(cur, step)) return undefined;
    cur = (cur as Obj)[step];
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

/** Whether the path leads to a defined value. */
export function hasPath(value: unknown, steps: readonly PathStep[]): boolean {
  return readPath(value, steps) !== undefined;
}

/**
 * Write a value at a compiled path, creating objects/arrays on the way (a non-object in the
 * way is replaced; no `[]` steps).
 *
 * @example
 * const o = {}; writePath(o, compilePath('user_data.em'), ['…']); // o = { user_data: { em: ['…'] } }
 */
export function writePath(
  target: Record<string, unknown>,
  steps: readonly PathStep[],
  value: unknown,
): void {
  let cur: Obj = target;
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i]!;
    if (typeof step === 'object') throw new Error('cannot write through "[]"');
    let next = cur[step];
    if (next === null || typeof next !== 'object') {
      next = typeof steps[i + 1] === 'number' ? [] : {};
      cur[step] = next;
    }
    cur = next as Obj;
  }
  const last = steps[steps.length - 1]!;
  if (typeof last === 'object') throw new Error('cannot write through "[]"');
  cur[last] = value;
}

/** Remove the value at a compiled path; returns what was there (`undefined` when absent). */
export function deletePath(target: Record<string, unknown>, steps: readonly PathStep[]): unknown {
  const parent = readPath(target, steps.slice(0, -1));
  const last = steps[steps.length - 1];
  if (!parent || typeof parent !== 'object' || last === undefined || typeof last === 'object')
    return undefined;
  if (!Object.hasOwn(parent, last)) return undefined;
  if (Array.isArray(parent) && typeof last === 'number') return parent.splice(last, 1)[0];
  const old = (parent as Obj)[last];
  delete (parent as Obj)[last];
  return old;
}
