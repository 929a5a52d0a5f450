/**
 * Preview (docs/admin-api.md, dry run against sample events):
 * `POST /integration-templates/{id}/preview` runs the template's vendor over sample events with
 * the latest revision (or `revision_id`, or a draft `config`) and answers the exact requests
 * that would be sent — secrets masked, nothing sent — plus skipped events and mapping coverage.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { DataflyError } from '../../../core/errors/index.js';
import { MAX_PREVIEW_EVENTS, previewRequests } from '../../../core/mapping/index.js';
import { resolveParams } from '../../../core/params/index.js';
import { getVendor } from '../../../core/vendors/registry.js';
import { requireRole } from '../../auth/index.js';
import { integrationRevisions } from '../../../core/db/schema/index.js';
import { findTemplate } from '../../domain/views.js';
import { newRouter } from '../router.js';
import { body, errors, json, Parameters } from '../schemas.js';

export const previewRoutes = newRouter();

const PreviewBody = z
  .object({
    events: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_PREVIEW_EVENTS),
    revision_id: z.string().min(1).max(100).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    /** Values for `{{pipeline_param.KEY}}` references in the config. */
    pipeline_parameters: Parameters.optional(),
    /** Preview the vendor's test-mode requests. */
    test_mode: z.boolean().optional(),
  })
  .refine((b) => !(b.revision_id && b.config), {
    message: 'send revision_id or config, not both',
    path: ['config'],
  })
  .openapi('PreviewRequest');

const PreviewAnswer = z
  .object({
    vendor: z.string(),
    revision_id: z.string().nullable(),
    requests: z.array(
      z.object({
        method: z.string(),
        url: z.string(),
        headers: z.record(z.string(), z.string()),
        body: z.unknown().optional(),
        event_ids: z.array(z.string()),
      }),
    ),
    skipped: z.array(z.object({ event_id: z.string(), reason: z.string() })),
    invalid_events: z.array(
      z.object({ index: z.number(), field: z.string(), message: z.string() }),
    ),
    coverage: z.unknown().optional(),
  })
  .openapi('PreviewResult');

previewRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/integration-templates/{id}/preview',
    tags: ['Integration templates'],
    summary:
      'Dry-run the mapping on sample events: the requests that would be sent, secrets masked',
    middleware: [requireRole('viewer')] as const,
    request: {
      params: z.object({
        id: z
          .string()
          .min(1)
          .max(100)
          .openapi({ param: { name: 'id', in: 'path' }, example: 'tmpl_abc123' }),
      }),
      body: body(PreviewBody),
    },
    responses: { 200: json(PreviewAnswer, 'What would be sent'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { db } = deps.database;
    const template = await findTemplate(db, caller.orgId, id);
    const vendor = getVendor(template.vendor);
    if (!vendor)
      throw new DataflyError(
        'invalid_request',
        `vendor ${template.vendor} has no delivery definition to preview`,
        { field: 'vendor' },
      );
    let config = input.config;
    let revisionId: string | null = null;
    if (!config) {
      const [row] = await db
        .select()
        .from(integrationRevisions)
        .where(
          and(
            eq(integrationRevisions.integrationId, template.id),
            input.revision_id ? eq(integrationRevisions.id, input.revision_id) : undefined,
          ),
        )
        .orderBy(desc(integrationRevisions.revisionNumber))
        .limit(1);
      if (!row) {
        throw input.revision_id
          ? new DataflyError(
              'not_found',
              `revision ${input.revision_id} not found for template ${id}`,
              { field: 'revision_id' },
            )
          : new DataflyError(
              'not_found',
              `template ${id} has no revisions yet; send a draft "config"`,
              { field: 'config' },
            );
      }
      config = row.config;
      revisionId = row.id;
    }
    const resolved = resolveParams(config, input.pipeline_parameters ?? {});
    const result = previewRequests(vendor, resolved, input.events, {
      now: deps.now().toISOString(),
      testMode: input.test_mode ?? false,
    });
    return c.json({ vendor: template.vendor, revision_id: revisionId, ...result }, 200);
  },
);
