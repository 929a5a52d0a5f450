/**
 * The processor's dedup record (core/dedup/seen.ts) over the admin database: table
 * `processor_seen`, keyed by (source, event_id), pruned by age.
 *
 * The lookup and the write are each built once and prepared, and take a batch's keys as two array
 * parameters (`unnest`): the same statement whatever the batch's size. Built by the query builder
 * with one parameter per key (three per written row) they cost the processor about a quarter of
 * its throughput (`npm run bench -- processor` with TEST_DATABASE_URL).
 */
import { lt, sql } from 'drizzle-orm';
import type { SeenStore } from '../../dedup/seen.js';
import { seenId } from '../../dedup/seen.js';
import type { Db } from '../client.js';
import { processorSeen } from '../schema/index.js';

/** The lookup of a batch's keys (exported for the test of its plan). */
export function prepareLookup(db: Db) {
  const s = processorSeen;
  return db
    .select({ source: s.source, eventId: s.eventId })
    .from(s)
    .where(
      sql`(${s.source}, ${s.eventId}) in (select * from unnest(${sql.placeholder('sources')}::text[],
            ${sql.placeholder('eventIds')}::text[]))
          and ${s.seenAt} >= ${sql.placeholder('since')}::timestamptz`,
    )
    .prepare('processor_seen_among');
}

/**
 * The write commits without waiting for the disk (`synchronous_commit` off for its own
 * transaction): only a database crash can forget the last moment's rows, and a copy that then
 * passes is stopped by delivery's claim (docs/delivery-guarantees.md).
 */
function prepareRemember(db: Db) {
  const s = processorSeen;
  return db
    .insert(s)
    .select(
      sql`select s, e, ${sql.placeholder('at')}::timestamptz
          from unnest(${sql.placeholder('sources')}::text[], ${sql.placeholder('eventIds')}::text[]) as t(s, e)
          cross join (select set_config('synchronous_commit', 'off', true)) as async`,
    )
    .onConflictDoUpdate({ target: [s.source, s.eventId], set: { seenAt: sql`excluded.seen_at` } })
    .prepare('processor_seen_remember');
}

/**
 * @example const seen = drizzleSeenStore(database.db); await seen.prune(Date.now() - DEDUP_WINDOW_MS);
 */
export function drizzleSeenStore(db: Db): SeenStore {
  const s = processorSeen;
  let lookup: ReturnType<typeof prepareLookup> | undefined;
  let write: ReturnType<typeof prepareRemember> | undefined;
  return {
    async seenAmong(keys, since) {
      if (keys.length === 0) return new Set();
      const rows = await (lookup ??= prepareLookup(db)).execute({
        sources: keys.map((k) => k.source),
        eventIds: keys.map((k) => k.event_id),
        since: new Date(since).toISOString(),
      });
      return new Set(rows.map((r) => seenId({ source: r.source, event_id: r.eventId })));
    },
    async remember(keys, at) {
      if (keys.length === 0) return;
      // One row per key: an upsert may not change the same row twice in one statement.
      const unique = [...new Map(keys.map((k) => [seenId(k), k])).values()];
      await (write ??= prepareRemember(db)).execute({
        sources: unique.map((k) => k.source),
        eventIds: unique.map((k) => k.event_id),
        at: new Date(at).toISOString(),
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
