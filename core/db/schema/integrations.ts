/**
 * The integration aggregate: templates (`tmpl_…`), their immutable revisions (`rev_…`, numbered
 * 1, 2, 3… per template) and their assignments to pipelines (`pi_…`).
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.js';
import { pipelines } from './pipelines.js';

export const integrationTemplates = pgTable(
  'integration_templates',
  {
    /** `tmpl_…` — also the `{integration_id}` in topic names. */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    vendor: text('vendor').notNull(),
    /** Highest revision number issued; bumped under a row lock when a revision is created. */
    latestRevision: integer('latest_revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('integration_templates_org_idx').on(t.orgId)],
);
export type IntegrationTemplate = typeof integrationTemplates.$inferSelect;

/** Never updated once written (the API has no edit path; a database trigger refuses UPDATE). */
export const integrationRevisions = pgTable(
  'integration_revisions',
  {
    /** `rev_…` */
    id: text('id').primaryKey(),
    integrationId: text('integration_id')
      .notNull()
      .references(() => integrationTemplates.id, { onDelete: 'cascade' }),
    revisionNumber: integer('revision_number').notNull(),
    /** Vendor config plus the common delivery settings; may hold `{{pipeline_param.KEY}}`. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    deliveryMode: text('delivery_mode').notNull().default('server_side'),
    changeSummary: text('change_summary').notNull().default(''),
    /** Token id (`tok_…`) of the author. */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('integration_revisions_number_uq').on(t.integrationId, t.revisionNumber)],
);
export type IntegrationRevision = typeof integrationRevisions.$inferSelect;

export const pipelineIntegrations = pgTable(
  'pipeline_integrations',
  {
    /** `pi_…` */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    /** Restrict: a template in use by a pipeline cannot be deleted. */
    integrationId: text('integration_id')
      .notNull()
      .references(() => integrationTemplates.id, { onDelete: 'restrict' }),
    revisionId: text('revision_id')
      .notNull()
      .references(() => integrationRevisions.id, { onDelete: 'restrict' }),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pipeline_integrations_pipeline_template_uq').on(t.pipelineId, t.integrationId),
    index('pipeline_integrations_template_idx').on(t.integrationId),
  ],
);
export type PipelineIntegration = typeof pipelineIntegrations.$inferSelect;
