/** The caller's organisation (its org data layer), API tokens and audit log. */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, lt } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { hashToken, newToken, requireRole } from '../auth/index.js';
import {
  apiTokens,
  auditLog,
  organisations,
  type ApiToken as ApiTokenRow,
} from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { newHmacSecret, syncKeys } from '../domain/keys.js';
import { newRouter } from './router.js';
import {
  ApiToken,
  body,
  CreateToken,
  errors,
  json,
  Organisation,
  OrgDataLayerSchema,
} from './schemas.js';
import { shortKeyId } from '../domain/views.js';

export const orgRoutes = newRouter();

const tokenView = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  token_prefix: t.tokenPrefix,
  created_at: t.createdAt.toISOString(),
  last_used_at: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
  revoked_at: t.revokedAt ? t.revokedAt.toISOString() : null,
});

orgRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/organisation',
    tags: ['Organisation'],
    summary: "The caller's organisation and its org data layer",
    middleware: [requireRole('viewer')] as const,
    responses: { 200: json(Organisation, 'The organisation'), ...errors(401, 403) },
  }),
  async (c) => {
    const [org] = await c.var.deps.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, c.var.caller.orgId));
    if (!org) throw new DataflyError('not_found', 'organisation not found');
    return c.json({ id: org.id, name: org.name, data_layer: org.dataLayer }, 200);
  },
);

orgRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/organisation/data-layer',
    tags: ['Organisation'],
    summary: 'Replace the org data layer (applied to every event before pipeline transformations)',
    middleware: [requireRole('editor')] as const,
    request: { body: body(OrgDataLayerSchema) },
    responses: { 200: json(Organisation, 'Updated'), ...errors(400, 401, 403) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const dataLayer = c.req.valid('json');
    const org = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [current] = await tx
        .select({ linkSecret: organisations.linkSecret })
        .from(organisations)
        .where(eq(organisations.id, caller.orgId));
      // The link-token secret is made when link domains are first declared (docs/identity.md).
      const linkSecret =
        current?.linkSecret ??
        ((dataLayer.identity?.link_domains?.length ?? 0) > 0 ? newHmacSecret() : null);
      const [row] = await tx
        .update(organisations)
        .set({ dataLayer, linkSecret, updatedAt: now })
        .where(eq(organisations.id, caller.orgId))
        .returning();
      // Browser keys carry the link domains and secret to the edge.
      await syncKeys(tx, deps.kv, { orgIds: [caller.orgId] });
      await recordChange(
        tx,
        caller,
        { action: 'org.data_layer.update', entityType: 'organisation', entityId: caller.orgId },
        now,
      );
      return row!;
    });
    return c.json({ id: org.id, name: org.name, data_layer: org.dataLayer }, 200);
  },
);

orgRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['API tokens'],
    summary:
      'Who the caller is: token name and prefix, role, organisation (any role; the Management UI shows it)',
    middleware: [requireRole('viewer')] as const,
    responses: {
      200: json(
        z.object({
          token_id: z.string(),
          name: z.string(),
          token_prefix: z.string(),
          role: ApiToken.shape.role,
          organisation: z.object({ id: z.string(), name: z.string() }),
        }),
        'The caller',
      ),
      ...errors(401),
    },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const { tokenId, orgId, role } = c.var.caller;
    const [token] = await db
      .select({ name: apiTokens.name, prefix: apiTokens.tokenPrefix })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId));
    const [org] = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, orgId));
    if (!token || !org) throw new DataflyError('unauthorized', 'invalid or revoked token');
    return c.json(
      { token_id: tokenId, name: token.name, token_prefix: token.prefix, role, organisation: org },
      200,
    );
  },
);

orgRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    tags: ['API tokens'],
    summary: 'List API tokens (admin)',
    middleware: [requireRole('admin')] as const,
    responses: {
      200: json(z.object({ tokens: z.array(ApiToken) }), 'Tokens'),
      ...errors(401, 403),
    },
  }),
  async (c) => {
    const rows = await c.var.deps.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.orgId, c.var.caller.orgId))
      .orderBy(apiTokens.createdAt, apiTokens.id);
    return c.json({ tokens: rows.map(tokenView) }, 200);
  },
);

orgRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    tags: ['API tokens'],
    summary: 'Create an API token (admin); the token is shown once',
    middleware: [requireRole('admin')] as const,
    request: { body: body(CreateToken) },
    responses: {
      201: json(ApiToken.extend({ token: z.string() }), 'Created'),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const input = c.req.valid('json');
    const token = newToken(deps);
    const row = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [created] = await tx
        .insert(apiTokens)
        .values({
          id: deps.newId('tok'),
          orgId: caller.orgId,
          name: input.name,
          role: input.role,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, 8),
          createdAt: now,
        })
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'token.create',
          entityType: 'token',
          entityId: created!.id,
          details: { role: input.role },
        },
        now,
      );
      return created!;
    });
    return c.json({ ...tokenView(row), token }, 201);
  },
);

orgRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['API tokens'],
    summary: 'Revoke an API token (admin)',
    middleware: [requireRole('admin')] as const,
    request: {
      params: z.object({
        id: z
          .string()
          .min(1)
          .max(100)
          .openapi({ param: { name: 'id', in: 'path' } }),
      }),
    },
    responses: { 200: json(ApiToken, 'Revoked'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { id } = c.req.valid('param');
    const row = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [updated] = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.orgId, caller.orgId)))
        .returning();
      if (!updated) throw new DataflyError('not_found', `token ${id} not found`);
      await recordChange(
        tx,
        caller,
        { action: 'token.revoke', entityType: 'token', entityId: id },
        now,
      );
      return updated;
    });
    return c.json(tokenView(row), 200);
  },
);

const AuditEntry = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.string(),
    details: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .openapi('AuditEntry');

orgRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit-log',
    tags: ['Audit log'],
    summary: 'Every change, newest first (admin); page with ?before=<id>',
    middleware: [requireRole('admin')] as const,
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        before: z.coerce.number().int().min(1).optional(),
      }),
    },
    responses: {
      200: json(z.object({ entries: z.array(AuditEntry) }), 'Audit entries'),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const { limit, before } = c.req.valid('query');
    const rows = await c.var.deps.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.orgId, c.var.caller.orgId), before ? lt(auditLog.id, before) : undefined),
      )
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return c.json(
      {
        entries: rows.map((r) => ({
          id: r.id,
          actor: r.actor,
          action: r.action,
          entity_type: r.entityType,
          // Key ids are credentials for browser and webhook sources: cut like token prefixes.
          entity_id: r.entityType === 'key' ? shortKeyId(r.entityId) : r.entityId,
          details: r.details,
          created_at: r.createdAt.toISOString(),
        })),
      },
      200,
    );
  },
);
