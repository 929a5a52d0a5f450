/**
 * Delivery over time (issue 15's charts): `delivery_outcomes` counted in equal time buckets,
 * in SQL (PostgreSQL and PGlite alike), with nearest-rank p50/p95 latency of the deliveries in
 * each bucket; and per pipeline, events received (the processor's `processor_seen` record,
 * kept for its dedup window) and delivered/failed across an organisation's integrations.
 * Buckets with nothing in them come back as zeros, so a chart has every point.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.js';
import {
  deliveryOutcomes,
  integrationTemplates,
  pipelines,
  processorSeen,
} from '../../../core/db/schema/index.js';

export const WINDOWS = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
} as const;
type Window = keyof typeof WINDOWS;
/** Default bucket counts: one a minute over 15 min, every 2 min over 1 h, hourly over 24 h, 6-hourly over 7 d. */
export const DEFAULT_BUCKETS: Record<Window, number> = { '15m': 15, '1h': 30, '24h': 24, '7d': 28 };
export const MAX_BUCKETS = 120;

interface SeriesBucket {
  at: string;
  delivered: number;
  failed: number;
  retried: number;
  dead_lettered: number;
  p50_latency_ms: number | null;
  p95_latency_ms: number | null;
}

interface PipelineSeries {
  pipeline_id: string;
  received: number[];
  delivered: number[];
  failed: number[];
}

/** The window's bucket layout: `count` buckets of `bucketMs` ending at `until` (exclusive). */
function layout(
  until: number,
  windowMs: number,
  count: number,
): { since: number; bucketMs: number; starts: number[] } {
  const bucketMs = Math.ceil(windowMs / count);
  const since = until - bucketMs * count;
  return { since, bucketMs, starts: Array.from({ length: count }, (_, i) => since + i * bucketMs) };
}

/**
 * Bucket index of a timestamp column, computed by the database. The two numbers are written
 * into the SQL as integer literals (not parameters) so that GROUP BY sees the same expression
 * as the select list; both are integers this module computed.
 */
const bucketOf = (column: unknown, since: number, bucketMs: number) =>
  sql<number>`floor((extract(epoch from ${column}) * 1000 - ${sql.raw(String(Math.trunc(since)))}) / ${sql.raw(String(Math.trunc(bucketMs)))})::int`;

/**
 * @example await integrationSeries(db, 'tmpl_1', Date.now(), WINDOWS['1h'], 30) // every pipeline; a sixth argument narrows to one
 */
export async function integrationSeries(
  db: Db,
  integrationId: string,
  until: number,
  windowMs: number,
  count: number,
  pipelineId?: string,
): Promise<{ bucketMs: number; buckets: SeriesBucket[] }> {
  const { since, bucketMs, starts } = layout(until, windowMs, count);
  const o = deliveryOutcomes;
  const bucket = bucketOf(o.at, since, bucketMs);
  const n = (outcome: string) =>
    sql<number>`(count(*) filter (where ${o.outcome} = ${outcome}))::int`;
  const rows = await db
    .select({
      bucket,
      delivered: n('delivered'),
      failed: n('failed'),
      retried: n('retried'),
      dead_lettered: n('dead_lettered'),
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
        pipelineId === undefined ? undefined : eq(o.pipelineId, pipelineId),
        gte(o.at, new Date(since)),
        lt(o.at, new Date(until)),
      ),
    )
    .groupBy(bucket);
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
  return {
    bucketMs,
    buckets: starts.map((start, i) => {
      const r = byBucket.get(i);
      return {
        at: new Date(start).toISOString(),
        delivered: r?.delivered ?? 0,
        failed: r?.failed ?? 0,
        retried: r?.retried ?? 0,
        dead_lettered: r?.dead_lettered ?? 0,
        p50_latency_ms: r?.p50 == null ? null : Number(r.p50),
        p95_latency_ms: r?.p95 == null ? null : Number(r.p95),
      };
    }),
  };
}

/**
 * Per pipeline of the organisation: events received (fanned out by the processor; its record is
 * pruned after the dedup window, 24 h by default) and deliveries and failures (failed or
 * dead-lettered attempts) across its integrations, per bucket.
 */
export async function pipelineSeries(
  db: Db,
  orgId: string,
  until: number,
  windowMs: number,
  count: number,
): Promise<{ since: number; bucketMs: number; starts: number[]; pipelines: PipelineSeries[] }> {
  const { since, bucketMs, starts } = layout(until, windowMs, count);
  const ids = (
    await db.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.orgId, orgId))
  )
    .map((r) => r.id)
    .sort();
  const out = new Map(
    ids.map((id) => [
      id,
      {
        pipeline_id: id,
        received: starts.map(() => 0),
        delivered: starts.map(() => 0),
        failed: starts.map(() => 0),
      },
    ]),
  );
  if (ids.length === 0) return { since, bucketMs, starts, pipelines: [] };
  // Filtered by the organisation's integrations first, so the (integration_id, at) index serves it.
  const integrationIds = (
    await db
      .select({ id: integrationTemplates.id })
      .from(integrationTemplates)
      .where(eq(integrationTemplates.orgId, orgId))
  ).map((r) => r.id);
  const o = deliveryOutcomes;
  const ob = bucketOf(o.at, since, bucketMs);
  const outcomes =
    integrationIds.length === 0
      ? []
      : await db
          .select({
            pipeline_id: o.pipelineId,
            bucket: ob,
            delivered: sql<number>`(count(*) filter (where ${o.outcome} = 'delivered'))::int`,
            failed: sql<number>`(count(*) filter (where ${o.outcome} in ('failed', 'dead_lettered')))::int`,
          })
          .from(o)
          .where(
            and(
              inArray(o.integrationId, integrationIds),
              inArray(o.pipelineId, ids),
              gte(o.at, new Date(since)),
              lt(o.at, new Date(until)),
            ),
          )
          .groupBy(o.pipelineId, ob);
  for (const r of outcomes) {
    const p = out.get(r.pipeline_id);
    const i = Number(r.bucket);
    if (!p || i < 0 || i >= starts.length) continue;
    p.delivered[i] = r.delivered;
    p.failed[i] = r.failed;
  }
  const s = processorSeen;
  const pipelineOf = sql<string>`split_part(${s.source}, '/', 1)`;
  const sb = bucketOf(s.seenAt, since, bucketMs);
  const received = await db
    .select({ pipeline_id: pipelineOf, bucket: sb, n: sql<number>`count(*)::int` })
    .from(s)
    .where(
      and(inArray(pipelineOf, ids), gte(s.seenAt, new Date(since)), lt(s.seenAt, new Date(until))),
    )
    .groupBy(pipelineOf, sb);
  for (const r of received) {
    const p = out.get(r.pipeline_id);
    const i = Number(r.bucket);
    if (p && i >= 0 && i < starts.length) p.received[i] = r.n;
  }
  return { since, bucketMs, starts, pipelines: [...out.values()] };
}
