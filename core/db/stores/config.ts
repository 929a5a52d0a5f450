/**
 * The ConfigStore port (core/config-store/types.ts) over the admin database, for the processor
 * and delivery workers. Changes arrive through Postgres LISTEN/NOTIFY on `datafly_config` (sent
 * on commit by every admin change; PGlite delivers them in-process).
 */
import { and, eq } from 'drizzle-orm';
import type {
  ConfigStore,
  OrgDataLayer,
  PipelineConfig,
  RevisionConfig,
} from '../../config-store/types.js';
import { CONFIG_CHANNEL, type ConfigChange, type Database } from '../client.js';
import {
  DEFAULT_DATA_LAYER,
  integrationRevisions,
  integrationTemplates,
  organisations,
  pipelineIntegrations,
  pipelines,
} from '../schema/index.js';

/**
 * @example const store = createDbConfigStore(database); const unsubscribe = await store.subscribe(() => reload());
 */
export function createDbConfigStore(database: Database): ConfigStore {
  const { db } = database;
  return {
    async getPipeline(pipelineId) {
      const [pipeline] = await db.select().from(pipelines).where(eq(pipelines.id, pipelineId));
      if (!pipeline) return undefined;
      const rows = await db
        .select({ pi: pipelineIntegrations, vendor: integrationTemplates.vendor })
        .from(pipelineIntegrations)
        .innerJoin(
          integrationTemplates,
          eq(integrationTemplates.id, pipelineIntegrations.integrationId),
        )
        .where(eq(pipelineIntegrations.pipelineId, pipelineId))
        .orderBy(pipelineIntegrations.createdAt, pipelineIntegrations.id);
      const config: PipelineConfig = {
        id: pipeline.id,
        org_id: pipeline.orgId,
        parameters: pipeline.parameters,
        transformations: pipeline.transformations,
        integrations: rows.map(({ pi, vendor }) => ({
          id: pi.id,
          integration_id: pi.integrationId,
          vendor,
          revision_id: pi.revisionId,
          enabled: pi.enabled,
        })),
      };
      return config;
    },

    async getOrgDataLayer(orgId): Promise<OrgDataLayer> {
      const [org] = await db
        .select({ dataLayer: organisations.dataLayer })
        .from(organisations)
        .where(eq(organisations.id, orgId));
      return org?.dataLayer ?? DEFAULT_DATA_LAYER;
    },

    async getRevision(revisionId) {
      const [row] = await db
        .select({ revision: integrationRevisions, vendor: integrationTemplates.vendor })
        .from(integrationRevisions)
        .innerJoin(
          integrationTemplates,
          eq(integrationTemplates.id, integrationRevisions.integrationId),
        )
        .where(eq(integrationRevisions.id, revisionId));
      if (!row) return undefined;
      const revision: RevisionConfig = {
        id: row.revision.id,
        integration_id: row.revision.integrationId,
        vendor: row.vendor,
        revision_number: row.revision.revisionNumber,
        config: row.revision.config,
        delivery_mode: row.revision.deliveryMode,
      };
      return revision;
    },

    async listIntegrations() {
      return db
        .selectDistinct({
          integration_id: pipelineIntegrations.integrationId,
          vendor: integrationTemplates.vendor,
        })
        .from(pipelineIntegrations)
        .innerJoin(
          integrationTemplates,
          eq(integrationTemplates.id, pipelineIntegrations.integrationId),
        )
        .where(and(eq(pipelineIntegrations.enabled, true)))
        .orderBy(pipelineIntegrations.integrationId);
    },

    async subscribe(listener) {
      return database.listen(CONFIG_CHANNEL, (payload) => {
        let change: ConfigChange | { kind: string };
        try {
          change = JSON.parse(payload) as ConfigChange;
        } catch {
          change = { kind: 'unknown' };
        }
        listener(change);
      });
    },
  };
}
