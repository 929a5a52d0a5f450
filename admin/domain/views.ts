/** Rows → API objects (seed field names), and the lookups that 404 when a row is missing. */
import { and, eq, inArray } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { missingParams } from '../../core/params/index.js';
import type { Db, Tx } from '../../core/db/client.js';
import {
  integrationRevisions,
  integrationTemplates,
  pipelineIntegrations,
  pipelines,
  type IntegrationRevision,
  type IntegrationTemplate,
  type Pipeline,
  type PipelineKeyRow,
  type Source,
} from '../../core/db/schema/index.js';
import { maskSecrets } from './secrets.js';
import { getCatalogEntry } from '../../core/catalog/index.js';

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** @example templateView(row) // → { id: 'tmpl_…', name, vendor, latest_revision, created_at, updated_at } */
export const templateView = (t: IntegrationTemplate) => ({
  id: t.id,
  name: t.name,
  vendor: t.vendor,
  latest_revision: t.latestRevision,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
});

/**
 * Secret catalog fields are masked (`••••1234`); the config store reads the real values.
 *
 * @example revisionView(row, 'meta_capi').config.access_token // → '••••oken'
 */
export const revisionView = (r: IntegrationRevision, vendor: string) => ({
  id: r.id,
  integration_id: r.integrationId,
  revision_number: r.revisionNumber,
  config: maskSecrets(getCatalogEntry(vendor), r.config),
  delivery_mode: r.deliveryMode,
  change_summary: r.changeSummary,
  created_by: r.createdBy,
  created_at: iso(r.createdAt),
});

/** @example pipelineView(row) // → { id: 'pip_…', name, description, parameters, transformations, … } */
export const pipelineView = (p: Pipeline) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  parameters: p.parameters,
  transformations: p.transformations as unknown[],
  created_at: iso(p.createdAt),
  updated_at: iso(p.updatedAt),
});

/** The webhook scheme without its secrets. */
const webhookView = (w: Source['webhook']): Record<string, unknown> | null => {
  if (!w) return null;
  const { secrets: _secrets, ...rest } = w;
  return rest;
};

/** The source without its webhook secrets. @example sourceView(row).webhook // → { scheme: 'standard_webhooks', … } */
export const sourceView = (s: Source) => ({
  id: s.id,
  pipeline_id: s.pipelineId,
  name: s.name,
  kind: s.kind,
  allowed_origins: s.allowedOrigins,
  cookie_domain: s.cookieDomain,
  webhook: webhookView(s.webhook),
  created_at: iso(s.createdAt),
  updated_at: iso(s.updatedAt),
});

/**
 * A key id cut to its first 8 characters, as API tokens are shown (`token_prefix`): what viewers
 * and the audit log see, enough to tell keys apart.
 *
 * @example shortKeyId('dk_7f3a9c2e51b8') // → 'dk_7f3a9…'
 */
export const shortKeyId = (id: string): string => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/**
 * A key without its secrets (`active_secrets` counts them); `short` cuts its id (viewers).
 *
 * @example keyView(key, source).status // → 'active'
 */
export const keyView = (k: PipelineKeyRow, s: Source, short = false) => ({
  id: short ? shortKeyId(k.id) : k.id,
  pipeline_id: k.pipelineId,
  source_id: k.sourceId,
  name: k.name,
  kind: s.kind,
  status: k.status,
  allowed_origins: s.allowedOrigins,
  cookie_domain: s.cookieDomain,
  active_secrets: s.kind === 'webhook' ? (s.webhook?.secrets.length ?? 0) : k.hmacSecrets.length,
  created_at: iso(k.createdAt),
  updated_at: iso(k.updatedAt),
  rotated_at: isoOrNull(k.rotatedAt),
  revoked_at: isoOrNull(k.revokedAt),
});

/** The pipeline in the caller's org, or 404. @example await findPipeline(tx, caller.orgId, 'pip_…') */
export async function findPipeline(
  db: Db | Tx,
  orgId: string,
  pipelineId: string,
): Promise<Pipeline> {
  const [row] = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.id, pipelineId), eq(pipelines.orgId, orgId)));
  if (!row) throw new DataflyError('not_found', `pipeline ${pipelineId} not found`);
  return row;
}

/** The template in the caller's org, or 404. @example await findTemplate(tx, caller.orgId, 'tmpl_…') */
export async function findTemplate(
  db: Db | Tx,
  orgId: string,
  templateId: string,
  field?: string,
): Promise<IntegrationTemplate> {
  const [row] = await db
    .select()
    .from(integrationTemplates)
    .where(and(eq(integrationTemplates.id, templateId), eq(integrationTemplates.orgId, orgId)));
  if (!row)
    throw new DataflyError(
      'not_found',
      `integration template ${templateId} not found`,
      field ? { field } : {},
    );
  return row;
}

/**
 * The pipeline integration objects of a pipeline (optionally only some ids), with
 * `missing_parameters` for `{{pipeline_param.KEY}}` references the pipeline lacks.
 *
 * @example const [pi] = await pipelineIntegrationViews(db, pipeline, ['pi_…']);
 */
export async function pipelineIntegrationViews(db: Db | Tx, pipeline: Pipeline, ids?: string[]) {
  const rows = await db
    .select({
      pi: pipelineIntegrations,
      template: integrationTemplates,
      revision: integrationRevisions,
    })
    .from(pipelineIntegrations)
    .innerJoin(
      integrationTemplates,
      eq(integrationTemplates.id, pipelineIntegrations.integrationId),
    )
    .innerJoin(integrationRevisions, eq(integrationRevisions.id, pipelineIntegrations.revisionId))
    .where(
      and(
        eq(pipelineIntegrations.pipelineId, pipeline.id),
        ids ? inArray(pipelineIntegrations.id, ids) : undefined,
      ),
    )
    .orderBy(pipelineIntegrations.createdAt, pipelineIntegrations.id);
  return rows.map(({ pi, template, revision }) => ({
    id: pi.id,
    pipeline_id: pi.pipelineId,
    integration_id: pi.integrationId,
    integration_name: template.name,
    vendor: template.vendor,
    revision_id: pi.revisionId,
    revision_number: revision.revisionNumber,
    latest_revision: template.latestRevision,
    enabled: pi.enabled,
    missing_parameters: missingParams(revision.config, pipeline.parameters),
    created_at: iso(pi.createdAt),
    updated_at: iso(pi.updatedAt),
  }));
}
