/** The organisation aggregate: the tenant, its org data layer, its API tokens. */
import { sql } from 'drizzle-orm';
import { jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { OrgDataLayer } from '../../config-store/types.js';

/** Ordered lowest to highest: a role grants everything the roles before it grant. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum('role', ROLES);

/** The data layer an organisation starts with: nothing altered. */
export const DEFAULT_DATA_LAYER: OrgDataLayer = {
  parse_user_agent: true,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
};

export const organisations = pgTable('organisations', {
  /** `org_…` */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  dataLayer: jsonb('data_layer')
    .$type<OrgDataLayer>()
    .notNull()
    .default(
      sql`'{"parse_user_agent":true,"drop_bots":false,"truncate_ip":false,"pii_rules":[],"renames":[]}'::jsonb`,
    ),
  /** HMAC secret of the cross-domain link tokens (core/identity/link-token.ts), made when link domains are first declared; written to the key records in KV. */
  linkSecret: text('link_secret'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Organisation = typeof organisations.$inferSelect;

export const apiTokens = pgTable(
  'api_tokens',
  {
    /** `tok_…` (the public id; the secret token itself is never stored). */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    /** Hex SHA-256 of the bearer token. */
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in lists. */
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_uq').on(t.tokenHash)],
);
export type ApiToken = typeof apiTokens.$inferSelect;
