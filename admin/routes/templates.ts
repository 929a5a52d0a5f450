/** Integration templates and their immutable revisions (docs/admin-api.md). */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { requireRole } from '../auth/index.js';
import {
  integrationRevisions,
  integrationTemplates,
  pipelineIntegrations,
} from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { asConflict, sqlState } from '../domain/db-errors.js';
import { createRevision } from '../domain/revisions.js';
import { findTemplate, revisionView, templateView } from '../domain/views.js';
import { newRouter } from './router.js';
import {
  body,
  CreateRevision,
  CreateTemplate,
  errors,
  json,
  Revision,
  Status,
  Template,
  TemplateWithRevision,
} from './schemas.js';

export const templatesRoutes = newRouter();

const TemplateId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'tmpl_abc123' }),
});
const RevisionIds = TemplateId.extend({
  rid: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'rid', in: 'path' }, example: 'rev_xyz789' }),
});
const tags = ['Integration templates'];

templatesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-templates',
    tags,
    summary: 'List integration templates',
    middleware: [requireRole('viewer')] as const,
    request: { query: z.object({ vendor: z.string().max(64).optional() }) },
    responses: {
      200: json(z.object({ templates: z.array(Template) }), 'Templates'),
      ...errors(401, 403),
    },
  }),
  async (c) => {
    const { vendor } = c.req.valid('query');
    const rows = await c.var.deps.database.db
      .select()
      .from(integrationTemplates)
      .where(
        and(
          eq(integrationTemplates.orgId, c.var.caller.orgId),
          vendor ? eq(integrationTemplates.vendor, vendor) : undefined,
        ),
      )
      .orderBy(integrationTemplates.createdAt, integrationTemplates.id);
    return c.json({ templates: rows.map(templateView) }, 200);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/integration-templates',
    tags,
    summary: 'Create a template (and its revision 1 when config is given)',
    middleware: [requireRole('editor')] as const,
    request: { body: body(CreateTemplate) },
    responses: { 201: json(TemplateWithRevision, 'Created'), ...errors(400, 401, 403) },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { deps, caller } = c.var;
    const result = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [template] = await tx
        .insert(integrationTemplates)
        .values({
          id: deps.newId('tmpl'),
          orgId: caller.orgId,
          name: input.name,
          vendor: input.vendor,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'template.create',
          entityType: 'template',
          entityId: template!.id,
          details: { name: input.name, vendor: input.vendor },
        },
        now,
      );
      if (!input.config) return { template: template!, revision: undefined };
      const revision = await createRevision(tx, deps, caller, template!, {
        config: input.config,
        delivery_mode: input.delivery_mode,
        change_summary: input.change_summary ?? 'Initial revision',
      });
      return { template: { ...template!, latestRevision: revision.revisionNumber }, revision };
    });
    return c.json(
      {
        ...templateView(result.template),
        ...(result.revision
          ? { revision: revisionView(result.revision, result.template.vendor) }
          : {}),
      },
      201,
    );
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-templates/{id}',
    tags,
    summary: 'Get a template',
    middleware: [requireRole('viewer')] as const,
    request: { params: TemplateId },
    responses: { 200: json(Template, 'The template'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const template = await findTemplate(
      c.var.deps.database.db,
      c.var.caller.orgId,
      c.req.valid('param').id,
    );
    return c.json(templateView(template), 200);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/integration-templates/{id}',
    tags,
    summary: 'Rename a template (its vendor never changes)',
    middleware: [requireRole('editor')] as const,
    request: {
      params: TemplateId,
      body: body(z.object({ name: z.string().trim().min(1).max(200) })),
    },
    responses: { 200: json(Template, 'Renamed'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('json');
    const template = await deps.database.db.transaction(async (tx) => {
      const before = await findTemplate(tx, caller.orgId, id);
      const now = deps.now();
      const [row] = await tx
        .update(integrationTemplates)
        .set({ name, updatedAt: now })
        .where(eq(integrationTemplates.id, id))
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'template.rename',
          entityType: 'template',
          entityId: id,
          details: { from: before.name, to: name },
        },
        now,
      );
      return row!;
    });
    return c.json(templateView(template), 200);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/integration-templates/{id}',
    tags,
    summary: 'Delete a template and its revisions (refused while a pipeline uses it)',
    middleware: [requireRole('editor')] as const,
    request: { params: TemplateId },
    responses: { 200: json(Status('deleted'), 'Deleted'), ...errors(401, 403, 404, 409) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { id } = c.req.valid('param');
    await deps.database.db.transaction(async (tx) => {
      await findTemplate(tx, caller.orgId, id);
      const users = await tx
        .select({ pipelineId: pipelineIntegrations.pipelineId })
        .from(pipelineIntegrations)
        .where(eq(pipelineIntegrations.integrationId, id));
      if (users.length > 0) {
        throw new DataflyError(
          'conflict',
          `integration template ${id} is used by ${users.length} pipeline(s); remove it from them first`,
          {
            details: { pipeline_ids: users.map((u) => u.pipelineId) },
          },
        );
      }
      try {
        await tx.delete(integrationTemplates).where(eq(integrationTemplates.id, id));
      } catch (e) {
        throw asConflict(e, `integration template ${id} is in use`);
      }
      await recordChange(
        tx,
        caller,
        { action: 'template.delete', entityType: 'template', entityId: id },
        deps.now(),
      );
    });
    return c.json({ status: 'deleted' as const }, 200);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-templates/{id}/revisions',
    tags,
    summary: 'List revisions, newest first',
    middleware: [requireRole('viewer')] as const,
    request: { params: TemplateId },
    responses: {
      200: json(z.object({ revisions: z.array(Revision) }), 'Revisions'),
      ...errors(401, 403, 404),
    },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const template = await findTemplate(db, c.var.caller.orgId, c.req.valid('param').id);
    const rows = await db
      .select()
      .from(integrationRevisions)
      .where(eq(integrationRevisions.integrationId, template.id))
      .orderBy(desc(integrationRevisions.revisionNumber));
    return c.json({ revisions: rows.map((r) => revisionView(r, template.vendor)) }, 200);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/integration-templates/{id}/revisions',
    tags,
    summary: 'Create the next revision (revisions are immutable)',
    middleware: [requireRole('editor')] as const,
    request: { params: TemplateId, body: body(CreateRevision) },
    responses: { 201: json(Revision, 'Created'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { revision, vendor } = await withUniqueRetry(() =>
      deps.database.db.transaction(async (tx) => {
        const template = await findTemplate(tx, caller.orgId, id);
        return {
          revision: await createRevision(tx, deps, caller, template, input),
          vendor: template.vendor,
        };
      }),
    );
    return c.json(revisionView(revision, vendor), 201);
  },
);

templatesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-templates/{id}/revisions/{rid}',
    tags,
    summary: 'Get a revision',
    middleware: [requireRole('viewer')] as const,
    request: { params: RevisionIds },
    responses: { 200: json(Revision, 'The revision'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const { id, rid } = c.req.valid('param');
    const template = await findTemplate(db, c.var.caller.orgId, id);
    const [row] = await db
      .select()
      .from(integrationRevisions)
      .where(
        and(eq(integrationRevisions.id, rid), eq(integrationRevisions.integrationId, template.id)),
      );
    if (!row)
      throw new DataflyError(
        'not_found',
        `revision ${rid} not found in integration template ${id}`,
      );
    return c.json(revisionView(row, template.vendor), 200);
  },
);

for (const method of ['put', 'patch', 'delete'] as const) {
  templatesRoutes.on(
    method.toUpperCase(),
    '/integration-templates/:id/revisions/:rid',
    requireRole('viewer'),
    () => {
      throw new DataflyError('conflict', 'revisions are immutable: create a new revision instead');
    },
  );
}

/** Retry a transaction that lost a unique-constraint race (the counter lock makes this rare). */
async function withUniqueRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (i >= attempts || sqlState(e) !== '23505') throw e;
    }
  }
}
