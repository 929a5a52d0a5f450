/**
 * The delivery ledger over the admin database (PostgreSQL or PGlite): the delivery worker
 * writes through it, the DLQ/stats routes read through it. Same contract as core/services/delivery's
 * `memoryLedger`.
 */
import {
  and,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import type {
  ClaimResult,
  DeliveryOpsStore,
  DlqEntry,
  DlqFilter,
  StatsRow,
} from '../../dedup/delivered.js';
import { REPLAY_CLAIM_TIMEOUT_MS } from '../../dedup/delivered.js';
import { scopedKey, type ScopedId } from '../../event/scope.js';
import type { Db } from '../client.js';
import {
  deliveryDailyCounts,
  deliveryDelivered,
  deliveryDlq,
  deliveryOutcomes,
  type DeliveryDlqRow,
} from '../schema/index.js';

const toEntry = (r: DeliveryDlqRow): DlqEntry => ({
  v: 1,
  id: r.id,
  integration_id: r.integrationId,
  pipeline_id: r.pipelineId,
  pipeline_integration_id: r.pipelineIntegrationId,
  revision_id: r.revisionId,
  vendor: r.vendor,
  event_id: r.eventId,
  attempts: r.attempts,
  last_status: r.lastStatus,
  last_response: r.lastResponse,
  code: r.code,
  reason: r.reason,
  first_attempt_at: r.firstAttemptAt.getTime(),
  failed_at: r.failedAt.getTime(),
  message: r.message,
  status: r.status,
  replay_requested_at: r.replayRequestedAt?.getTime() ?? null,
  replayed_at: r.replayedAt?.getTime() ?? null,
});

function where(integrationId: string, f: DlqFilter): SQL {
  const conds: (SQL | undefined)[] = [eq(deliveryDlq.integrationId, integrationId)];
  if (f.pipeline_id) conds.push(eq(deliveryDlq.pipelineId, f.pipeline_id));
  if (f.reason)
    conds.push(
      or(eq(deliveryDlq.code, f.reason), sql`strpos(${deliveryDlq.reason}, ${f.reason}) > 0`),
    );
  if (f.since !== undefined) conds.push(gte(deliveryDlq.failedAt, new Date(f.since)));
  if (f.until !== undefined) conds.push(lt(deliveryDlq.failedAt, new Date(f.until)));
  if (f.status) conds.push(eq(deliveryDlq.status, f.status));
  if (f.before) {
    const at = new Date(f.before.failed_at);
    conds.push(
      or(
        lt(deliveryDlq.failedAt, at),
        and(eq(deliveryDlq.failedAt, at), lt(deliveryDlq.id, f.before.id)),
      ),
    );
  }
  return and(...conds)!;
}

/** Rows of the delivered-id record for these scoped events (one source, many ids: one `in`). */
function matching(ids: readonly ScopedId[]): SQL | undefined {
  const d = deliveryDelivered;
  const bySource = new Map<string, string[]>();
  for (const a of ids) bySource.set(a.source, [...(bySource.get(a.source) ?? []), a.event_id]);
  return or(
    ...[...bySource].map(([source, eventIds]) =>
      and(eq(d.source, source), inArray(d.eventId, eventIds)),
    ),
  );
}

/**
 * The claim, built once and prepared (the statement is sent with its values only; building it with
 * the query builder on every call cost more CPU than the database's own work). One statement: a new
 * row is a first claim; an existing one is taken over only when it is not delivered and its lease
 * has run out. Either way the fencing token is a new one from `delivery_claim_fence`, one per
statement (shared by its rows: a token must never come back for the same event, and no other
statement gets it; one `nextval` per row cost 100 sequence steps per batch of 100). Under
 * concurrent claims PostgreSQL re-checks the condition on the row's latest version, so one wins.
 * The ids go as two array parameters (`unnest`), whatever their number.
 *
 * A claim is a lease, not an outcome: its commit does not wait for the disk (`synchronous_commit`
 * off for this statement's transaction only; other sessions see it at once all the same). Waiting
 * for the flush cost each unbatched request ~2 ms more. Only a database crash, not a cut
 * connection, can forget the last moment's claims; the outcome and the delivered id still wait for
 * the disk (docs/delivery-guarantees.md).
 */
function prepareClaim(db: Db) {
  const d = deliveryDelivered;
  return db
    .insert(d)
    .select(
      sql`with k as materialized (
            select nextval('delivery_claim_fence') as fence,
              set_config('synchronous_commit', 'off', true))
          select ${sql.placeholder('integrationId')}, s, e, null::text, null::timestamptz,
            k.fence, ${sql.placeholder('until')}::timestamptz
          from k, unnest(${sql.placeholder('sources')}::text[], ${sql.placeholder('eventIds')}::text[]) as t(s, e)`,
    )
    .onConflictDoUpdate({
      target: [d.integrationId, d.source, d.eventId],
      set: { fence: sql`excluded.fence`, leaseUntil: sql`excluded.lease_until` },
      setWhere: and(
        isNull(d.deliveredAt),
        sql`${d.leaseUntil} <= ${sql.placeholder('at')}::timestamptz`,
      ),
    })
    .returning({ source: d.source, event_id: d.eventId, fence: d.fence })
    .prepare('delivery_claim');
}

/**
 * The record of a set of outcomes, built once and prepared like the claim: the outcome rows, the
 * delivered ids (a claim row becomes its delivered row) and the release of the other claims, in
 * one statement (data-modifying CTEs: atomic like a transaction, one round trip), so the time
 * between the vendor's answer and its durable record (where a killed worker would send again) is
 * as short as the database allows. Every part takes its rows as array parameters (`unnest`), so
 * the statement is the same whatever the number of rows, and an empty part writes nothing
 * (times go as ISO text: the driver passes timestamp arrays through unserialized).
 * Building it with the query builder on every call cost ~500 µs of CPU per call.
 */
function prepareRecord(db: Db) {
  const d = deliveryDelivered;
  const p = (name: string) => sql.placeholder(name);
  const outcomes = db.$with('outcomes_written', {}).as(
    sql`insert into ${deliveryOutcomes}
          (integration_id, pipeline_id, event_id, person_id, outcome, attempt, status, latency_ms, at)
        select i, pl, e, pe, o, n, st, l, a::timestamptz from unnest(${p('oIntegration')}::text[],
          ${p('oPipeline')}::text[], ${p('oEvent')}::text[], ${p('oPerson')}::text[],
          ${p('oOutcome')}::text[], ${p('oAttempt')}::integer[], ${p('oStatus')}::integer[],
          ${p('oLatency')}::integer[], ${p('oAt')}::text[]) as t(i, pl, e, pe, o, n, st, l, a)`,
  );
  const deliveredIds = db.$with('delivered_written', {}).as(
    sql`insert into ${d} (integration_id, source, event_id, person_id, delivered_at, lease_until)
        select i, s, e, pe, a::timestamptz, null from unnest(${p('dIntegration')}::text[],
          ${p('dSource')}::text[], ${p('dEvent')}::text[], ${p('dPerson')}::text[],
          ${p('dAt')}::text[]) as t(i, s, e, pe, a)
        on conflict (integration_id, source, event_id) do update set
          delivered_at = coalesce(${d}.delivered_at, excluded.delivered_at),
          person_id = coalesce(${d}.person_id, excluded.person_id),
          lease_until = null`,
  );
  return db
    .with(outcomes, deliveredIds)
    .delete(d)
    .where(
      and(
        isNull(d.deliveredAt),
        sql`(${d.integrationId}, ${d.source}, ${d.eventId}, ${d.fence}) in (
          select * from unnest(${p('rIntegration')}::text[], ${p('rSource')}::text[],
            ${p('rEvent')}::text[], ${p('rFence')}::bigint[]))`,
      ),
    )
    .prepare('delivery_record');
}

/**
 * @example const store = drizzleDeliveryStore(database.db); await store.dlqDepth('tmpl_1');
 */
export function drizzleDeliveryStore(db: Db): DeliveryOpsStore {
  let claimQuery: ReturnType<typeof prepareClaim> | undefined;
  const claimStatement = () => (claimQuery ??= prepareClaim(db));
  let recordQuery: ReturnType<typeof prepareRecord> | undefined;
  const recordStatement = () => (recordQuery ??= prepareRecord(db));
  return {
    async deliveredAmong(integrationId, asked) {
      if (asked.length === 0) return new Set();
      const d = deliveryDelivered;
      const rows = await db
        .select({ source: d.source, event_id: d.eventId })
        .from(d)
        .where(and(eq(d.integrationId, integrationId), matching(asked), isNotNull(d.deliveredAt)));
      const wanted = new Set(asked.map(scopedKey));
      return new Set(rows.map(scopedKey).filter((k) => wanted.has(k)));
    },
    async claim(integrationId, asked, at, leaseMs) {
      const result: ClaimResult = { claimed: new Map(), delivered: new Set(), held: new Map() };
      // Sorted: concurrent claims of overlapping batches lock rows in one order (no deadlock).
      const ids = [...new Map(asked.map((a) => [scopedKey(a), a])).entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, a]) => a);
      if (ids.length === 0) return result;
      const d = deliveryDelivered;
      const won = await claimStatement().execute({
        integrationId,
        sources: ids.map((a) => a.source),
        eventIds: ids.map((a) => a.event_id),
        at: new Date(at).toISOString(),
        until: new Date(at + leaseMs).toISOString(),
      });
      for (const w of won) result.claimed.set(scopedKey(w), w.fence);
      const lost = ids.filter((a) => !result.claimed.has(scopedKey(a)));
      if (lost.length === 0) return result;
      const rows = await db
        .select({
          source: d.source,
          event_id: d.eventId,
          deliveredAt: d.deliveredAt,
          leaseUntil: d.leaseUntil,
        })
        .from(d)
        .where(and(eq(d.integrationId, integrationId), matching(lost)));
      const byId = new Map(rows.map((r) => [scopedKey(r), r]));
      for (const id of lost.map(scopedKey)) {
        const r = byId.get(id);
        if (r?.deliveredAt) result.delivered.add(id);
        // Released between the two statements: it is free again, so the next look claims it.
        else result.held.set(id, r?.leaseUntil?.getTime() ?? at);
      }
      return result;
    },
    async renew(integrationId, tokens, until) {
      if (tokens.length === 0) return new Set();
      const d = deliveryDelivered;
      const sources = sql.param(tokens.map((t) => t.source));
      const eventIds = sql.param(tokens.map((t) => t.event_id));
      const fences = sql.param(tokens.map((t) => t.fence));
      const rows = await db
        .update(d)
        .set({ leaseUntil: new Date(until) })
        .from(
          sql`unnest(${sources}::text[], ${eventIds}::text[], ${fences}::bigint[]) as t(s, e, f)`,
        )
        .where(
          and(
            eq(d.integrationId, integrationId),
            sql`${d.source} = t.s and ${d.eventId} = t.e and ${d.fence} = t.f`,
            isNull(d.deliveredAt),
          ),
        )
        .returning({ source: d.source, event_id: d.eventId });
      return new Set(rows.map(scopedKey));
    },
    async record(rows, claims = []) {
      if (rows.length === 0 && claims.length === 0) return;
      // A delivered event's claim row becomes its delivered row; the others are released (only
      // while their fencing token is current, and never a row that is delivered). Both never name
      // the same row in one statement: two parts of one statement must not change one row.
      const delivered = rows.filter((r) => r.outcome === 'delivered');
      const done = new Set(delivered.map((r) => `${r.integration_id}|${scopedKey(r)}`));
      const release = claims.filter((c) => !done.has(`${c.integration_id}|${scopedKey(c)}`));
      const iso = (at: number): string => new Date(at).toISOString();
      await recordStatement().execute({
        oIntegration: rows.map((r) => r.integration_id),
        oPipeline: rows.map((r) => r.pipeline_id),
        oEvent: rows.map((r) => r.event_id),
        oPerson: rows.map((r) => r.person_id ?? null),
        oOutcome: rows.map((r) => r.outcome),
        oAttempt: rows.map((r) => r.attempt),
        oStatus: rows.map((r) => r.status),
        oLatency: rows.map((r) => (r.latency_ms === null ? null : Math.round(r.latency_ms))),
        oAt: rows.map((r) => iso(r.at)),
        dIntegration: delivered.map((r) => r.integration_id),
        dSource: delivered.map((r) => r.source),
        dEvent: delivered.map((r) => r.event_id),
        dPerson: delivered.map((r) => r.person_id ?? null),
        dAt: delivered.map((r) => iso(r.at)),
        rIntegration: release.map((c) => c.integration_id),
        rSource: release.map((c) => c.source),
        rEvent: release.map((c) => c.event_id),
        rFence: release.map((c) => c.fence),
      });
    },
    async deadLetter(records) {
      if (records.length === 0) return;
      await db
        .insert(deliveryDlq)
        .values(
          records.map((r) => ({
            id: r.id,
            integrationId: r.integration_id,
            pipelineId: r.pipeline_id,
            pipelineIntegrationId: r.pipeline_integration_id,
            revisionId: r.revision_id,
            vendor: r.vendor,
            eventId: r.event_id,
            attempts: r.attempts,
            lastStatus: r.last_status,
            lastResponse: r.last_response,
            code: r.code,
            reason: r.reason,
            firstAttemptAt: new Date(r.first_attempt_at),
            failedAt: new Date(r.failed_at),
            message: r.message,
          })),
        )
        .onConflictDoNothing();
    },
    async add(integrationId, day, n) {
      const [row] = await db
        .insert(deliveryDailyCounts)
        .values({ integrationId, day, count: n })
        .onConflictDoUpdate({
          target: [deliveryDailyCounts.integrationId, deliveryDailyCounts.day],
          set: { count: sql`${deliveryDailyCounts.count} + ${n}` },
        })
        .returning({ count: deliveryDailyCounts.count });
      return row!.count;
    },
    async get(integrationId, day) {
      const [row] = await db
        .select({ count: deliveryDailyCounts.count })
        .from(deliveryDailyCounts)
        .where(
          and(
            eq(deliveryDailyCounts.integrationId, integrationId),
            eq(deliveryDailyCounts.day, day),
          ),
        );
      return row?.count ?? 0;
    },
    async claimReplays(limit, at) {
      const stale = new Date(at - REPLAY_CLAIM_TIMEOUT_MS);
      const claimable = db
        .select({ id: deliveryDlq.id })
        .from(deliveryDlq)
        .where(
          or(
            eq(deliveryDlq.status, 'replay_requested'),
            and(eq(deliveryDlq.status, 'replaying'), lt(deliveryDlq.replayRequestedAt, stale)),
          ),
        )
        .orderBy(deliveryDlq.replayRequestedAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(deliveryDlq)
        .set({ status: 'replaying', replayRequestedAt: new Date(at) })
        .where(inArray(deliveryDlq.id, claimable))
        .returning();
      return rows.map(toEntry);
    },
    async markReplayed(ids, at) {
      if (ids.length === 0) return;
      await db
        .update(deliveryDlq)
        .set({ status: 'replayed', replayedAt: new Date(at) })
        .where(inArray(deliveryDlq.id, ids));
    },
    async listDlq(integrationId, filter) {
      const rows = await db
        .select()
        .from(deliveryDlq)
        .where(where(integrationId, filter))
        .orderBy(desc(deliveryDlq.failedAt), desc(deliveryDlq.id))
        .limit(filter.limit ?? 100);
      return rows.map(toEntry);
    },
    async getDlq(integrationId, id) {
      const [row] = await db
        .select()
        .from(deliveryDlq)
        .where(and(eq(deliveryDlq.integrationId, integrationId), eq(deliveryDlq.id, id)));
      return row ? toEntry(row) : undefined;
    },
    async dlqDepth(integrationId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(deliveryDlq)
        .where(and(eq(deliveryDlq.integrationId, integrationId), eq(deliveryDlq.status, 'dead')));
      return row?.n ?? 0;
    },
    async requestReplay(integrationId, select, at) {
      const cond =
        'ids' in select
          ? and(
              eq(deliveryDlq.integrationId, integrationId),
              inArray(deliveryDlq.id, select.ids.length > 0 ? select.ids : ['']),
              inArray(deliveryDlq.status, ['dead', 'replayed']),
            )
          : and(where(integrationId, { ...select.filter, status: 'dead', limit: undefined }));
      const rows = await db
        .update(deliveryDlq)
        .set({ status: 'replay_requested', replayRequestedAt: new Date(at) })
        .where(cond)
        .returning({ id: deliveryDlq.id });
      return rows.length;
    },
    async stats(integrationId, since, until) {
      const o = deliveryOutcomes;
      const n = (outcome: string) =>
        sql<number>`(count(*) filter (where ${o.outcome} = ${outcome}))::int`;
      const rows = await db
        .select({
          pipeline_id: sql<
            string | null
          >`case when grouping(${o.pipelineId}) = 1 then null else ${o.pipelineId} end`,
          delivered: n('delivered'),
          failed: n('failed'),
          retried: n('retried'),
          dead_lettered: n('dead_lettered'),
          skipped: n('skipped'),
          consent_blocked: n('consent_blocked'),
          p50: sql<
            number | null
          >`percentile_disc(0.5) within group (order by ${o.latencyMs}) filter (where ${o.outcome} = 'delivered')`,
          p95: sql<
            number | null
          >`percentile_disc(0.95) within group (order by ${o.latencyMs}) filter (where ${o.outcome} = 'delivered')`,
        })
        .from(o)
        .where(
          and(
            eq(o.integrationId, integrationId),
            gte(o.at, new Date(since)),
            lt(o.at, new Date(until)),
          ),
        )
        .groupBy(sql`grouping sets ((), (${o.pipelineId}))`);
      const out: StatsRow[] = rows.map((r) => ({
        pipeline_id: r.pipeline_id,
        delivered: r.delivered,
        failed: r.failed,
        retried: r.retried,
        dead_lettered: r.dead_lettered,
        skipped: r.skipped,
        consent_blocked: r.consent_blocked,
        success_rate:
          r.delivered + r.dead_lettered === 0
            ? null
            : r.delivered / (r.delivered + r.dead_lettered),
        p50_latency_ms: r.p50 === null ? null : Number(r.p50),
        p95_latency_ms: r.p95 === null ? null : Number(r.p95),
      }));
      if (!out.some((r) => r.pipeline_id === null)) {
        out.unshift({
          pipeline_id: null,
          delivered: 0,
          failed: 0,
          retried: 0,
          dead_lettered: 0,
          skipped: 0,
          consent_blocked: 0,
          success_rate: null,
          p50_latency_ms: null,
          p95_latency_ms: null,
        });
      }
      return out.sort((a, b) =>
        a.pipeline_id === null
          ? -1
          : b.pipeline_id === null
            ? 1
            : a.pipeline_id.localeCompare(b.pipeline_id),
      );
    },
  };
}
