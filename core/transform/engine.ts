/**
 * The pipeline transformation engine: ordered declarative steps (filter, set, rename, delete,
 * hash) compiled once per pipeline config into a plain function. No code in configs, no
 * `eval`: conditions are data (compiled by core/condition), regular expressions are compiled at load.
 */
import { compileCondition } from '../condition/index.js';
import type { TransformStep } from '../config-store/types.js';
import { DataflyError, fieldError } from '../errors/index.js';
import { deletePath, hasPath, parsePath, readPath, writePath } from '../path/index.js';
import type { TraceEntry } from '../topics.js';
import { hashValue } from './hash.js';
import { TransformSteps } from './schema.js';

type Obj = Record<string, unknown>;

export interface TransformResult {
  /** `undefined` when a filter dropped the event. */
  event: Obj | undefined;
  trace: TraceEntry[];
}

export type CompiledTransforms = (event: Obj) => TransformResult;

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
    throw fieldError('config_error', parsed.error.issues, {
      prefix: 'transformations',
      lead: 'invalid transformation',
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
          writePath(e, parts, structuredClone(step.value));
          trace.push({ step: name, result: `set ${step.path}` });
          return true;
        };
      }
      case 'rename': {
        const from = parsePath(step.from, `${field}.from`);
        const to = parsePath(step.to, `${field}.to`);
        return (e, trace) => {
          if (!hasPath(e, from)) {
            trace.push({ step: name, result: 'absent' });
            return true;
          }
          writePath(e, to, deletePath(e, from));
          trace.push({ step: name, result: `${step.from} -> ${step.to}` });
          return true;
        };
      }
      case 'delete': {
        const parts = parsePath(step.path, `${field}.path`);
        return (e, trace) => {
          const had = deletePath(e, parts) !== undefined;
          trace.push({ step: name, result: had ? `deleted ${step.path}` : 'absent' });
          return true;
        };
      }
      case 'hash': {
        const parts = parsePath(step.path, `${field}.path`);
        return (e, trace) => {
          const v = readPath(e, parts);
          if (v === undefined) {
            trace.push({ step: name, result: 'absent' });
            return true;
          }
          writePath(e, parts, hashValue(v));
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
