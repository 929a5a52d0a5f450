/**
 * The processor's dedup record (core/dedup/seen.ts) over the admin database: table
 * `processor_seen`, keyed by (source, event_id), pruned by age.
 */
import { and, gte, inArray, lt, or, eq, sql } from 'drizzle-orm';
import type { SeenStore } from '../../dedup/seen.js';
import { seenId } from '../../dedup/seen.js';
import type { Db } from '../client.js';
import { processorSeen } from '../schema/index.js';

/**
 * @example const seen = drizzleSeenStore(database.db); await seen.prune(Date.now() - DEDUP_WINDOW_MS);
 */
export function drizzleSeenStore(db: Db): SeenStore {
  const s = processorSeen;
  return {
    async seenAmong(keys, since) {
      if (keys.length === 0) return new Set();
      const bySource = new Map<string, string[]>();
      for (const k of keys) bySource.set(k.source, [...(bySource.get(k.source) ?? []), k.event_id]);
      const rows = await db
        .select({ source: s.source, eventId: s.eventId })
        .from(s)
        .where(
          and(
            gte(s.seenAt, new Date(since)),
            or(
              ...[...bySource].map(([source, ids]) =>
                and(eq(s.source, source), inArray(s.eventId, ids)),
              ),
            ),
          ),
        );
      return new Set(rows.map((r) => seenId({ source: r.source, event_id: r.eventId })));
    },
    async remember(keys, at) {
      if (keys.length === 0) return;
      const unique = new Map(keys.map((k) => [seenId(k), k]));
      await db
        .insert(s)
        .values(
          [...unique.values()].map((k) => ({
            source: k.source,
            eventId: k.event_id,
            seenAt: new Date(at),
          })),
        )
        .onConflictDoUpdate({
          target: [s.source, s.eventId],
          set: { seenAt: sql`excluded.seen_at` },
        });
    },
    async prune(before) {
      const gone = await db
        .delete(s)
        .where(lt(s.seenAt, new Date(before)))
        .returning({ id: s.eventId });
      return gone.length;
    },
  };
}
