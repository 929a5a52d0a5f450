/**
 * A fast accept path for zod schemas on the edge's hot path. zod compiles no parser in workerd
 * (code generation is not allowed there), and its interpreter spends more per event than the
 * rest of the envelope's checks together. `fastParser(schema)` compiles the schema's definition
 * once into plain functions that return exactly what `schema.safeParse(value).data` would be
 * (same values, same key order, `__proto__` keys left out) when the value is accepted, and
 * `undefined` when it is not — or when the compiled form cannot tell; the caller then runs zod
 * itself, for the verdict and its issues. Invalid input therefore always gets zod's answer.
 *
 * The supported subset is what the envelope uses: loose objects (`z.looseObject`), optional
 * fields, strings with `min`/`max` length checks and the ISO `datetime` format, numbers
 * without checks, booleans, enums, literals, string-keyed records, `unknown`, and synchronous
 * refinements on objects. A schema using anything else compiles to `null` (zod throughout).
 */
import type { z } from 'zod';

const FAIL: unique symbol = Symbol('fail');
type Parse = (value: unknown) => unknown;

/** Thrown while compiling a schema outside the supported subset. */
class Unsupported extends Error {}

// zod's internal definition, read the way zod's own parsers read it (zod/v4/core/schemas.js).
interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  check?: string;
  format?: string;
  pattern?: RegExp;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  fn?: (value: unknown) => unknown;
  when?: unknown;
  abort?: boolean;
}
interface Schema {
  _zod: {
    def: Def;
    traits: Set<string>;
    values?: Set<unknown>;
    optin?: string;
    optout?: string;
  };
}

function compileString(schema: Schema): Parse {
  const def = schema._zod.def;
  if (def.coerce) throw new Unsupported('coerced string');
  let min = 0;
  let max = Infinity;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = Math.max(min, c.minimum!);
    else if (c.check === 'max_length') max = Math.min(max, c.maximum!);
    else throw new Unsupported(`string check ${c.check}`);
  }
  let pattern: RegExp | undefined;
  if (schema._zod.traits.has('$ZodCheck')) {
    // A string format is a check on itself; only `datetime`, a plain pattern test, is taken.
    if (
      def.check !== 'string_format' ||
      def.format !== 'datetime' ||
      !(def.pattern instanceof RegExp)
    )
      throw new Unsupported(`string format ${def.format}`);
    if (def.pattern.global || def.pattern.sticky) throw new Unsupported('stateful pattern');
    pattern = def.pattern;
  }
  return (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max && (!pattern || pattern.test(v))
      ? v
      : FAIL;
}

/** Synchronous refinements (`.refine`), run on the parsed value as zod runs them. */
function refinements(def: Def): ((value: unknown) => unknown)[] {
  return (def.checks ?? []).map((check) => {
    const c = check._zod.def;
    if (c.check !== 'custom' || typeof c.fn !== 'function' || c.when !== undefined)
      throw new Unsupported(`check ${c.check}`);
    return c.fn;
  });
}

function compileObject(def: Def): Parse {
  if (def.catchall?._zod.def.type !== 'unknown') throw new Unsupported('object that is not loose');
  const shape = def.shape!;
  if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported('symbol keys');
  const fields = Object.keys(shape).map((key) => {
    const field = shape[key]!;
    const { optin, optout } = field._zod;
    const optional = optin === 'optional' && optout === 'optional';
    if (!optional && (optin !== undefined || optout !== undefined))
      throw new Unsupported(`field ${key} with a default`);
    if (key === '__proto__') throw new Unsupported('__proto__ in the shape');
    return { key, optional, parse: compile(field) };
  });
  const known = new Set(fields.map((f) => f.key));
  const refine = refinements(def);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, optional, parse } of fields) {
      if (!(key in input)) {
        if (optional) continue;
        return FAIL;
      }
      const value = parse(input[key]);
      if (value === FAIL) return FAIL;
      out[key] = value;
    }
    // Unknown keys pass through as they are, after the known ones, except `__proto__`.
    for (const key in input) if (!known.has(key) && key !== '__proto__') out[key] = input[key];
    for (const fn of refine) {
      const ok = fn(out);
      if (!ok || ok instanceof Promise) return FAIL;
    }
    return out;
  };
}

function compileRecord(def: Def): Parse {
  const keyDef = def.keyType!._zod.def;
  if (keyDef.type !== 'string' || keyDef.coerce || keyDef.checks?.length || def.checks?.length)
    throw new Unsupported('record keys other than plain strings');
  const parse = compile(def.valueType!);
  return (v) => {
    // Plain objects only; anything zod would have to look at more closely goes to zod.
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    if (Object.getPrototypeOf(v) !== Object.prototype || Object.hasOwn(v, 'constructor'))
      return FAIL;
    // zod reads own enumerable string keys (`Reflect.ownKeys`, non-enumerable ones skipped) and
    // refuses symbol keys: `Object.keys` is the same list, in the same order.
    if (Object.getOwnPropertySymbols(v).length) return FAIL;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (key === '__proto__') continue;
      const value = parse(input[key]);
      if (value === FAIL) return FAIL;
      out[key] = value;
    }
    return out;
  };
}

function compile(schema: Schema): Parse {
  const def = schema._zod.def;
  if (def.type !== 'object' && def.type !== 'string' && def.checks?.length)
    throw new Unsupported(`checks on ${def.type}`);
  switch (def.type) {
    case 'string':
      return compileString(schema);
    case 'number':
      if (def.coerce) throw new Unsupported('coerced number');
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
    case 'boolean':
      if (def.coerce) throw new Unsupported('coerced boolean');
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'unknown':
      return (v) => v;
    case 'enum':
    case 'literal': {
      const values = schema._zod.values!;
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'optional': {
      const inner = def.innerType!;
      if (inner._zod.optin === 'defaulted') throw new Unsupported('optional default');
      const parse = compile(inner);
      return (v) => (v === undefined ? undefined : parse(v));
    }
    case 'object':
      return compileObject(def);
    case 'record':
      return compileRecord(def);
    default:
      throw new Unsupported(def.type);
  }
}

/**
 * The schema's accept path as a plain function, or `null` when the schema uses something this
 * module does not compile. The function returns zod's output for a value zod accepts, or
 * `undefined`: the value is refused, or this path cannot decide — run zod.
 *
 * @example
 * const fast = fastParser(EventInput);
 * const data = fast?.(raw) ?? EventInput.parse(raw);
 */
export function fastParser<T extends z.ZodType>(
  schema: T,
): ((value: unknown) => z.output<T> | undefined) | null {
  let parse: Parse;
  try {
    parse = compile(schema as unknown as Schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return (value) => {
    const out = parse(value);
    return out === FAIL ? undefined : (out as z.output<T>);
  };
}
