/**
 * Sources and their pipeline keys (`dk_…`). Every change rewrites the affected key records in
 * KV inside the same transaction (see ../domain/keys.ts). Secrets are returned once, on create
 * and rotate; lists never show them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { atLeast, requireRole } from '../auth/index.js';
import type { AdminDeps, Caller } from '../context.js';
import type { Tx } from '../../core/db/client.js';
import { pipelineKeys, sources, type Source } from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { newHmacSecret, newWebhookSecret, rotateSecrets, syncKeys } from '../domain/keys.js';
import { findPipeline, keyView, sourceView } from '../domain/views.js';
import type { WebhookConfig } from '../../core/keys/record.js';
import { PipelineId } from './pipelines.js';
import { newRouter } from './router.js';
import {
  body,
  CreateKey,
  errors,
  json,
  Key,
  KeyWithSecret,
  Source as SourceSchema,
  UpdateSource,
} from './schemas.js';

export const keysRoutes = newRouter();

const KeyIds = PipelineId.extend({
  kid: z
    .string()
    .min(1)
    .max(140)
    .openapi({ param: { name: 'kid', in: 'path' }, example: 'dk_3kTqX9m2' }),
});
const SourceIds = PipelineId.extend({
  sid: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'sid', in: 'path' }, example: 'src_abc123' }),
});
const tags = ['Sources and keys'];

/** Kinds whose requests are signed with the key's HMAC secrets. */
const SIGNED_KINDS = new Set<Source['kind']>(['server', 'batch']);

async function findKey(tx: Tx, pid: string, kid: string) {
  const [row] = await tx
    .select({ key: pipelineKeys, source: sources })
    .from(pipelineKeys)
    .innerJoin(sources, eq(sources.id, pipelineKeys.sourceId))
    .where(and(eq(pipelineKeys.id, kid), eq(pipelineKeys.pipelineId, pid)));
  if (!row) throw new DataflyError('not_found', `key ${kid} not found in pipeline ${pid}`);
  return row;
}

keysRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{pid}/keys',
    tags,
    summary: 'List the keys of a pipeline (secrets are never shown)',
    middleware: [requireRole('viewer')] as const,
    request: { params: PipelineId },
    responses: { 200: json(z.object({ keys: z.array(Key) }), 'Keys'), ...errors(401, 403, 404) },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const pipeline = await findPipeline(db, c.var.caller.orgId, c.req.valid('param').pid);
    const rows = await db
      .select({ key: pipelineKeys, source: sources })
      .from(pipelineKeys)
      .innerJoin(sources, eq(sources.id, pipelineKeys.sourceId))
      .where(eq(pipelineKeys.pipelineId, pipeline.id))
      .orderBy(pipelineKeys.createdAt, pipelineKeys.id);
    // Editors need the full id to configure a site; viewers see it cut like a token.
    const short = !atLeast(c.var.caller.role, 'editor');
    return c.json({ keys: rows.map((r) => keyView(r.key, r.source, short)) }, 200);
  },
);

keysRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines/{pid}/keys',
    tags,
    summary: 'Create a key (and its source unless source_id is given); the secret is shown once',
    middleware: [requireRole('editor')] as const,
    request: { params: PipelineId, body: body(CreateKey) },
    responses: { 201: json(KeyWithSecret, 'Created'), ...errors(400, 401, 403, 404, 503) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const now = deps.now();
      let source: Source;
      let secret: string | undefined;
      if (input.source_id) {
        const [existing] = await tx
          .select()
          .from(sources)
          .where(and(eq(sources.id, input.source_id), eq(sources.pipelineId, pid)));
        if (!existing)
          throw new DataflyError(
            'not_found',
            `source ${input.source_id} not found in pipeline ${pid}`,
            { field: 'source_id' },
          );
        source = existing;
      } else {
        if (input.kind === 'webhook' && !input.webhook)
          throw new DataflyError(
            'invalid_request',
            'a webhook key needs a webhook signature scheme',
            { field: 'webhook' },
          );
        let webhook: WebhookConfig | null = null;
        if (input.kind === 'webhook' && input.webhook) {
          secret = newWebhookSecret(input.webhook.scheme);
          webhook =
            input.webhook.scheme === 'hmac_sha256'
              ? { header: 'x-webhook-signature', prefix: '', ...input.webhook, secrets: [secret] }
              : { tolerance_seconds: 300, ...input.webhook, secrets: [secret] };
        }
        const [created] = await tx
          .insert(sources)
          .values({
            id: deps.newId('src'),
            orgId: caller.orgId,
            pipelineId: pid,
            name: input.name,
            kind: input.kind,
            allowedOrigins: input.allowed_origins,
            cookieDomain: input.cookie_domain,
            webhook,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        source = created!;
        await recordChange(
          tx,
          caller,
          {
            action: 'source.create',
            entityType: 'source',
            entityId: source.id,
            details: { pipeline_id: pid, kind: source.kind },
          },
          now,
        );
      }
      const hmacSecrets = SIGNED_KINDS.has(source.kind) ? [newHmacSecret()] : [];
      if (hmacSecrets[0]) secret = hmacSecrets[0];
      const [key] = await tx
        .insert(pipelineKeys)
        .values({
          id: deps.newId('dk'),
          orgId: caller.orgId,
          pipelineId: pid,
          sourceId: source.id,
          name: input.name,
          hmacSecrets,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'key.create',
          entityType: 'key',
          entityId: key!.id,
          details: { pipeline_id: pid, source_id: source.id },
        },
        now,
      );
      await syncKeys(tx, deps.kv, { keyIds: [key!.id] });
      return { ...keyView(key!, source), ...(secret ? { secret } : {}) };
    });
    return c.json(result, 201);
  },
);

keysRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines/{pid}/keys/{kid}/revoke',
    tags,
    summary: 'Revoke a key (the edge refuses it from then on)',
    middleware: [requireRole('editor')] as const,
    request: { params: KeyIds },
    responses: { 200: json(Key, 'Revoked'), ...errors(401, 403, 404, 503) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid, kid } = c.req.valid('param');
    const view = await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const { key, source } = await findKey(tx, pid, kid);
      const now = deps.now();
      const [updated] = await tx
        .update(pipelineKeys)
        .set({ status: 'revoked', revokedAt: key.revokedAt ?? now, updatedAt: now })
        .where(eq(pipelineKeys.id, kid))
        .returning();
      await recordChange(
        tx,
        caller,
        { action: 'key.revoke', entityType: 'key', entityId: kid, details: { pipeline_id: pid } },
        now,
      );
      await syncKeys(tx, deps.kv, { keyIds: [kid] });
      return keyView(updated!, source);
    });
    return c.json(view, 200);
  },
);

keysRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines/{pid}/keys/{kid}/rotate',
    tags,
    summary:
      'Start a secret rotation: a new secret (shown once) goes first, the previous one stays valid',
    middleware: [requireRole('editor')] as const,
    request: { params: KeyIds },
    responses: { 200: json(KeyWithSecret, 'Rotated'), ...errors(401, 403, 404, 409, 503) },
  }),
  async (c) => rotate(c.var, c.req.valid('param'), 'start').then((view) => c.json(view, 200)),
);

keysRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/pipelines/{pid}/keys/{kid}/rotate/complete',
    tags,
    summary: 'Finish a rotation: only the newest secret stays valid',
    middleware: [requireRole('editor')] as const,
    request: { params: KeyIds },
    responses: { 200: json(Key, 'Rotation finished'), ...errors(401, 403, 404, 409, 503) },
  }),
  async (c) => rotate(c.var, c.req.valid('param'), 'complete').then((view) => c.json(view, 200)),
);

async function rotate(
  { deps, caller }: { deps: AdminDeps; caller: Caller },
  { pid, kid }: { pid: string; kid: string },
  step: 'start' | 'complete',
) {
  return deps.database.db.transaction(async (tx) => {
    await findPipeline(tx, caller.orgId, pid);
    const { key, source } = await findKey(tx, pid, kid);
    if (key.status === 'revoked') throw new DataflyError('conflict', `key ${kid} is revoked`);
    const now = deps.now();
    let secret: string | undefined;
    let updatedSource = source;
    let hmacSecrets = key.hmacSecrets;
    if (source.kind === 'webhook' && source.webhook) {
      const webhook = source.webhook;
      if (step === 'start') secret = newWebhookSecret(webhook.scheme);
      const secrets = secret ? rotateSecrets(webhook.secrets, secret) : webhook.secrets.slice(0, 1);
      const [row] = await tx
        .update(sources)
        .set({ webhook: { ...webhook, secrets }, updatedAt: now })
        .where(eq(sources.id, source.id))
        .returning();
      updatedSource = row!;
    } else if (SIGNED_KINDS.has(source.kind)) {
      if (step === 'start') secret = newHmacSecret();
      hmacSecrets = secret ? rotateSecrets(key.hmacSecrets, secret) : key.hmacSecrets.slice(0, 1);
    } else {
      throw new DataflyError('conflict', `a ${source.kind} key has no signing secret to rotate`);
    }
    const [updated] = await tx
      .update(pipelineKeys)
      .set({ hmacSecrets, updatedAt: now, ...(step === 'start' ? { rotatedAt: now } : {}) })
      .where(eq(pipelineKeys.id, kid))
      .returning();
    await recordChange(
      tx,
      caller,
      {
        action: `key.rotate.${step}`,
        entityType: 'key',
        entityId: kid,
        details: { pipeline_id: pid },
      },
      now,
    );
    // A webhook source's secrets are shared by all its keys.
    await syncKeys(
      tx,
      deps.kv,
      source.kind === 'webhook' ? { sourceIds: [source.id] } : { keyIds: [kid] },
    );
    return { ...keyView(updated!, updatedSource), ...(secret ? { secret } : {}) };
  });
}

keysRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipelines/{pid}/sources',
    tags,
    summary: 'List the sources of a pipeline',
    middleware: [requireRole('viewer')] as const,
    request: { params: PipelineId },
    responses: {
      200: json(z.object({ sources: z.array(SourceSchema) }), 'Sources'),
      ...errors(401, 403, 404),
    },
  }),
  async (c) => {
    const { db } = c.var.deps.database;
    const pipeline = await findPipeline(db, c.var.caller.orgId, c.req.valid('param').pid);
    const rows = await db
      .select()
      .from(sources)
      .where(eq(sources.pipelineId, pipeline.id))
      .orderBy(sources.createdAt, sources.id);
    return c.json({ sources: rows.map(sourceView) }, 200);
  },
);

keysRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/pipelines/{pid}/sources/{sid}',
    tags,
    summary:
      'Update a source (allowed origins, cookie domain, name); its keys are re-synced to the edge',
    middleware: [requireRole('editor')] as const,
    request: { params: SourceIds, body: body(UpdateSource) },
    responses: { 200: json(SourceSchema, 'Updated'), ...errors(400, 401, 403, 404, 503) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { pid, sid } = c.req.valid('param');
    const input = c.req.valid('json');
    const view = await deps.database.db.transaction(async (tx) => {
      await findPipeline(tx, caller.orgId, pid);
      const now = deps.now();
      const [row] = await tx
        .update(sources)
        .set({
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.allowed_origins === undefined ? {} : { allowedOrigins: input.allowed_origins }),
          ...(input.cookie_domain === undefined ? {} : { cookieDomain: input.cookie_domain }),
          updatedAt: now,
        })
        .where(and(eq(sources.id, sid), eq(sources.pipelineId, pid)))
        .returning();
      if (!row) throw new DataflyError('not_found', `source ${sid} not found in pipeline ${pid}`);
      await recordChange(
        tx,
        caller,
        {
          action: 'source.update',
          entityType: 'source',
          entityId: sid,
          details: { pipeline_id: pid, fields: Object.keys(input) },
        },
        now,
      );
      await syncKeys(tx, deps.kv, { sourceIds: [sid] });
      return sourceView(row);
    });
    return c.json(view, 200);
  },
);
