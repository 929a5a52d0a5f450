/**
 * The processor's record of events it has fanned out. Clients retry, and the bridge stores a
 * record it could not confirm in time, so one event can reach `raw-events` more than once; the
 * processor drops a copy whose `event_id` it has already fanned out **from the same source**
 * within the dedup window (default 24 h), so one source can never suppress another's events.
 * The record outlives restarts when it is kept in the admin database (core/db/stores/seen.ts).
 */

import { scopedKey, sourceScope, type ScopedId } from '../event/scope.js';

export { sourceScope };

/** One event as the processor saw it: `source` is `{pipeline_id}/{source_id or kind}`. */
export type SeenKey = ScopedId;

export interface SeenStore {
  /** Which of these were fanned out at or after `since` (answered as `seenId(key)` strings). */
  seenAmong(keys: readonly SeenKey[], since: number): Promise<Set<string>>;
  /** Remember these as fanned out at `at`. */
  remember(keys: readonly SeenKey[], at: number): Promise<void>;
  /** Forget entries older than `before`; answers how many went. */
  prune(before: number): Promise<number>;
}

/** Default dedup window: a day covers client retries, outbox replays and broker redeliveries. */
export const DEDUP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The string a key is answered as by `seenAmong` (core/event/scope.ts). */
export const seenId = scopedKey;

/**
 * An in-memory record (tests, the all-in-one local start): lost on restart, bounded by `maxEntries`.
 *
 * @example const seen = memorySeenStore(); await seen.remember([{ source: 'pl_1/server', event_id: 'e1' }], Date.now());
 */
export function memorySeenStore(options: { maxEntries?: number } = {}): SeenStore {
  const max = options.maxEntries ?? 200_000;
  const entries = new Map<string, number>();
  return {
    async seenAmong(keys, since) {
      return new Set(keys.map(seenId).filter((id) => (entries.get(id) ?? -Infinity) >= since));
    },
    async remember(keys, at) {
      for (const k of keys) {
        const id = seenId(k);
        entries.delete(id);
        entries.set(id, at);
      }
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    async prune(before) {
      let n = 0;
      for (const [id, at] of entries) {
        if (at >= before) continue;
        entries.delete(id);
        n++;
      }
      return n;
    },
  };
}
