/**
 * Group commit for the delivery ledger's two hot writes. A worker with 16 requests in flight
 * claims and records per request; each call as its own statement queues on the connection pool,
 * and under load the time between a vendor's answer and its durable record grew to 80–500 ms
 * (measured in `npm run reliability`) — the window in which a killed worker sends again.
 * Here a `claim` or `record` that arrives while one of its kind is in flight waits for it and
 * then goes with every other waiting call in one statement: one round trip and one commit for
 * the lot, and never more than one of each kind in flight per worker.
 *
 * What grouping must not change:
 * - a call never shares a statement with another call naming the same event (two claims of one
 *   event in one statement would both win; two delivered rows for one event would make the
 *   upsert touch a row twice), so such a call waits for the next group;
 * - a group whose statement fails is tried again call by call, so an error reaches only the call
 *   it belongs to (a bad row never fails its neighbours).
 */
import { scopedKey, type ScopedId } from '../event/scope.js';
import type { ClaimResult, ClaimToken, DeliveryLedger, OutcomeRow } from './delivered.js';

/** Events (ids, outcome rows plus claims) in one grouped statement, well under PostgreSQL's 65,535 parameters. */
const MAX_GROUP_EVENTS = 1_000;

interface Call<A, R> {
  arg: A;
  keys: readonly string[];
  size: number;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/** Calls of one kind: at most one statement in flight, the calls waiting meanwhile go as one. */
class Group<A, R> {
  #waiting: Call<A, R>[] = [];
  #busy = false;

  constructor(
    private readonly one: (arg: A) => Promise<R>,
    private readonly many: (args: A[]) => Promise<R[]>,
    /** Whether a call may join a group started by `first` (e.g. the same integration). */
    private readonly compatible: (first: A, next: A) => boolean,
  ) {}

  submit(arg: A, keys: readonly string[], size: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ arg, keys, size, resolve, reject });
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#take();
        if (group.length === 1) await settle(group[0]!, this.one);
        else {
          try {
            const results = await this.many(group.map((c) => c.arg));
            group.forEach((c, i) => c.resolve(results[i]!));
          } catch {
            await Promise.all(group.map((c) => settle(c, this.one)));
          }
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  /** The first waiting call and every later one that fits beside it; the rest keep their order. */
  #take(): Call<A, R>[] {
    const [first, ...rest] = this.#waiting;
    const group = [first!];
    const keys = new Set(first!.keys);
    let size = first!.size;
    const later: Call<A, R>[] = [];
    for (const c of rest) {
      if (
        size + c.size <= MAX_GROUP_EVENTS &&
        this.compatible(first!.arg, c.arg) &&
        !c.keys.some((k) => keys.has(k))
      ) {
        group.push(c);
        size += c.size;
        for (const k of c.keys) keys.add(k);
      } else later.push(c);
    }
    this.#waiting = later;
    return group;
  }
}

async function settle<A, R>(c: Call<A, R>, one: (arg: A) => Promise<R>): Promise<void> {
  try {
    c.resolve(await one(c.arg));
  } catch (e) {
    c.reject(e);
  }
}

interface ClaimArgs {
  integrationId: string;
  ids: readonly ScopedId[];
  at: number;
  leaseMs: number;
}
interface RecordArgs {
  rows: OutcomeRow[];
  claims: readonly ClaimToken[];
}

/** A claim's answer for the events one caller asked about. */
function share(all: ClaimResult, ids: readonly ScopedId[]): ClaimResult {
  const mine: ClaimResult = { claimed: new Map(), delivered: new Set(), held: new Map() };
  for (const k of ids.map(scopedKey)) {
    const fence = all.claimed.get(k);
    if (fence !== undefined) mine.claimed.set(k, fence);
    else if (all.delivered.has(k)) mine.delivered.add(k);
    else {
      const until = all.held.get(k);
      if (until !== undefined) mine.held.set(k, until);
    }
  }
  return mine;
}

/**
 * The ledger with `claim` and `record` group-committed (see the module comment); everything else
 * passes through.
 *
 * @example
 * const ledger = groupCommits(drizzleDeliveryStore(db));
 * const [a, b] = await Promise.all([ledger.claim('t', [x], now, 5_000), ledger.claim('t', [y], now, 5_000)]); // one statement
 */
export function groupCommits(ledger: DeliveryLedger): DeliveryLedger {
  const claims = new Group<ClaimArgs, ClaimResult>(
    (c) => ledger.claim(c.integrationId, c.ids, c.at, c.leaseMs),
    async (cs) => {
      // The latest `at` of the group: a lease is judged at the group's moment, a new one runs
      // from it (never shorter than its caller asked).
      const at = Math.max(...cs.map((c) => c.at));
      const all = await ledger.claim(
        cs[0]!.integrationId,
        cs.flatMap((c) => c.ids),
        at,
        cs[0]!.leaseMs,
      );
      return cs.map((c) => share(all, c.ids));
    },
    (a, b) => a.integrationId === b.integrationId && a.leaseMs === b.leaseMs,
  );
  const records = new Group<RecordArgs, void>(
    (r) => ledger.record(r.rows, r.claims),
    async (rs) => {
      await ledger.record(
        rs.flatMap((r) => r.rows),
        rs.flatMap((r) => r.claims),
      );
      return rs.map(() => undefined);
    },
    () => true,
  );
  const eventKey = (integrationId: string, id: ScopedId) => `${integrationId}|${scopedKey(id)}`;
  return {
    deliveredAmong: (integrationId, ids) => ledger.deliveredAmong(integrationId, ids),
    claim: (integrationId, ids, at, leaseMs) =>
      claims.submit(
        { integrationId, ids, at, leaseMs },
        ids.map((id) => eventKey(integrationId, id)),
        ids.length,
      ),
    renew: (integrationId, tokens, until) => ledger.renew(integrationId, tokens, until),
    record: (rows, claimTokens = []) =>
      records.submit(
        { rows, claims: claimTokens },
        [
          ...rows
            .filter((r) => r.outcome === 'delivered')
            .map((r) => eventKey(r.integration_id, r)),
          ...claimTokens.map((c) => eventKey(c.integration_id, c)),
        ],
        rows.length + claimTokens.length,
      ),
    deadLetter: (records_) => ledger.deadLetter(records_),
    claimReplays: (limit, at) => ledger.claimReplays(limit, at),
    markReplayed: (ids, at) => ledger.markReplayed(ids, at),
    add: (integrationId, day, n) => ledger.add(integrationId, day, n),
    get: (integrationId, day) => ledger.get(integrationId, day),
  };
}
