/**
 * The identity graph in memory (tests, benches, embedding): the same rule as the database
 * graph (./merge.ts), per organisation, lost on restart.
 */
import { personIdFor, suppressionHash } from './identifiers.js';
import { planObservation } from './merge.js';
import type { Erasure, Identifier, IdentityGraph, Link, MergeRecord, Person } from './types.js';

const key = (i: Identifier): string => `${i.kind}\u0000${i.value}`;

interface OrgGraph {
  links: Map<string, Link>;
  /** person id → keys of its links */
  byPerson: Map<string, Set<string>>;
  persons: Map<string, number>;
  merges: (MergeRecord & { person: string })[];
  suppressed: Set<string>;
}

/**
 * @example const graph = memoryGraph(); await graph.observe('org_1', [{ kind: 'anonymous_id', value: 'a1' }], Date.now());
 */
export function memoryGraph(): IdentityGraph {
  const orgs = new Map<string, OrgGraph>();
  const org = (id: string): OrgGraph => {
    let g = orgs.get(id);
    if (!g)
      orgs.set(
        id,
        (g = {
          links: new Map(),
          byPerson: new Map(),
          persons: new Map(),
          merges: [],
          suppressed: new Set(),
        }),
      );
    return g;
  };
  const linksOf = (g: OrgGraph, person: string): Link[] =>
    [...(g.byPerson.get(person) ?? [])].map((k) => g.links.get(k)!);
  const hold = (g: OrgGraph, person: string, k: string): void => {
    let set = g.byPerson.get(person);
    if (!set) g.byPerson.set(person, (set = new Set()));
    set.add(k);
  };
  return {
    async observe(orgId, ids, at) {
      if (ids.length === 0) return { kind: 'unknown' };
      const g = org(orgId);
      if (ids.some((i) => g.suppressed.has(suppressionHash(i)))) return { kind: 'suppressed' };
      const direct = ids.flatMap((i) => g.links.get(key(i)) ?? []);
      const candidates = new Set(direct.map((l) => l.person_id));
      const known = {
        links: [...candidates].flatMap((c) => linksOf(g, c)),
        persons: new Map([...candidates].map((p) => [p, g.persons.get(p)!])),
      };
      const plan = planObservation(ids, known, at, (i) => personIdFor(orgId, i));
      if (plan.created) g.persons.set(plan.person_id, at);
      for (const m of plan.merged) {
        for (const l of linksOf(g, m.from_person)) {
          l.person_id = plan.person_id;
          hold(g, plan.person_id, key(l));
        }
        g.byPerson.delete(m.from_person);
        g.persons.delete(m.from_person);
        for (const r of g.merges) if (r.person === m.from_person) r.person = plan.person_id;
        g.merges.push({ ...m, into_person: plan.person_id, at, person: plan.person_id });
      }
      for (const i of plan.link) {
        g.links.set(key(i), { ...i, person_id: plan.person_id, first_seen: at, last_seen: at });
        hold(g, plan.person_id, key(i));
      }
      for (const i of plan.touch) {
        const l = g.links.get(key(i))!;
        l.last_seen = Math.max(l.last_seen, at);
      }
      return {
        kind: 'person',
        person_id: plan.person_id,
        hashed: plan.hashed,
        ...(plan.merged.length > 0 ? { merged: plan.merged.map((x) => x.from_person) } : {}),
      };
    },
    async suppressed(orgId, ids) {
      const g = org(orgId);
      return ids.some((i) => g.suppressed.has(suppressionHash(i)));
    },
    async suppressions(orgId, limit) {
      const g = org(orgId);
      return g.suppressed.size > limit ? undefined : [...g.suppressed];
    },
    async suppress(orgId, ids) {
      const g = org(orgId);
      let added = 0;
      for (const i of ids) {
        const h = suppressionHash(i);
        if (!g.suppressed.has(h)) added++;
        g.suppressed.add(h);
      }
      return added;
    },
    async unsuppress(orgId, ids) {
      const g = org(orgId);
      return ids.filter((i) => g.suppressed.delete(suppressionHash(i))).length;
    },
    async find(orgId, id): Promise<Person | undefined> {
      const g = org(orgId);
      const l = g.links.get(key(id));
      if (!l) return undefined;
      return {
        person_id: l.person_id,
        first_seen: g.persons.get(l.person_id)!,
        links: linksOf(g, l.person_id).map((x) => ({ ...x })),
      };
    },
    async merges(orgId, personId) {
      return org(orgId)
        .merges.filter((m) => m.person === personId)
        .map(({ person: _p, ...m }) => m)
        .reverse();
    },
    async erase(orgId, personId, at): Promise<Erasure | undefined> {
      void at;
      const g = org(orgId);
      if (!g.persons.has(personId)) return undefined;
      const links = linksOf(g, personId);
      for (const l of links) {
        g.links.delete(key(l));
        g.suppressed.add(suppressionHash(l));
      }
      const before = g.merges.length;
      g.merges = g.merges.filter((m) => m.person !== personId);
      g.persons.delete(personId);
      g.byPerson.delete(personId);
      return {
        person_id: personId,
        links: links.map((l) => ({ kind: l.kind, value: l.value })),
        merges: before - g.merges.length,
        suppressions: links.length,
      };
    },
  };
}
