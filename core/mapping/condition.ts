/**
 * Event filters as plain data (`events.<key>.filter`): the same condition vocabulary as the
 * pipeline transformation steps in core/config-store, compiled once into a predicate.
 */
import { z } from 'zod';
import { compilePath, isValidPath, readPath } from './path.js';

const path = z.string().refine(isValidPath, { message: 'is not a valid field path' });

export type Condition =
  | { path: string; equals: unknown }
  | { path: string; in: unknown[] }
  | { path: string; exists: boolean }
  | { path: string; matches: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ path, equals: z.unknown() }),
    z.strictObject({ path, in: z.array(z.unknown()) }),
    z.strictObject({ path, exists: z.boolean() }),
    z.strictObject({
      path,
      matches: z.string().max(512).refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, 'is not a valid regular expression'),
    }),
    z.strictObject({ all: z.array(Condition) }),
    z.strictObject({ any: z.array(Condition) }),
    z.strictObject({ not: Condition }),
  ]),
);

export type Predicate = (event: unknown) => boolean;

/**
 * Compile a condition into a predicate over an event.
 *
 * @example
 * compileCondition({ path: 'properties.value', exists: true })({ properties: { value: 1 } }) // → true
 */
export function compileCondition(c: Condition): Predicate {
  if ('all' in c) {
    const ps = c.all.map(compileCondition);
    return (e) => ps.every((p) => p(e));
  }
  if ('any' in c) {
    const ps = c.any.map(compileCondition);
    return (e) => ps.some((p) => p(e));
  }
  if ('not' in c) {
    const p = compileCondition(c.not);
    return (e) => !p(e);
  }
  const steps = compilePath(c.path);
  if ('equals' in c) return (e) => readPath(e, steps) === c.equals;
  if ('in' in c) return (e) => c.in.includes(readPath(e, steps));
  if ('exists' in c) return (e) => (readPath(e, steps) !== undefined) === c.exists;
  const re = new RegExp(c.matches);
  return (e) => {
    const v = readPath(e, steps);
    return typeof v === 'string' && re.test(v);
  };
}
