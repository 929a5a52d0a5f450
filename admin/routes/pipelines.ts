/** Pipelines with their parameters and transformations. */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { requireRole } from '../auth/index.js';
import { pipelineKeys, pipelines } from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { syncKeys } from '../domain/keys.js';
import { refusePrivateTargets } from '../domain/targets.js';
import { findPipeline, pipelineView } from '../domain/views.js';
import { newRouter } from './router.js';
import { body, CreatePipeline, errors, json, Pipeline, Status, UpdatePipeline } from './schemas.js';

export const pipelinesRoutes = newRouter();

export const PipelineId = z.object({
  pid: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'pid', in: 'path' }, example: 'pip_xyz789' }),
});
const tags = ['Pipelines'];

pipelinesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines',
    tags,
    summary: 'List pipelines',
    middleware: [requireRole('viewer')] as const,
    responses: {
      200: json(z.object({ pipelines: z.array(Pipeline) }), 'Pipelines'),
      ...errors(401, 403),
    },
  }),
  async (c) => {
    const rows = await c.var.deps.database.db
      .select()
      .from(pipelines)
      .where(eq(pipelines.orgId, c.var.caller.orgId))
      .orderBy(pipelines.createdAt, pipelines.id);
    return c.json({ pipelines: rows.map(pipelineView) }, 200);
  },
);

pipelinesRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines',
    tags,
    summary: 'Create a pipeline',
    middleware: [requireRole('editor')] as const,
    request: { body: body(CreatePipeline) },
    responses: { 201: json(Pipeline, 'Created'), ...errors(400, 401, 403) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const input = c.req.valid('json');
    refusePrivateTargets(input.parameters, 'parameters', deps.allowPrivateTargets);
    const row = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [created] = await tx
        .insert(pipelines)
        .values({
          id: deps.newId('pip'),
          orgId: caller.orgId,
          ...input,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'pipeline.create',
          entityType: 'pipeline',
          entityId: created!.id,
          details: { name: input.name },
        },
        now,
      );
      return created!;
    });
    return c.json(pipelineView(row), 201);
  },
);

pipelinesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{pid}',
    tags,
    summary: 'Get a pipeline',
    middleware: [requireRole('viewer')] as const,
    request: { params: PipelineId },
    responses: { 200: json(Pipeline, 'The pipeline'), ...errors(401, 403, 404) },
  }),
  async (c) =>
    c.json(
      pipelineView(
        await findPipeline(c.var.deps.database.db, c.var.caller.orgId, c.req.valid('param').pid),
      ),
      200,
    ),
);

pipelinesRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/pipelines/{pid}',
    tags,
    summary: 'Update a pipeline (only the fields given)',
    middleware: [requireRole('editor')] as const,
    request: { params: PipelineId, body: body(UpdatePipeline) },
    responses: { 200: json(Pipeline, 'Updated'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid } = c.req.valid('param');
    const input = c.req.valid('json');
    refusePrivateTargets(input.parameters, 'parameters', deps.allowPrivateTargets);
    const row = await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const now = deps.now();
      const [updated] = await tx
        .update(pipelines)
        .set({ ...input, updatedAt: now })
        .where(eq(pipelines.id, pid))
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'pipeline.update',
          entityType: 'pipeline',
          entityId: pid,
          details: { fields: Object.keys(input) },
        },
        now,
      );
      return updated!;
    });
    return c.json(pipelineView(row), 200);
  },
);

pipelinesRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/pipelines/{pid}',
    tags,
    summary:
      'Delete a pipeline, its sources, keys (revoked at the edge) and integration assignments',
    middleware: [requireRole('editor')] as const,
    request: { params: PipelineId },
    responses: { 200: json(Status('deleted'), 'Deleted'), ...errors(401, 403, 404, 503) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid } = c.req.valid('param');
    await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const now = deps.now();
      // The edge must stop accepting the keys: mark them revoked in KV before the rows go.
      await tx
        .update(pipelineKeys)
        .set({ status: 'revoked', revokedAt: now, updatedAt: now })
        .where(eq(pipelineKeys.pipelineId, pid));
      await syncKeys(tx, deps.kv, { pipelineIds: [pid] });
      await tx.delete(pipelines).where(eq(pipelines.id, pid));
      await recordChange(
        tx,
        caller,
        { action: 'pipeline.delete', entityType: 'pipeline', entityId: pid },
        now,
      );
    });
    return c.json({ status: 'deleted' as const }, 200);
  },
);
