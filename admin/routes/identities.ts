/**
 * Data-subject requests over the identity graph (docs/identity.md), admins only:
 *
 * - `GET /identities?user_id=…|email=…|anonymous_id=…`: the person holding that identifier, every
 *   identifier linked to it (first and last seen), the merges that made it, and where its data
 *   sits (graph, DLQ entries, delivered-id ledger, traces).
 * - `DELETE` (same query): erases the person from the graph, its dead-lettered events (matched by
 *   its anonymous and user ids in the organisation's pipelines), the ledger, outcome and dedup rows
 *   of those events, and leaves suppression records (SHA-256 of each identifier, never the
 *   identifier) so the processor drops its events from then on; audited, announced on the
 *   config channel (processors forget their cached answers), answered with what was erased.
 *
 * - `DELETE /identities/suppressions` (same query): lifts that identifier's suppression.
 *
 * Live traces are not stored (the live debugger streams them; docs/live-debugger.md).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { DataflyError } from '../../core/errors/index.js';
import { identifiersOf } from '../../core/identity/identifiers.js';
import type { Identifier, Person } from '../../core/identity/types.js';
import { requireRole } from '../auth/index.js';
import type { Db, Tx } from '../../core/db/client.js';
import {
  deliveryDelivered,
  deliveryDlq,
  deliveryOutcomes,
  pipelines,
  processorSeen,
} from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { drizzleIdentityGraph } from '../../core/db/stores/identity.js';
import { newRouter } from './router.js';
import { errors, json } from './schemas.js';

export const identitiesRoutes = newRouter();

const tags = ['Identities: data-subject requests'];
const Value = z.string().min(1).max(512);
const Query = z.object({
  user_id: Value.optional().openapi({ example: 'u-42' }),
  email: Value.optional().openapi({
    example: 'jane@example.com',
    description: 'Normalised and hashed as the processor does; a SHA-256 digest is taken as is.',
  }),
  anonymous_id: Value.optional().openapi({ example: '3f1c…', description: 'The `_dfid` value.' }),
});
type Query = z.infer<typeof Query>;

const IdentifierView = z.object({
  kind: z.string(),
  value: z.string(),
  first_seen: z.string(),
  last_seen: z.string(),
});
const Where = z.object({
  graph: z.object({ identifiers: z.number() }),
  dlq: z.object({ entries: z.number(), integrations: z.array(z.string()) }),
  ledger: z.object({ entries: z.number() }),
  traces: z.object({ stored: z.number(), note: z.string() }),
});
const Found = z
  .object({
    found: z.boolean(),
    suppressed: z
      .boolean()
      .openapi({ description: 'The identifier was erased before: its events are dropped.' }),
    person: z
      .object({
        person_id: z.string(),
        first_seen: z.string(),
        identifiers: z.array(IdentifierView),
        merges: z.array(
          z.object({
            from_person: z.string(),
            into_person: z.string(),
            reason: z.string(),
            at: z.string(),
          }),
        ),
      })
      .nullable(),
    data: Where,
  })
  .openapi('IdentityLookup');
const Erased = z
  .object({
    person_id: z.string().nullable(),
    erased: z.object({
      identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
      merges: z.number(),
      dlq_entries: z.number(),
      ledger_entries: z.number(),
      outcomes: z.number(),
      dedup_entries: z.number(),
      traces: z.number(),
    }),
    suppressions: z.number().openapi({
      description: 'Suppression records added (events carrying these identifiers are dropped).',
    }),
  })
  .openapi('IdentityErasure');

const TRACES_NOTE = 'live traces are streamed to an attached debugger and never stored';

/** The one identifier the query names (400 naming the field otherwise). */
function asked(q: Query): Identifier {
  const given = (['user_id', 'email', 'anonymous_id'] as const).filter((k) => q[k] !== undefined);
  if (given.length !== 1)
    throw new DataflyError(
      'invalid_request',
      'query: give exactly one of user_id, email, anonymous_id',
      { field: given[1] ?? 'user_id' },
    );
  if (q.user_id !== undefined) return { kind: 'user_id', value: q.user_id };
  if (q.anonymous_id !== undefined) return { kind: 'anonymous_id', value: q.anonymous_id };
  const email = identifiersOf({ traits: { email: q.email } })[0];
  if (!email)
    throw new DataflyError('invalid_request', 'email: not an email address', { field: 'email' });
  return email;
}

/** Dead-lettered events of the organisation's pipelines whose envelope carries one of the person's ids. */
function dlqOfPerson(orgId: string, person: Person | undefined, id: Identifier): SQL | undefined {
  const ids = person ? person.links : [id];
  const anon = ids.filter((l) => l.kind === 'anonymous_id').map((l) => l.value);
  const users = ids.filter((l) => l.kind === 'user_id').map((l) => l.value);
  if (anon.length === 0 && users.length === 0) return undefined;
  const envelope = (field: string) =>
    sql`((${deliveryDlq.message})::jsonb -> 'envelope' ->> ${field})`;
  const orgPipelines = sql`select ${pipelines.id} from ${pipelines} where ${pipelines.orgId} = ${orgId}`;
  return and(
    sql`${deliveryDlq.pipelineId} in (${orgPipelines})`,
    sql`(${anon.length > 0 ? inArray(envelope('anonymous_id'), anon) : sql`false`} or ${users.length > 0 ? inArray(envelope('user_id'), users) : sql`false`})`,
  );
}

async function dlqEntries(
  db: Db | Tx,
  where: SQL | undefined,
): Promise<{ integrationId: string; eventId: string }[]> {
  if (!where) return [];
  return db
    .select({ integrationId: deliveryDlq.integrationId, eventId: deliveryDlq.eventId })
    .from(deliveryDlq)
    .where(where);
}

/** The person's delivered-id rows: by the hub's person id, and those of its dead-lettered events. */
const ledgerOf = (
  entries: { integrationId: string; eventId: string }[],
  personId: string | undefined,
): SQL | undefined =>
  or(
    personId === undefined ? undefined : eq(deliveryDelivered.personId, personId),
    entries.length === 0
      ? undefined
      : and(
          inArray(deliveryDelivered.integrationId, [
            ...new Set(entries.map((e) => e.integrationId)),
          ]),
          inArray(
            deliveryDelivered.eventId,
            entries.map((e) => e.eventId),
          ),
        ),
  );

identitiesRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/identities',
    tags,
    summary:
      'Find a person by user id, email or anonymous id: linked identifiers, merges and where the data sits',
    middleware: [requireRole('admin')] as const,
    request: { query: Query },
    responses: {
      200: json(Found, 'What the organisation holds about that person'),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const id = asked(c.req.valid('query'));
    const db = deps.database.db;
    const graph = drizzleIdentityGraph(db);
    const person = await graph.find(caller.orgId, id);
    const suppressed = await graph.suppressed(caller.orgId, [id]);
    const dlq = await dlqEntries(db, dlqOfPerson(caller.orgId, person, id));
    const ledger = ledgerOf(dlq, person?.person_id);
    const ledgerEntries = ledger
      ? await db
          .select({ n: sql<number>`count(*)::int` })
          .from(deliveryDelivered)
          .where(ledger)
      : [{ n: 0 }];
    const iso = (ms: number) => new Date(ms).toISOString();
    return c.json(
      {
        found: person !== undefined,
        suppressed,
        person: person
          ? {
              person_id: person.person_id,
              first_seen: iso(person.first_seen),
              identifiers: person.links.map((l) => ({
                kind: l.kind,
                value: l.value,
                first_seen: iso(l.first_seen),
                last_seen: iso(l.last_seen),
              })),
              merges: (await graph.merges(caller.orgId, person.person_id)).map((m) => ({
                ...m,
                at: iso(m.at),
              })),
            }
          : null,
        data: {
          graph: { identifiers: person?.links.length ?? 0 },
          dlq: {
            entries: dlq.length,
            integrations: [...new Set(dlq.map((e) => e.integrationId))].sort(),
          },
          ledger: { entries: ledgerEntries[0]?.n ?? 0 },
          traces: { stored: 0, note: TRACES_NOTE },
        },
      },
      200,
    );
  },
);

identitiesRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/identities',
    tags,
    summary:
      'Erase a person (graph, DLQ, ledger) and suppress its identifiers so its events are dropped from then on',
    middleware: [requireRole('admin')] as const,
    request: { query: Query },
    responses: { 200: json(Erased, 'What was erased'), ...errors(400, 401, 403) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const id = asked(c.req.valid('query'));
    const result = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const graph = drizzleIdentityGraph(tx as unknown as Db);
      const person = await graph.find(caller.orgId, id);
      const dlqWhere = dlqOfPerson(caller.orgId, person, id);
      const dlq = await dlqEntries(tx, dlqWhere);
      const eventIds = [...new Set(dlq.map((e) => e.eventId))];
      const integrations = [...new Set(dlq.map((e) => e.integrationId))];
      const ledger = ledgerOf(dlq, person?.person_id);
      const ledgerGone = ledger
        ? await tx
            .delete(deliveryDelivered)
            .where(ledger)
            .returning({ id: deliveryDelivered.eventId })
        : [];
      const outcomesWhere = or(
        person ? eq(deliveryOutcomes.personId, person.person_id) : undefined,
        eventIds.length > 0
          ? and(
              inArray(deliveryOutcomes.integrationId, integrations),
              inArray(deliveryOutcomes.eventId, eventIds),
            )
          : undefined,
      );
      const outcomesGone = outcomesWhere
        ? await tx
            .delete(deliveryOutcomes)
            .where(outcomesWhere)
            .returning({ id: deliveryOutcomes.id })
        : [];
      const orgPipelines = sql`select ${pipelines.id} || '/%' from ${pipelines} where ${pipelines.orgId} = ${caller.orgId}`;
      const seenGone =
        eventIds.length > 0
          ? await tx
              .delete(processorSeen)
              .where(
                and(
                  inArray(processorSeen.eventId, eventIds),
                  sql`${processorSeen.source} like any (array(${orgPipelines}))`,
                ),
              )
              .returning({ id: processorSeen.eventId })
          : [];
      const dlqGone = dlqWhere
        ? await tx.delete(deliveryDlq).where(dlqWhere).returning({ id: deliveryDlq.id })
        : [];
      const erasure = person
        ? await graph.erase(caller.orgId, person.person_id, now.getTime())
        : undefined;
      const extra = await graph.suppress(caller.orgId, [id], now.getTime());
      const erased = {
        identifiers: erasure?.links ?? [],
        merges: erasure?.merges ?? 0,
        dlq_entries: dlqGone.length,
        ledger_entries: ledgerGone.length,
        outcomes: outcomesGone.length,
        dedup_entries: seenGone.length,
        traces: 0,
      };
      const suppressions = (erasure?.suppressions ?? 0) + extra;
      // The audit keeps counts and the person id, never the identifiers.
      const { identifiers, ...counts } = erased;
      await recordChange(
        tx,
        caller,
        {
          action: 'identity.erase',
          entityType: 'identity',
          entityId: person?.person_id ?? 'unknown',
          details: { ...counts, identifiers: identifiers.length, suppressions },
        },
        now,
      );
      return { person_id: person?.person_id ?? null, erased, suppressions };
    });
    return c.json(result, 200);
  },
);

identitiesRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/identities/suppressions',
    tags,
    summary:
      "Lift an identifier's suppression (the person asked to be tracked again); the person's other identifiers stay suppressed until asked for too",
    middleware: [requireRole('admin')] as const,
    request: { query: Query },
    responses: {
      200: json(
        z.object({ lifted: z.number() }).openapi('IdentitySuppressionLifted'),
        'How many suppression records were removed (0 or 1)',
      ),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const id = asked(c.req.valid('query'));
    const lifted = await deps.database.db.transaction(async (tx) => {
      const n = await drizzleIdentityGraph(tx as unknown as Db).unsuppress(caller.orgId, [id]);
      await recordChange(
        tx,
        caller,
        {
          action: 'identity.unsuppress',
          entityType: 'identity',
          entityId: id.kind,
          details: { lifted: n },
        },
        deps.now(),
      );
      return n;
    });
    return c.json({ lifted }, 200);
  },
);
