/**
 * The identity graph (core/identity, docs/identity.md): per organisation, the persons, the
 * identifiers linked to them with first and last seen, the merges that explain each person,
 * and the suppression records erasures leave (a SHA-256 of `kind:value`, never the identifier).
 * Written by the processor (core/db/stores/identity.ts), read and erased by the identities routes.
 */
import { bigserial, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const identityPersons = pgTable(
  'identity_persons',
  {
    orgId: text('org_id').notNull(),
    /** `per_…` (core/identity/identifiers.ts `personIdFor`). */
    personId: text('person_id').notNull(),
    firstSeen: at('first_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personId] })],
);

export const identityLinks = pgTable(
  'identity_links',
  {
    orgId: text('org_id').notNull(),
    /** One of core/identity `ID_KINDS`. */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    personId: text('person_id').notNull(),
    firstSeen: at('first_seen').notNull(),
    lastSeen: at('last_seen').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.kind, t.value] }),
    index('identity_links_person_idx').on(t.orgId, t.personId),
  ],
);

export const identityMerges = pgTable(
  'identity_merges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    /** The person that holds the merge's result now (moves along on later merges). */
    personId: text('person_id').notNull(),
    fromPerson: text('from_person').notNull(),
    intoPerson: text('into_person').notNull(),
    reason: text('reason').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('identity_merges_person_idx').on(t.orgId, t.personId)],
);

export const identitySuppressions = pgTable(
  'identity_suppressions',
  {
    orgId: text('org_id').notNull(),
    /** Hex SHA-256 of `kind:value` (core/identity `suppressionHash`). */
    idHash: text('id_hash').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.idHash] })],
);
