/**
 * The merge rule, pure (no I/O), so that every person id can be explained:
 *
 * 1. The persons already holding any of the event's identifiers are the candidates.
 * 2. Candidates are taken oldest first (earliest `first_seen`, then the smaller person id).
 *    A candidate joins the group unless it holds a `user_id` other than the event's own
 *    `user_id` or one already in the group: two known users are never merged (a shared
 *    browser does not make two customers one person). Such a candidate is held apart and
 *    keeps its links.
 * 3. The oldest person in the group survives; the others are merged into it (their links move,
 *    a merge record names the reason).
 * 4. With no candidate, a new person is created; its id is derived from the strongest
 *    identifier of the event (`ID_KINDS` order), so the same event always names the same person.
 * 5. Identifiers nobody holds yet are linked to the survivor.
 */
import {
  ID_KINDS,
  SHAREABLE_KINDS,
  type Identifier,
  type Link,
  type ShareableKind,
} from './types.js';

/** What the graph already knows about an event's identifiers. */
export interface Known {
  /** Links of the event's identifiers, plus the `user_id` and hashed links of the persons holding them. */
  links: readonly Link[];
  /** The candidate persons' first seen (epoch ms). */
  persons: ReadonlyMap<string, number>;
}

export interface Plan {
  person_id: string;
  /** Set when the event creates the person. */
  created: boolean;
  /** Persons merged into `person_id`, with the reason. */
  merged: { from_person: string; reason: string }[];
  /** Candidates not merged (another user id), with the reason. */
  held: { person_id: string; reason: string }[];
  /** Identifiers to link to `person_id` (held by nobody yet). */
  link: Identifier[];
  /** Identifiers already held by a person of the group (last seen refreshed). */
  touch: Identifier[];
  /** The survivor's hashed identifiers after the observation, the most recently seen of each kind. */
  hashed: Partial<Record<ShareableKind, string>>;
}

const rank = (kind: string): number => ID_KINDS.indexOf(kind as never);
const key = (i: Identifier): string => `${i.kind}\u0000${i.value}`;

/**
 * Decide what an observation does to the graph.
 *
 * @example
 * planObservation([{ kind: 'anonymous_id', value: 'a1' }], { links: [], persons: new Map() }, 0, (i) => `per_${i.value}`)
 * // → { person_id: 'per_a1', created: true, link: [{ kind: 'anonymous_id', value: 'a1' }], … }
 */
export function planObservation(
  ids: readonly Identifier[],
  known: Known,
  at: number,
  mintId: (strongest: Identifier) => string,
): Plan {
  const owner = new Map<string, string>();
  for (const l of known.links) owner.set(key(l), l.person_id);
  const userIds = new Map<string, Set<string>>();
  for (const l of known.links) {
    if (l.kind !== 'user_id') continue;
    const set = userIds.get(l.person_id) ?? new Set<string>();
    set.add(l.value);
    userIds.set(l.person_id, set);
  }
  const candidates = [...new Set(ids.flatMap((i) => owner.get(key(i)) ?? []))].sort((a, b) => {
    const d = (known.persons.get(a) ?? at) - (known.persons.get(b) ?? at);
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  const groupUsers = new Set(ids.filter((i) => i.kind === 'user_id').map((i) => i.value));
  const group: string[] = [];
  const held: Plan['held'] = [];
  for (const c of candidates) {
    const theirs = [...(userIds.get(c) ?? [])];
    const conflict = groupUsers.size > 0 ? theirs.find((u) => !groupUsers.has(u)) : undefined;
    if (conflict !== undefined) {
      held.push({ person_id: c, reason: 'holds another user_id' });
      continue;
    }
    group.push(c);
    for (const u of theirs) groupUsers.add(u);
  }
  const strongest = [...ids].sort((a, b) => rank(a.kind) - rank(b.kind))[0]!;
  const created = group.length === 0;
  const survivor = created ? mintId(strongest) : group[0]!;
  const members = new Set(group);
  const merged = group.slice(1).map((from) => {
    // The strongest identifier of the event that the merged person held explains the merge.
    const via = [...ids]
      .sort((a, b) => rank(a.kind) - rank(b.kind))
      .find((i) => owner.get(key(i)) === from);
    return {
      from_person: from,
      reason: `event carried ${via?.kind ?? 'an identifier'} of ${from} with identifiers of ${survivor}; earliest first seen kept`,
    };
  });
  const link = ids.filter((i) => !owner.has(key(i)));
  const touch = ids.filter((i) => members.has(owner.get(key(i)) ?? ''));
  const hashed: Plan['hashed'] = {};
  const latest = new Map<ShareableKind, number>();
  const consider = (kind: string, value: string, seen: number): void => {
    if (!(SHAREABLE_KINDS as readonly string[]).includes(kind)) return;
    const k = kind as ShareableKind;
    if ((latest.get(k) ?? -Infinity) <= seen) {
      latest.set(k, seen);
      hashed[k] = value;
    }
  };
  for (const l of known.links) if (members.has(l.person_id)) consider(l.kind, l.value, l.last_seen);
  for (const i of [...link, ...touch]) consider(i.kind, i.value, at);
  return { person_id: survivor, created, merged, held, link, touch, hashed };
}
