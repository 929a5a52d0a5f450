/**
 * The identity graph's port and shapes (docs/design.md "Identity"). Per organisation, identifiers
 * (`_dfid`s, user ids, hashed email and phone, vendor ids, click ids) are linked to one person;
 * nothing is ever shared between organisations. The processor learns and reads through this
 * port; admin implements it over its database (core/db/stores/identity.ts), `memoryGraph` in
 * memory (tests, embedding). Merge decisions are pure (`planObservation` in ./merge.ts).
 */

/**
 * The identifier kinds, strongest first (the order names a new person and picks which of an
 * event's identifiers explains a merge).
 */
export const ID_KINDS = [
  'user_id',
  'email_sha256',
  'phone_sha256',
  'phone_e164_sha256',
  'anonymous_id',
  'ga_client_id',
  'fbp',
  'fbc',
  'ttp',
  'click_id',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** Kinds the processor may add to `context.identity` (hashed, where consent allows). */
export const SHAREABLE_KINDS = [
  'email_sha256',
  'phone_sha256',
  'phone_e164_sha256',
] as const satisfies readonly IdKind[];
export type ShareableKind = (typeof SHAREABLE_KINDS)[number];

/** One identifier. `click_id` values are `{name}:{value}` (e.g. `gclid:Cj0…`). */
export interface Identifier {
  kind: IdKind;
  value: string;
}

/** One link in the graph: an identifier held by a person, with when it was first and last seen (epoch ms). */
export interface Link extends Identifier {
  person_id: string;
  first_seen: number;
  last_seen: number;
}

/** One merge, kept so that every person id can be explained. */
export interface MergeRecord {
  /** The person that no longer exists. */
  from_person: string;
  into_person: string;
  /** The identifier of the event that joined them, and the rule that chose the survivor. */
  reason: string;
  at: number;
}

export interface Person {
  person_id: string;
  first_seen: number;
  links: Link[];
}

/** What the graph answers for an event's identifiers. */
export type Resolution =
  | { kind: 'unknown' }
  /** One of the identifiers was erased on request: the event is to be dropped. */
  | { kind: 'suppressed' }
  | {
      kind: 'person';
      person_id: string;
      /** The person's hashed identifiers (at most one of each kind: the most recently seen). */
      hashed: Partial<Record<ShareableKind, string>>;
      /** Persons this observation merged into `person_id` (absent when none). */
      merged?: string[];
    };

/** What an erasure removed. */
export interface Erasure {
  person_id: string;
  links: Identifier[];
  merges: number;
  /** Suppression records left (one per identifier, stored as SHA-256 of `kind:value`). */
  suppressions: number;
}

export interface IdentityGraph {
  /**
   * Learn: link these identifiers to one person (merging persons by the rule in ./merge.ts),
   * refresh last seen, and answer the person. Answers `suppressed` without learning when any
   * identifier was erased.
   */
  observe(orgId: string, ids: readonly Identifier[], at: number): Promise<Resolution>;
  /** Read only: whether any identifier is suppressed (nothing learned, nothing resolved). */
  suppressed(orgId: string, ids: readonly Identifier[]): Promise<boolean>;
  /**
   * Every suppression hash of the organisation (SHA-256 of `kind:value`, as `suppressionHash`),
   * or `undefined` when it holds more than `limit`: lets a cache answer `suppressed` in memory.
   */
  suppressions(orgId: string, limit: number): Promise<string[] | undefined>;
  /** The person an identifier belongs to, with every link. */
  find(orgId: string, id: Identifier): Promise<Person | undefined>;
  /** The merges that made this person (newest first). */
  merges(orgId: string, personId: string): Promise<MergeRecord[]>;
  /** Suppress identifiers (a request for one the graph never learned); answers how many were new. */
  suppress(orgId: string, ids: readonly Identifier[], at: number): Promise<number>;
  /** Lift the suppression of identifiers (the person asked to be tracked again); answers how many were lifted. */
  unsuppress(orgId: string, ids: readonly Identifier[]): Promise<number>;
  /** Remove a person and its links and merge records; suppress every identifier it held. */
  erase(orgId: string, personId: string, at: number): Promise<Erasure | undefined>;
}
