/**
 * A spec's eligibility rules (docs/delivery-spec.md "Eligibility"), compiled once: conditions
 * (`when`, `unless`), groups of paths of which one must be present (`any_of`) and a time window
 * (`window`). The first rule an item breaks says why: `format` skips the event with it, the
 * generic double refuses the item with it.
 */
import { compilePath, readPath } from '../../path/index.js';
import type { DeliverySpec } from './schema.js';

/** Why an item does not qualify (the first broken rule's reason), or undefined; windows are checked only with a clock. */
export type EligibilityCheck = (
  item: Record<string, unknown>,
  nowMs?: number,
) => string | undefined;

export const present = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Time units per second. */
const PER_SECOND = { s: 1, ms: 1000, us: 1_000_000 } as const;

type Rules = NonNullable<DeliverySpec['eligibility']>;

function compileMatch(match: Record<string, unknown> | undefined, anyCase: boolean | undefined) {
  const tests = Object.entries(match ?? {}).map(([p, v]) => ({
    steps: compilePath(p),
    values: [v].flat().map((x) => (anyCase && typeof x === 'string' ? x.toLowerCase() : x)),
  }));
  return (item: Record<string, unknown>): boolean =>
    tests.every(({ steps, values }) => {
      const v = readPath(item, steps);
      return values.includes(anyCase && typeof v === 'string' ? v.toLowerCase() : v);
    });
}

/**
 * The rules as one check, or undefined when there are none.
 *
 * @example
 * compileEligibility({ when: { action_source: 'website' }, any_of: [['url']], reason: 'no url' })!({
 *   action_source: 'website',
 * }) // → 'no url'
 */
export function compileEligibility(rules: Rules | undefined): EligibilityCheck | undefined {
  if (!rules) return undefined;
  const compiled = [rules].flat().map((r) => {
    const groups = r.any_of?.map((g) => g.map((p) => compilePath(p)));
    const w = r.window && {
      ...r.window,
      steps: compilePath(r.window.path),
      per: PER_SECOND[r.window.unit],
    };
    return {
      when: r.when && compileMatch(r.when, r.any_case),
      unless: r.unless && compileMatch(r.unless, r.any_case),
      has: (item: Record<string, unknown>): boolean =>
        !groups || groups.some((g) => g.every((steps) => present(readPath(item, steps)))),
      inWindow: (item: Record<string, unknown>, nowMs: number | undefined): boolean => {
        if (!w || nowMs === undefined) return true;
        const t = readPath(item, w.steps);
        if (t === undefined) return true;
        if (typeof t !== 'number') return false;
        const { per } = w;
        // Whole seconds as Unix times in seconds are written; finer units exactly.
        const now = per === 1 ? Math.floor(nowMs / 1000) : (nowMs * per) / 1000;
        if (w.max_age_days !== undefined && t < now - w.max_age_days * 86_400 * per) return false;
        return w.max_ahead_s === undefined || t <= now + w.max_ahead_s * per;
      },
      reason: r.reason,
    };
  });
  return (item, nowMs) => {
    for (const r of compiled) {
      if ((r.when && !r.when(item)) || r.unless?.(item)) continue;
      if (!r.has(item) || !r.inWindow(item, nowMs)) return r.reason;
    }
    return undefined;
  };
}

/**
 * Paths of the rules that apply to every item and name alternatives: a field declared required
 * that is one of them is not required on its own.
 *
 * @example alternativePaths({ any_of: [['em'], ['ph']], reason: 'r' }) // → Set { 'em', 'ph' }
 */
export function alternativePaths(rules: Rules | undefined): Set<string> {
  return new Set(
    [rules ?? []]
      .flat()
      .filter((r) => !r.when && !r.unless)
      .flatMap((r) => r.any_of?.flat() ?? []),
  );
}
