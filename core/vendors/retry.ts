/**
 * The retry schedule (docs/design.md "Retry"): 6 tries in all; after try n the next waits
 * 1, 4, 16, 64, 256 s plus up to 25 % jitter; a vendor's `Retry-After` is honoured.
 */

/** Tries in all, the first included. */
export const MAX_TRIES = 6;
/** Base delay before try 2..6, in ms. */
const RETRY_DELAYS_MS = [1_000, 4_000, 16_000, 64_000, 256_000] as const;
/** Jitter added on top of the base delay: up to this fraction. */
const JITTER = 0.25;
/** Longest `Retry-After` we wait for; beyond it we wait this long and try again. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * Delay before the next try after `attempt` tries have failed (1-based), or `undefined` when no
 * tries are left. `random` returns [0, 1). `retryAfterMs` (from the vendor) is a floor.
 *
 * @example retryDelayMs(1, () => 0) // → 1000
 * @example retryDelayMs(6, () => 0) // → undefined (dead-letter)
 */
export function retryDelayMs(
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (attempt >= MAX_TRIES) return undefined;
  const base = RETRY_DELAYS_MS[Math.max(0, attempt - 1)]!;
  const delay = Math.round(base * (1 + JITTER * random()));
  if (retryAfterMs === undefined) return delay;
  return Math.max(delay, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/**
 * `Retry-After` (delta seconds or an HTTP date) → ms from `now`; undefined when absent/invalid.
 *
 * @example parseRetryAfter('7', 0) // → 7000
 * @example parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000) // → 6000
 */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
