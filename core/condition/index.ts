/**
 * The condition vocabulary shared by mapping event filters (`events.<key>.filter`) and
 * pipeline transformation steps (`when`): one zod schema, one type, one compiler. No code in
 * configs, no `eval`: conditions are data, regular expressions are compiled at load.
 *
 * `matches` runs on RE2 (the `re2js` port): matching time is linear in the input, so no pattern
 * a customer saves — `(a+)+$` included — can stall a partition. RE2 has no backreferences and
 * no lookaround; such a pattern is refused at save with the parser's reason.
 */
import { RE2JS } from 're2js';
import { z } from 'zod';
import { DataflyError } from '../errors/index.js';
import { isValidPath, parsePath, readPath } from '../path/index.js';

export type Condition =
  | { path: string; equals: unknown }
  | { path: string; in: unknown[] }
  | { path: string; exists: boolean }
  | { path: string; matches: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const path = z
  .string()
  .min(1)
  .max(512)
  .refine(isValidPath, { message: 'is not a valid field path' });

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ path, equals: z.unknown() }),
    z.strictObject({ path, in: z.array(z.unknown()).max(1000) }),
    z.strictObject({ path, exists: z.boolean() }),
    z.strictObject({
      path,
      matches: z
        .string()
        .max(512)
        .superRefine((s, ctx) => {
          const problem = regexProblem(s);
          if (problem)
            ctx.addIssue({
              code: 'custom',
              message: `is not a valid regular expression (RE2 syntax): ${problem}`,
            });
        }),
    }),
    z.strictObject({ all: z.array(Condition).max(50) }),
    z.strictObject({ any: z.array(Condition).max(50) }),
    z.strictObject({ not: Condition }),
  ]),
);

export type Predicate = (event: unknown) => boolean;

/** Why RE2 refuses a pattern, or undefined when it compiles. */
function regexProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
  }
}

/**
 * A linear-time search for `pattern` anywhere in a string (what `RegExp.prototype.test` does).
 *
 * @example linearRegex('^Purch')('Purchase') // → true
 */
export function linearRegex(pattern: string): (input: string) => boolean {
  const re = RE2JS.compile(pattern);
  return (input) => re.matcher(input).find();
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Compile a condition into a predicate over an event. A bad path or regular expression is a
 * `config_error` naming where it sits under `field` (`transformations.0.when.all.1.matches`).
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
  const steps = parsePath(condition.path, `${field}.path`, { each: true });
  if ('equals' in condition) return (e) => deepEqual(readPath(e, steps), condition.equals);
  if ('in' in condition) return (e) => condition.in.some((v) => deepEqual(readPath(e, steps), v));
  if ('exists' in condition) return (e) => (readPath(e, steps) !== undefined) === condition.exists;
  const problem = regexProblem(condition.matches);
  if (problem)
    throw new DataflyError(
      'config_error',
      `invalid regular expression "${condition.matches}": ${problem}`,
      { field: `${field}.matches` },
    );
  const test = linearRegex(condition.matches);
  return (e) => {
    const v = readPath(e, steps);
    return (typeof v === 'string' || typeof v === 'number') && test(String(v));
  };
}
