/** The pipeline aggregate: pipelines, their sources and the pipeline keys (`dk_…`) of each source. */
import { index, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { TransformStep } from '../../config-store/types.js';
import type { WebhookConfig } from '../../keys/record.js';
import { organisations } from './organisations.js';

export const SOURCE_KINDS = ['browser', 'server', 'batch', 'pixel', 'webhook'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const sourceKindEnum = pgEnum('source_kind', SOURCE_KINDS);

export const KEY_STATUSES = ['active', 'revoked'] as const;
export const keyStatusEnum = pgEnum('key_status', KEY_STATUSES);

export const pipelines = pgTable(
  'pipelines',
  {
    /** `pip_…` */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Values for `{{pipeline_param.KEY}}` references in integration configs. */
    parameters: jsonb('parameters').$type<Record<string, string>>().notNull().default({}),
    transformations: jsonb('transformations').$type<TransformStep[]>().notNull().default([]),
    /** A live debugger watches the pipeline until then; copied into its key records for the edge. */
    traceUntil: timestamp('trace_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pipelines_org_idx').on(t.orgId)],
);
export type Pipeline = typeof pipelines.$inferSelect;

/** Where events come from (a website, a backend, a webhook sender); its keys authenticate it. */
export const sources = pgTable(
  'sources',
  {
    /** `src_…` */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: sourceKindEnum('kind').notNull(),
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull().default([]),
    cookieDomain: text('cookie_domain'),
    /** Webhook signature scheme and its secrets (null: no webhooks). */
    webhook: jsonb('webhook').$type<WebhookConfig>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sources_pipeline_idx').on(t.pipelineId)],
);
export type Source = typeof sources.$inferSelect;

export const pipelineKeys = pgTable(
  'pipeline_keys',
  {
    /** `dk_…` — the key itself (public: it is embedded in pages). */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: keyStatusEnum('status').notNull().default('active'),
    /** HMAC secrets for server/batch requests: current first, previous second during rotation. */
    hmacSecrets: jsonb('hmac_secrets').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('pipeline_keys_pipeline_idx').on(t.pipelineId),
    index('pipeline_keys_source_idx').on(t.sourceId),
  ],
);
export type PipelineKeyRow = typeof pipelineKeys.$inferSelect;
