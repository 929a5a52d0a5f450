/**
 * The identity graph (core/identity) over the admin database. An observation reads what the
 * graph knows in one query; when it only refreshes last seen (the common case: a known visitor)
 * nothing is locked. When it creates, links or merges, it takes a per-organisation transaction
 * lock, reads again and plans again under it, so two processors never split or double a person.
 * Last seen is refreshed at most once per `TOUCH_EVERY_MS` per link (docs/identity.md).
 */
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { personIdFor, suppressionHash } from '../../identity/identifiers.js';
import { planObservation, type Known, type Plan } from '../../identity/merge.js';
import {
  SHAREABLE_KINDS,
  type Erasure,
  type Identifier,
  type IdentityGraph,
  type Link,
} from '../../identity/types.js';
import type { Db, Tx } from '../client.js';
import {
  identityLinks as l,
  identityMerges as m,
  identityPersons as p,
  identitySuppressions as s,
} from '../schema/index.js';

/** Thrown inside the shared-lock transaction to roll it back when another writer linked first. */
const RACED = Symbol('raced');

/** Last seen is kept to the hour: a known visitor's events write nothing more often. */
export const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** `(kind, value) IN (…)`: a row comparison the primary key index answers. */
const matchAny = (orgId: string, ids: readonly Identifier[]): SQL =>
  and(
    eq(l.orgId, orgId),
    sql`(${l.kind}, ${l.value}) in (${sql.join(
      ids.map((i) => sql`(${i.kind}, ${i.value})`),
      sql`, `,
    )})`,
  )!;

async function readKnown(db: Db | Tx, orgId: string, ids: readonly Identifier[]): Promise<Known> {
  // Two index lookups: the event's own links, then the user id and hashed links of their persons.
  const direct = await db
    .select({
      kind: l.kind,
      value: l.value,
      personId: l.personId,
      firstSeen: l.firstSeen,
      lastSeen: l.lastSeen,
    })
    .from(l)
    .where(matchAny(orgId, ids));
  if (direct.length === 0) return { links: [], persons: new Map() };
  const owners = [...new Set(direct.map((r) => r.personId))];
  // First seen only orders several candidates (./merge.ts); one candidate needs no lookup.
  const [persons, extra] = [
    owners.length > 1
      ? await db
          .select({ personId: p.personId, firstSeen: p.firstSeen })
          .from(p)
          .where(and(eq(p.orgId, orgId), inArray(p.personId, owners)))
      : owners.map((personId) => ({ personId, firstSeen: new Date(0) })),
    await db
      .select({
        kind: l.kind,
        value: l.value,
        personId: l.personId,
        firstSeen: l.firstSeen,
        lastSeen: l.lastSeen,
      })
      .from(l)
      .where(
        and(
          eq(l.orgId, orgId),
          inArray(l.personId, owners),
          inArray(l.kind, ['user_id', ...SHAREABLE_KINDS]),
        ),
      ),
  ];
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const r of [...direct, ...extra]) {
    const k = `${r.kind}\u0000${r.value}`;
    if (seen.has(k)) continue;
    seen.add(k);
    links.push({
      kind: r.kind as Link['kind'],
      value: r.value,
      person_id: r.personId,
      first_seen: r.firstSeen.getTime(),
      last_seen: r.lastSeen.getTime(),
    });
  }
  return { links, persons: new Map(persons.map((r) => [r.personId, r.firstSeen.getTime()])) };
}

const writes = (plan: Plan): boolean =>
  plan.created || plan.merged.length > 0 || plan.link.length > 0;

async function apply(tx: Tx, orgId: string, plan: Plan, at: Date): Promise<void> {
  if (plan.created)
    await tx
      .insert(p)
      .values({ orgId, personId: plan.person_id, firstSeen: at })
      .onConflictDoNothing();
  for (const merge of plan.merged) {
    await tx
      .update(l)
      .set({ personId: plan.person_id })
      .where(and(eq(l.orgId, orgId), eq(l.personId, merge.from_person)));
    await tx
      .update(m)
      .set({ personId: plan.person_id })
      .where(and(eq(m.orgId, orgId), eq(m.personId, merge.from_person)));
    await tx.delete(p).where(and(eq(p.orgId, orgId), eq(p.personId, merge.from_person)));
    await tx.insert(m).values({
      orgId,
      personId: plan.person_id,
      fromPerson: merge.from_person,
      intoPerson: plan.person_id,
      reason: merge.reason,
      at,
    });
  }
  if (plan.link.length > 0) {
    await tx
      .insert(l)
      .values(
        plan.link.map((i) => ({
          orgId,
          kind: i.kind,
          value: i.value,
          personId: plan.person_id,
          firstSeen: at,
          lastSeen: at,
        })),
      )
      .onConflictDoNothing();
  }
}

async function touch(
  db: Db | Tx,
  orgId: string,
  ids: readonly Identifier[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(l)
    .set({ lastSeen: at })
    .where(and(matchAny(orgId, ids), lt(l.lastSeen, new Date(at.getTime() - TOUCH_EVERY_MS))));
}

/**
 * @example const graph = drizzleIdentityGraph(database.db); await graph.observe('org_1', identifiersOf(event), Date.now());
 */
export function drizzleIdentityGraph(db: Db): IdentityGraph {
  const isSuppressed = async (orgId: string, ids: readonly Identifier[]): Promise<boolean> => {
    const hashes = ids.map(suppressionHash);
    const rows = await db
      .select({ h: s.idHash })
      .from(s)
      .where(and(eq(s.orgId, orgId), inArray(s.idHash, hashes)))
      .limit(1);
    return rows.length > 0;
  };
  const mint = (orgId: string) => (i: Identifier) => personIdFor(orgId, i);

  return {
    async observe(orgId, ids, atMs) {
      if (ids.length === 0) return { kind: 'unknown' };
      if (await isSuppressed(orgId, ids)) return { kind: 'suppressed' };
      const at = new Date(atMs);
      const known = await readKnown(db, orgId, ids);
      let plan = planObservation(ids, known, atMs, mint(orgId));
      let stale = (i: Identifier): boolean =>
        (known.links.find((x) => x.kind === i.kind && x.value === i.value)?.last_seen ?? 0) <
        atMs - TOUCH_EVERY_MS;
      if (writes(plan)) {
        stale = () => true;
        const lockKey = `identity:${orgId}`;
        // Creating and linking take the organisation's lock shared, and go back to the exclusive
        // path when another writer got there first (a link already there rolls it back).
        const quick =
          plan.merged.length === 0 &&
          (await db
            .transaction(async (tx) => {
              await tx.execute(
                sql`select pg_advisory_xact_lock_shared(hashtextextended(${lockKey}, 0))`,
              );
              if (plan.created)
                await tx
                  .insert(p)
                  .values({ orgId, personId: plan.person_id, firstSeen: at })
                  .onConflictDoNothing();
              const inserted = await tx
                .insert(l)
                .values(
                  plan.link.map((i) => ({
                    orgId,
                    kind: i.kind,
                    value: i.value,
                    personId: plan.person_id,
                    firstSeen: at,
                    lastSeen: at,
                  })),
                )
                .onConflictDoNothing()
                .returning({ kind: l.kind });
              if (inserted.length !== plan.link.length) throw RACED;
              return true;
            })
            .catch((error: unknown) => {
              if (error === RACED) return false;
              throw error;
            }));
        if (!quick) {
          plan = await db.transaction(async (tx) => {
            await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);
            const again = planObservation(ids, await readKnown(tx, orgId, ids), atMs, mint(orgId));
            await apply(tx, orgId, again, at);
            return again;
          });
        }
      }
      // Only links last seen over an interval ago are written (the query checks again).
      await touch(
        db,
        orgId,
        plan.touch.filter((i) => stale(i)),
        at,
      );
      return {
        kind: 'person',
        person_id: plan.person_id,
        hashed: plan.hashed,
        ...(plan.merged.length > 0 ? { merged: plan.merged.map((x) => x.from_person) } : {}),
      };
    },
    suppressed: (orgId, ids) =>
      ids.length === 0 ? Promise.resolve(false) : isSuppressed(orgId, ids),
    async suppressions(orgId, limit) {
      // One row past the limit says "too many" without reading them all.
      const rows = await db
        .select({ h: s.idHash })
        .from(s)
        .where(eq(s.orgId, orgId))
        .limit(limit + 1);
      return rows.length > limit ? undefined : rows.map((r) => r.h);
    },
    async suppress(orgId, ids, atMs) {
      if (ids.length === 0) return 0;
      const added = await db
        .insert(s)
        .values(ids.map((i) => ({ orgId, idHash: suppressionHash(i), createdAt: new Date(atMs) })))
        .onConflictDoNothing()
        .returning({ h: s.idHash });
      return added.length;
    },
    async unsuppress(orgId, ids) {
      if (ids.length === 0) return 0;
      const gone = await db
        .delete(s)
        .where(and(eq(s.orgId, orgId), inArray(s.idHash, ids.map(suppressionHash))))
        .returning({ h: s.idHash });
      return gone.length;
    },
    async find(orgId, id) {
      const [owner] = await db
        .select({ personId: l.personId })
        .from(l)
        .where(matchAny(orgId, [id]));
      if (!owner) return undefined;
      const [person] = await db
        .select()
        .from(p)
        .where(and(eq(p.orgId, orgId), eq(p.personId, owner.personId)));
      const rows = await db
        .select()
        .from(l)
        .where(and(eq(l.orgId, orgId), eq(l.personId, owner.personId)))
        .orderBy(l.firstSeen, l.kind, l.value);
      return {
        person_id: owner.personId,
        first_seen: (person?.firstSeen ?? rows[0]!.firstSeen).getTime(),
        links: rows.map((r) => ({
          kind: r.kind as Link['kind'],
          value: r.value,
          person_id: r.personId,
          first_seen: r.firstSeen.getTime(),
          last_seen: r.lastSeen.getTime(),
        })),
      };
    },
    async merges(orgId, personId) {
      const rows = await db
        .select()
        .from(m)
        .where(and(eq(m.orgId, orgId), eq(m.personId, personId)))
        .orderBy(desc(m.at), desc(m.id));
      return rows.map((r) => ({
        from_person: r.fromPerson,
        into_person: r.intoPerson,
        reason: r.reason,
        at: r.at.getTime(),
      }));
    },
    async erase(orgId, personId, atMs): Promise<Erasure | undefined> {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`identity:${orgId}`}, 0))`,
        );
        const gone = await tx
          .delete(p)
          .where(and(eq(p.orgId, orgId), eq(p.personId, personId)))
          .returning({ id: p.personId });
        if (gone.length === 0) return undefined;
        const links = await tx
          .delete(l)
          .where(and(eq(l.orgId, orgId), eq(l.personId, personId)))
          .returning({ kind: l.kind, value: l.value });
        const merges = await tx
          .delete(m)
          .where(and(eq(m.orgId, orgId), eq(m.personId, personId)))
          .returning({ id: m.id });
        const ids = links.map((r) => ({ kind: r.kind as Identifier['kind'], value: r.value }));
        if (ids.length > 0) {
          await tx
            .insert(s)
            .values(
              ids.map((i) => ({ orgId, idHash: suppressionHash(i), createdAt: new Date(atMs) })),
            )
            .onConflictDoNothing();
        }
        return { person_id: personId, links: ids, merges: merges.length, suppressions: ids.length };
      });
    },
  };
}
