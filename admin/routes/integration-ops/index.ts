/**
 * Integration operations (issue 5): the dead-letter queue (list, read, depth, replay, export)
 * and delivery stats, under `/v1/admin/integrations/{integration_id}`. Viewers read, editors
 * replay. Replay marks entries `replay_requested`; the delivery service re-queues them on
 * `delivery-{integration_id}` with attempts reset (admin never talks to Kafka), and the
 * delivered-event-id record keeps a second replay from delivering twice.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { DlqRecord, type DlqEntry, type DlqFilter } from '../../../core/dedup/delivered.js';
import { DataflyError } from '../../../core/errors/index.js';
import { requireRole } from '../../auth/index.js';
import type { AdminDeps, Caller } from '../../context.js';
import { DLQ_STATUSES, integrationTemplates } from '../../../core/db/schema/index.js';
import { newRouter } from '../router.js';
import { body, errors, json } from '../schemas.js';
import { retargetToCurrentRevision } from './retarget.js';
import {
  DEFAULT_BUCKETS,
  integrationSeries,
  MAX_BUCKETS,
  pipelineSeries,
  WINDOWS,
} from './series.js';
import { drizzleDeliveryStore } from '../../../core/db/stores/delivery.js';

export const integrationOpsRoutes = newRouter();

const tags = ['Delivery: DLQ and stats'];
const EXPORT_PAGE = 500;
const EXPORT_MAX = 100_000;

const IntegrationParam = z.object({
  integration_id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'integration_id', in: 'path' }, example: 'tmpl_3kTq' }),
});
const isoOrMs = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch ms' });
      return z.NEVER;
    }
    return ms;
  });
const FilterQuery = z.object({
  pipeline_id: z.string().max(64).optional(),
  reason: z.string().max(200).optional().openapi({
    description: 'An error code (vendor_rejected, timeout, …) or text contained in the reason',
  }),
  since: isoOrMs.optional(),
  until: isoOrMs.optional(),
});
const ListQuery = FilterQuery.extend({
  status: z.enum(DLQ_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'next_cursor from the previous page' }),
});

// The DLQ record's one schema (core/dedup/delivered.ts), as the API shows it: times as ISO
// strings, the event instead of the raw message, and the replay state.
const DlqEntrySchema = DlqRecord.omit({
  v: true,
  message: true,
  first_attempt_at: true,
  failed_at: true,
})
  .extend({
    first_attempt_at: z.string(),
    failed_at: z.string(),
    status: z.enum(DLQ_STATUSES),
    replayed_at: z.string().nullable(),
    event: z.unknown(),
  })
  .openapi('DlqEntry');

const StatsRowSchema = z.object({
  pipeline_id: z.string().nullable(),
  delivered: z.number(),
  failed: z.number(),
  retried: z.number(),
  dead_lettered: z.number(),
  skipped: z.number(),
  consent_blocked: z.number(),
  success_rate: z.number().nullable(),
  p50_latency_ms: z.number().nullable(),
  p95_latency_ms: z.number().nullable(),
});

function view(e: DlqEntry) {
  let event: unknown = null;
  try {
    event = (JSON.parse(e.message) as { envelope?: unknown }).envelope ?? null;
  } catch {
    event = null;
  }
  return {
    id: e.id,
    integration_id: e.integration_id,
    pipeline_id: e.pipeline_id,
    pipeline_integration_id: e.pipeline_integration_id,
    revision_id: e.revision_id,
    vendor: e.vendor,
    event_id: e.event_id,
    attempts: e.attempts,
    last_status: e.last_status,
    last_response: e.last_response,
    code: e.code,
    reason: e.reason,
    first_attempt_at: new Date(e.first_attempt_at).toISOString(),
    failed_at: new Date(e.failed_at).toISOString(),
    status: e.status,
    replayed_at: e.replayed_at === null ? null : new Date(e.replayed_at).toISOString(),
    event,
  };
}

const encodeCursor = (e: DlqEntry): string =>
  Buffer.from(`${e.failed_at}:${e.id}`).toString('base64url');
function decodeCursor(cursor: string): DlqFilter['before'] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (!at || !id || !/^\d+$/.test(at))
    throw new DataflyError('invalid_request', 'cursor is not one this API gave out', {
      field: 'cursor',
    });
  return { failed_at: Number(at), id };
}

/** 404 unless the integration (template) belongs to the caller's organisation. */
async function owned(deps: AdminDeps, caller: Caller, integrationId: string): Promise<void> {
  const [row] = await deps.database.db
    .select({ id: integrationTemplates.id })
    .from(integrationTemplates)
    .where(
      and(eq(integrationTemplates.id, integrationId), eq(integrationTemplates.orgId, caller.orgId)),
    );
  if (!row) throw new DataflyError('not_found', `no integration ${integrationId}`);
}

const storeOf = (deps: AdminDeps) => drizzleDeliveryStore(deps.database.db);

integrationOpsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integrations/{integration_id}/dlq',
    tags,
    summary:
      'Dead-lettered events, newest first, with filters (pipeline, reason, time) and the queue depth',
    middleware: [requireRole('viewer')] as const,
    request: { params: IntegrationParam, query: ListQuery },
    responses: {
      200: json(
        z.object({
          depth: z.number(),
          entries: z.array(DlqEntrySchema),
          next_cursor: z.string().nullable(),
        }),
        'A page of entries',
      ),
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { integration_id } = c.req.valid('param');
    const q = c.req.valid('query');
    await owned(c.var.deps, c.var.caller, integration_id);
    const store = storeOf(c.var.deps);
    const entries = await store.listDlq(integration_id, {
      ...q,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const depth = await store.dlqDepth(integration_id);
    const last = entries.length === q.limit ? entries[entries.length - 1] : undefined;
    return c.json(
      { depth, entries: entries.map(view), next_cursor: last ? encodeCursor(last) : null },
      200,
    );
  },
);

integrationOpsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integrations/{integration_id}/dlq/export',
    tags,
    summary: 'Export matching entries as NDJSON (one entry per line)',
    middleware: [requireRole('viewer')] as const,
    request: {
      params: IntegrationParam,
      query: FilterQuery.extend({ status: z.enum(DLQ_STATUSES).optional() }),
    },
    responses: {
      200: { description: 'NDJSON (application/x-ndjson), one entry per line' },
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { integration_id } = c.req.valid('param');
    const q = c.req.valid('query');
    await owned(c.var.deps, c.var.caller, integration_id);
    const store = storeOf(c.var.deps);
    const lines: string[] = [];
    let before: DlqFilter['before'];
    while (lines.length < EXPORT_MAX) {
      const page = await store.listDlq(integration_id, { ...q, limit: EXPORT_PAGE, before });
      for (const e of page) lines.push(JSON.stringify(view(e)));
      if (page.length < EXPORT_PAGE) break;
      const last = page[page.length - 1]!;
      before = { failed_at: last.failed_at, id: last.id };
    }
    return new Response(lines.map((l) => `${l}\n`).join(''), {
      status: 200,
      headers: {
        'content-type': 'application/x-ndjson',
        'content-disposition': `attachment; filename="dlq-${integration_id}.ndjson"`,
      },
    });
  },
);

integrationOpsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integrations/{integration_id}/dlq/{dlq_id}',
    tags,
    summary:
      'One dead-lettered event with its attempts, last status, last response (scrubbed) and reason',
    middleware: [requireRole('viewer')] as const,
    request: {
      params: IntegrationParam.extend({
        dlq_id: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: 'dlq_id', in: 'path' } }),
      }),
    },
    responses: { 200: json(DlqEntrySchema, 'The entry'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const { integration_id, dlq_id } = c.req.valid('param');
    await owned(c.var.deps, c.var.caller, integration_id);
    const entry = await storeOf(c.var.deps).getDlq(integration_id, dlq_id);
    if (!entry) throw new DataflyError('not_found', `no DLQ entry ${dlq_id}`);
    return c.json(view(entry), 200);
  },
);

const ReplayBody = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
    filter: FilterQuery.optional(),
    all: z.literal(true).optional(),
    revision: z.enum(['original', 'current']).default('original').openapi({
      description:
        '`current`: send with the revision each pipeline uses now (after a fix saved as a new revision); `original`: the revision that failed',
    }),
  })
  .refine(
    (b) => [b.ids, b.filter, b.all].filter((x) => x !== undefined).length === 1,
    'give exactly one of ids, filter or all: true',
  );

integrationOpsRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/integrations/{integration_id}/dlq/replay',
    tags,
    summary:
      'Replay one or many entries, or every dead entry matching a filter; re-queued with attempts reset',
    middleware: [requireRole('editor')] as const,
    request: { params: IntegrationParam, body: body(ReplayBody) },
    responses: {
      202: json(
        z.object({ requested: z.number() }),
        'Replay requested (the delivery service re-queues within a second)',
      ),
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { integration_id } = c.req.valid('param');
    const input = c.req.valid('json');
    await owned(c.var.deps, c.var.caller, integration_id);
    const at = c.var.deps.now().getTime();
    const select = input.ids ? { ids: input.ids } : { filter: input.filter ?? {} };
    const store = storeOf(c.var.deps);
    if (input.revision === 'current')
      await retargetToCurrentRevision(c.var.deps.database.db, store, integration_id, select);
    const requested = await store.requestReplay(integration_id, select, at);
    return c.json({ requested }, 202);
  },
);

const WindowQuery = z.object({
  window: z.enum(['15m', '1h', '24h', '7d']).default('24h'),
  buckets: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_BUCKETS)
    .optional()
    .openapi({
      description: `Points in the series (default: 15 for 15m, 30 for 1h, 24 for 24h, 28 for 7d; at most ${MAX_BUCKETS})`,
    }),
});
const SeriesBucketSchema = z.object({
  at: z.string().openapi({ description: 'Start of the bucket' }),
  delivered: z.number(),
  failed: z.number(),
  retried: z.number(),
  dead_lettered: z.number(),
  p50_latency_ms: z.number().nullable(),
  p95_latency_ms: z.number().nullable(),
});

integrationOpsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integrations/{integration_id}/stats',
    tags,
    summary:
      'Delivered, failed, retried, dead-lettered, success rate and p50/p95 latency over a window, in total, per pipeline and over time',
    middleware: [requireRole('viewer')] as const,
    request: {
      params: IntegrationParam,
      query: WindowQuery.extend({
        pipeline_id: z.string().min(1).max(64).optional().openapi({
          description:
            'Only this pipeline: `total`, `pipelines` and `series` (not `dlq_depth`, which is the integration’s)',
        }),
      }),
    },
    responses: {
      200: json(
        z.object({
          window: z.string(),
          since: z.string(),
          until: z.string(),
          dlq_depth: z.number(),
          total: StatsRowSchema,
          pipelines: z.array(StatsRowSchema),
          series: z
            .object({ bucket_ms: z.number(), buckets: z.array(SeriesBucketSchema) })
            .openapi({
              description: 'The window in equal buckets, oldest first; empty buckets are zeros',
            }),
        }),
        'Stats',
      ),
      ...errors(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { integration_id } = c.req.valid('param');
    const { window, buckets, pipeline_id } = c.req.valid('query');
    await owned(c.var.deps, c.var.caller, integration_id);
    const until = c.var.deps.now().getTime() + 1;
    const since = until - WINDOWS[window];
    const store = storeOf(c.var.deps);
    const all = await store.stats(integration_id, since, until);
    const rows = pipeline_id === undefined ? all : all.filter((r) => r.pipeline_id === pipeline_id);
    const empty = {
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
    };
    const total =
      pipeline_id === undefined
        ? all.find((r) => r.pipeline_id === null)!
        : { ...(rows[0] ?? empty), pipeline_id: null };
    const series = await integrationSeries(
      c.var.deps.database.db,
      integration_id,
      until,
      WINDOWS[window],
      buckets ?? DEFAULT_BUCKETS[window],
      pipeline_id,
    );
    return c.json(
      {
        window,
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        dlq_depth: await store.dlqDepth(integration_id),
        total,
        pipelines: rows.filter((r) => r.pipeline_id !== null),
        series: { bucket_ms: series.bucketMs, buckets: series.buckets },
      },
      200,
    );
  },
);

integrationOpsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/stats/pipelines',
    tags,
    summary:
      "Per pipeline over time: events received and delivered, and failed deliveries, across the organisation's integrations",
    middleware: [requireRole('viewer')] as const,
    request: { query: WindowQuery },
    responses: {
      200: json(
        z.object({
          window: z.string(),
          since: z.string(),
          until: z.string(),
          bucket_ms: z.number(),
          buckets: z
            .array(z.string())
            .openapi({ description: 'Start of each bucket, oldest first' }),
          pipelines: z.array(
            z.object({
              pipeline_id: z.string(),
              received: z.array(z.number()).openapi({
                description:
                  'Events the processor fanned out (its record is kept for the dedup window, 24 h by default)',
              }),
              delivered: z.array(z.number()),
              failed: z
                .array(z.number())
                .openapi({ description: 'Failed or dead-lettered delivery attempts' }),
            }),
          ),
        }),
        'Series per pipeline',
      ),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const { window, buckets } = c.req.valid('query');
    const until = c.var.deps.now().getTime() + 1;
    const s = await pipelineSeries(
      c.var.deps.database.db,
      c.var.caller.orgId,
      until,
      WINDOWS[window],
      buckets ?? DEFAULT_BUCKETS[window],
    );
    return c.json(
      {
        window,
        since: new Date(s.since).toISOString(),
        until: new Date(until).toISOString(),
        bucket_ms: s.bucketMs,
        buckets: s.starts.map((t) => new Date(t).toISOString()),
        pipelines: s.pipelines,
      },
      200,
    );
  },
);
