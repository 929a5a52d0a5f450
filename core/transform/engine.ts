/**
 * The pipeline transformation engine: ordered declarative steps (filter, set, rename, delete,
 * hash) compiled once per pipeline config into a plain function. No code in configs, no
 * `eval`: conditions are data evaluated here, regular expressions are compiled at load.
 */
import { DataflyError } from '../errors/index.js';
import type { Condition, TransformStep } from '../config-store/types.js';
import type { TraceEntry } from '../topics.js';
import { hashValue } from './hash.js';
import { deleteAt, getAt, hasAt, parsePath, setAt } from './path.js';
import { TransformSteps } from './schema.js';

type Obj = Record<string, unknown>;

export interface TransformResult {
  /** `undefined` when a filter dropped the event. */
  event: Obj | undefined;
  trace: TraceEntry[];
}

export type CompiledTransforms = (event: Obj) => TransformResult;

type Predicate = (event: Obj) => boolean;

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Obj)[k], (b as Obj)[k]));
}

/**
 * Compile a condition into a predicate.
 *
 * @example compileCondition({ path: 'event', in: ['Purchase', 'Lead'] })({ event: 'Lead' }) // → true
 */
export function compileCondition(condition: Condition, field = 'when'): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map((c, i) => compileCondition(c, `${field}.all.${i}`));
    return (e) => parts.every((p) => p(e));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c, i) => compileCondition(c, `${field}.any.${i}`));
    return (e) => parts.some((p) => p(e));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, `${field}.not`);
    return (e) => !inner(e);
  }
  const parts = parsePath(condition.path, `${field}.path`);
  if ('equals' in condition) return (e) => deepEqual(getAt(e, parts), condition.equals);
  if ('in' in condition) return (e) => condition.in.some((v) => deepEqual(getAt(e, parts), v));
  if ('exists' in condition) return (e) => hasAt(e, parts) === condition.exists;
  let re: RegExp;
  try {
    re = new RegExp(condition.matches);
  } catch {
    throw new DataflyError('config_error', `invalid regular expression "${condition.matches}"`, { field: `${field}.matches` });
  }
  return (e) => {
    const v = getAt(e, parts);
    return (typeof v === 'string' || typeof v === 'number') && re.test(String(v));
  };
}

/**
 * Compile a pipeline's transformation steps. Invalid steps are a `config_error` naming the
 * step (`transformations.2.path`), raised at load, never per event.
 *
 * @example
 * const run = compileTransforms([{ op: 'filter', when: { path: 'event', equals: 'debug' }, action: 'drop' }]);
 * run(envelope).event // → undefined for a "debug" event
 */
export function compileTransforms(steps: readonly TransformStep[]): CompiledTransforms {
  const parsed = TransformSteps.safeParse(steps);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataflyError('config_error', `invalid transformation: ${issue.message}`, {
      field: ['transformations', ...issue.path].join('.'),
    });
  }
  const compiled = parsed.data.map((step, i): ((e: Obj, trace: TraceEntry[]) => boolean) => {
    const name = `transform.${i}.${step.op}`;
    const field = `transformations.${i}`;
    switch (step.op) {
      case 'filter': {
        const when = compileCondition(step.when, `${field}.when`);
        return (e, trace) => {
          const hit = when(e);
          const keep = step.action === 'drop' ? !hit : hit;
          trace.push({ step: name, result: keep ? 'kept' : 'dropped' });
          return keep;
        };
      }
      case 'set': {
        const parts = parsePath(step.path, `${field}.path`);
        const when = step.when ? compileCondition(step.when, `${field}.when`) : undefined;
        return (e, trace) => {
          if (when && !when(e)) {
            trace.push({ step: name, result: 'skipped' });
            return true;
          }
          setAt(e, parts, structuredClone(step.value));
          trace.push({ step: name, result: `set ${step.path}` });
          return true;
        };
      }
      case 'rename': {
        const from = parsePath(step.from, `${field}.from`);
        const to = parsePath(step.to, `${field}.to`);
        return (e, trace) => {
          if (!hasAt(e, from)) {
            trace.push({ step: name, result: 'absent' });
            return true;
          }
          setAt(e, to, deleteAt(e, from));
          trace.push({ step: name, result: `${step.from} → ${step.to}` });
          return true;
        };
      }
      case 'delete': {
        const parts = parsePath(step.path, `${field}.path`);
        return (e, trace) => {
          const had = deleteAt(e, parts) !== undefined;
          trace.push({ step: name, result: had ? `deleted ${step.path}` : 'absent' });
          return true;
        };
      }
      case 'hash': {
        const parts = parsePath(step.path, `${field}.path`);
        return (e, trace) => {
          const v = getAt(e, parts);
          if (v === undefined) {
            trace.push({ step: name, result: 'absent' });
            return true;
          }
          setAt(e, parts, hashValue(v));
          trace.push({ step: name, result: `hashed ${step.path}` });
          return true;
        };
      }
    }
  });
  return (event) => {
    const trace: TraceEntry[] = [];
    for (const step of compiled) {
      if (!step(event, trace)) return { event: undefined, trace };
    }
    return { event, trace };
  };
}
