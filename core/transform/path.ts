/**
 * Dotted paths into an event (`properties.order.total`, `context.page.url`). Keys that could
 * reach an object's prototype are refused, so a configured path can never pollute one.
 */
import { DataflyError } from '../errors/index.js';

type Obj = Record<string, unknown>;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Split and check a path once (at compile time).
 *
 * @example parsePath('properties.order.total') // → ['properties', 'order', 'total']
 */
export function parsePath(path: string, field = 'path'): string[] {
  const parts = path.split('.');
  if (path.length === 0 || parts.some((p) => p.length === 0)) {
    throw new DataflyError('config_error', `invalid path "${path}"`, { field });
  }
  if (parts.some((p) => FORBIDDEN.has(p))) throw new DataflyError('config_error', `path "${path}" is not allowed`, { field });
  return parts;
}

/** @example getAt({ a: { b: 1 } }, ['a', 'b']) // → 1 */
export function getAt(root: unknown, parts: readonly string[]): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (!isObj(cur) || !Object.hasOwn(cur, p)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Whether the path leads to a defined value. */
export function hasAt(root: unknown, parts: readonly string[]): boolean {
  return getAt(root, parts) !== undefined;
}

/** Set a value, creating intermediate objects (a non-object in the way is replaced). */
export function setAt(root: Obj, parts: readonly string[], value: unknown): void {
  let cur = root;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (!isObj(next)) cur[p] = {};
    cur = cur[p] as Obj;
  }
  cur[parts[parts.length - 1]!] = value;
}

/** Remove a value; returns what was there. */
export function deleteAt(root: Obj, parts: readonly string[]): unknown {
  const parent = getAt(root, parts.slice(0, -1));
  if (!isObj(parent)) return undefined;
  const last = parts[parts.length - 1]!;
  if (!Object.hasOwn(parent, last)) return undefined;
  const old = parent[last];
  delete parent[last];
  return old;
}
