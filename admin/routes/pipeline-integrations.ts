/** Pipeline integrations, as docs/admin-api.md describes them: a template pinned at a revision on a pipeline. */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { requireRole } from '../auth/index.js';
import type { Tx } from '../../core/db/client.js';
import { integrationRevisions, pipelineIntegrations } from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { asConflict } from '../domain/db-errors.js';
import { findPipeline, findTemplate, pipelineIntegrationViews } from '../domain/views.js';
import { PipelineId } from './pipelines.js';
import { newRouter } from './router.js';
import {
  AssignIntegration,
  body,
  errors,
  json,
  PipelineIntegration,
  Status,
  UpdateIntegration,
} from './schemas.js';

export const pipelineIntegrationsRoutes = newRouter();

const PiIds = PipelineId.extend({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'pi_abc123' }),
});
const tags = ['Pipeline integrations'];

/** The revision, which must belong to the template (400 naming revision_id otherwise). */
async function revisionOf(tx: Tx, templateId: string, revisionId: string) {
  const [revision] = await tx
    .select()
    .from(integrationRevisions)
    .where(eq(integrationRevisions.id, revisionId));
  if (!revision)
    throw new DataflyError('not_found', `revision ${revisionId} not found`, {
      field: 'revision_id',
    });
  if (revision.integrationId !== templateId) {
    throw new DataflyError(
      'invalid_request',
      `revision ${revisionId} belongs to another integration template, not ${templateId}`,
      { field: 'revision_id' },
    );
  }
  return revision;
}

pipelineIntegrationsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{pid}/integrations',
    tags,
    summary: 'List the integrations assigned to a pipeline',
    middleware: [requireRole('viewer')] as const,
    request: { params: PipelineId },
    responses: {
      200: json(z.object({ integrations: z.array(PipelineIntegration) }), 'Assigned integrations'),
      ...errors(401, 403, 404),
    },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const pipeline = await findPipeline(db, c.var.caller.orgId, c.req.valid('param').pid);
    return c.json({ integrations: await pipelineIntegrationViews(db, pipeline) }, 200);
  },
);

pipelineIntegrationsRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines/{pid}/integrations',
    tags,
    summary: 'Assign an integration template at a revision to a pipeline',
    middleware: [requireRole('editor')] as const,
    request: { params: PipelineId, body: body(AssignIntegration) },
    responses: { 201: json(PipelineIntegration, 'Assigned'), ...errors(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid } = c.req.valid('param');
    const input = c.req.valid('json');
    const view = await deps.database.db.transaction(async (tx) => {
      const pipeline = await findPipeline(tx, caller.orgId, pid);
      await findTemplate(tx, caller.orgId, input.integration_id, 'integration_id');
      await revisionOf(tx, input.integration_id, input.revision_id);
      const now = deps.now();
      const id = deps.newId('pi');
      try {
        await tx.insert(pipelineIntegrations).values({
          id,
          orgId: caller.orgId,
          pipelineId: pid,
          integrationId: input.integration_id,
          revisionId: input.revision_id,
          enabled: input.enabled,
          createdAt: now,
          updatedAt: now,
        });
      } catch (e) {
        throw asConflict(
          e,
          `integration template ${input.integration_id} is already assigned to pipeline ${pid}`,
          'integration_id',
        );
      }
      await recordChange(
        tx,
        caller,
        {
          action: 'pipeline_integration.create',
          entityType: 'pipeline_integration',
          entityId: id,
          details: { pipeline_id: pid, ...input },
        },
        now,
      );
      const [created] = await pipelineIntegrationViews(tx, pipeline, [id]);
      return created!;
    });
    return c.json(view, 201);
  },
);

pipelineIntegrationsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/pipelines/{pid}/integrations/{id}',
    tags,
    summary: 'Change the pinned revision or enable/disable delivery',
    middleware: [requireRole('editor')] as const,
    request: { params: PiIds, body: body(UpdateIntegration) },
    responses: { 200: json(PipelineIntegration, 'Updated'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid, id } = c.req.valid('param');
    const input = c.req.valid('json');
    const view = await deps.database.db.transaction(async (tx) => {
      const pipeline = await findPipeline(tx, caller.orgId, pid);
      const [current] = await tx
        .select()
        .from(pipelineIntegrations)
        .where(and(eq(pipelineIntegrations.id, id), eq(pipelineIntegrations.pipelineId, pid)));
      if (!current)
        throw new DataflyError(
          'not_found',
          `pipeline integration ${id} not found in pipeline ${pid}`,
        );
      if (input.revision_id) await revisionOf(tx, current.integrationId, input.revision_id);
      const now = deps.now();
      await tx
        .update(pipelineIntegrations)
        .set({
          ...(input.revision_id ? { revisionId: input.revision_id } : {}),
          ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
          updatedAt: now,
        })
        .where(eq(pipelineIntegrations.id, id));
      await recordChange(
        tx,
        caller,
        {
          action: 'pipeline_integration.update',
          entityType: 'pipeline_integration',
          entityId: id,
          details: { pipeline_id: pid, ...input },
        },
        now,
      );
      const [updated] = await pipelineIntegrationViews(tx, pipeline, [id]);
      return updated!;
    });
    return c.json(view, 200);
  },
);

pipelineIntegrationsRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/pipelines/{pid}/integrations/{id}',
    tags,
    summary: 'Remove an integration from a pipeline (the template and revisions stay)',
    middleware: [requireRole('editor')] as const,
    request: { params: PiIds },
    responses: { 200: json(Status('removed'), 'Removed'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid, id } = c.req.valid('param');
    await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const deleted = await tx
        .delete(pipelineIntegrations)
        .where(and(eq(pipelineIntegrations.id, id), eq(pipelineIntegrations.pipelineId, pid)))
        .returning({ id: pipelineIntegrations.id });
      if (deleted.length === 0)
        throw new DataflyError(
          'not_found',
          `pipeline integration ${id} not found in pipeline ${pid}`,
        );
      await recordChange(
        tx,
        caller,
        {
          action: 'pipeline_integration.delete',
          entityType: 'pipeline_integration',
          entityId: id,
          details: { pipeline_id: pid },
        },
        deps.now(),
      );
    });
    return c.json({ status: 'removed' as const }, 200);
  },
);
