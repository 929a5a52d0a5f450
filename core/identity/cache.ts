/**
 * A short-lived cache in front of a graph, for the processor: an event whose identifiers were
 * all resolved within `ttlMs` (default 30 s) is answered from memory. An observation that
 * reaches the graph forgets the cached answers of the persons it touched (so the events after a
 * login get the identifiers learned at the login at once); `invalidate()` forgets everything
 * (the processor calls it on every change notification, which an erasure sends). Another
 * processor's merges reach this one within `ttlMs` (docs/identity.md).
 *
 * `suppressed` (asked for every event without consent to learn) is answered from the
 * organisation's suppression hashes, read once per `ttlMs` and forgotten on the same occasions,
 * while the organisation holds at most `maxSuppressions` of them (default 10,000); past that each
 * call asks the graph. One read per organisation and interval instead of one query per event.
 */
import { suppressionHash } from './identifiers.js';
import type { Identifier, IdentityGraph, Resolution } from './types.js';

interface CachedGraph extends IdentityGraph {
  invalidate(): void;
}

interface Suppressions {
  at: number;
  /** The hashes; `undefined`: too many to keep, ask the graph. */
  hashes: Promise<Set<string> | undefined>;
}

interface Entry {
  at: number;
  resolution: Resolution & { kind: 'person' };
}

/**
 * @example const graph = cachedGraph(drizzleIdentityGraph(db)); store.subscribe(() => graph.invalidate());
 */
export function cachedGraph(
  graph: IdentityGraph,
  options: {
    ttlMs?: number;
    maxEntries?: number;
    maxSuppressions?: number;
    now?: () => number;
  } = {},
): CachedGraph {
  const ttl = options.ttlMs ?? 30_000;
  const max = options.maxEntries ?? 50_000;
  const maxSuppressions = options.maxSuppressions ?? 10_000;
  const now = options.now ?? Date.now;
  let entries = new Map<string, Entry>();
  let byPerson = new Map<string, Set<string>>();
  let suppressions = new Map<string, Suppressions>();
  const forgetAll = (): void => {
    entries = new Map();
    byPerson = new Map();
    suppressions = new Map();
  };
  const suppressionsOf = (orgId: string): Suppressions => {
    const held = suppressions.get(orgId);
    if (held && now() - held.at < ttl) return held;
    const fresh: Suppressions = {
      at: now(),
      hashes: graph
        .suppressions(orgId, maxSuppressions)
        .then((list) => (list ? new Set(list) : undefined)),
    };
    // A failed read is not kept: the next call reads again (this one sees the error).
    fresh.hashes.catch(() => {
      if (suppressions.get(orgId) === fresh) suppressions.delete(orgId);
    });
    suppressions.set(orgId, fresh);
    return fresh;
  };
  const cacheKey = (orgId: string, ids: readonly Identifier[]): string =>
    `${orgId}\u0001${ids.map((i) => `${i.kind}\u0000${i.value}`).join('\u0001')}`;
  const forgetPerson = (person: string): void => {
    for (const k of byPerson.get(person) ?? []) entries.delete(k);
    byPerson.delete(person);
  };
  return {
    ...graph,
    async observe(orgId, ids, at) {
      const k = cacheKey(orgId, ids);
      const hit = entries.get(k);
      if (hit && now() - hit.at < ttl) return hit.resolution;
      const resolution = await graph.observe(orgId, ids, at);
      if (resolution.kind !== 'person') return resolution;
      forgetPerson(resolution.person_id);
      for (const p of resolution.merged ?? []) forgetPerson(p);
      entries.set(k, { at: now(), resolution });
      let set = byPerson.get(resolution.person_id);
      if (!set) byPerson.set(resolution.person_id, (set = new Set()));
      set.add(k);
      if (entries.size > max) {
        // Oldest first (insertion order); their person index entries go stale harmlessly.
        for (const old of [...entries.keys()].slice(0, entries.size - max)) entries.delete(old);
      }
      return resolution;
    },
    async suppressed(orgId, ids) {
      if (ids.length === 0) return false;
      const hashes = await suppressionsOf(orgId).hashes;
      if (!hashes) return graph.suppressed(orgId, ids);
      return ids.some((i) => hashes.has(suppressionHash(i)));
    },
    async erase(orgId, personId, at) {
      const out = await graph.erase(orgId, personId, at);
      forgetAll();
      return out;
    },
    async suppress(orgId, ids, at) {
      const added = await graph.suppress(orgId, ids, at);
      forgetAll();
      return added;
    },
    async unsuppress(orgId, ids) {
      const lifted = await graph.unsuppress(orgId, ids);
      suppressions = new Map();
      return lifted;
    },
    invalidate: forgetAll,
  };
}
