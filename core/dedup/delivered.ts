/**
 * The delivery ledger: what delivery writes besides Kafka (the DLQ index, per-event outcomes for
 * stats, the delivered-event-id record that makes replay idempotent, the daily request counter)
 * and what the admin API reads back. A port: admin's database implements it
 * (core/db/stores/delivery.ts), `memoryLedger` serves tests and the local default.
 */
import { z } from 'zod';
import { scopedKey, type ScopedId } from '../event/scope.js';
import type { DailyCounterStore } from '../ratelimit/index.js';

/** Per-event outcome kinds recorded for stats. */
const OUTCOMES = [
  'delivered',
  'failed',
  'retried',
  'dead_lettered',
  'skipped',
  'consent_blocked',
  'duplicate',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeRow {
  integration_id: string;
  pipeline_id: string;
  event_id: string;
  /** The event's dedup scope (core/event/scope.ts): a delivered row marks `source` + `event_id`. */
  source: string;
  /** The Identity Hub's person (`context.identity.person_id`), kept so an erasure can find the row. */
  person_id?: string | undefined;
  outcome: Outcome;
  /** Which try (1-based). */
  attempt: number;
  /** Vendor HTTP status, null for network errors/timeouts or no request. */
  status: number | null;
  /** First enqueue → delivery, for delivered rows. */
  latency_ms: number | null;
  /** ms since epoch. */
  at: number;
}

/** A record on `dlq-delivery-{integration_id}` and in the DLQ table (same shape). */
export const DlqRecord = z.object({
  v: z.literal(1),
  /** `dlq_…` */
  id: z.string(),
  integration_id: z.string(),
  pipeline_id: z.string(),
  pipeline_integration_id: z.string(),
  revision_id: z.string(),
  vendor: z.string(),
  event_id: z.string(),
  attempts: z.number().int(),
  last_status: z.number().int().nullable(),
  /** Last response body, truncated to 2 KB, secrets scrubbed. */
  last_response: z.string().nullable(),
  /** Error code from the shared taxonomy (`vendor_rejected`, `timeout`, …). */
  code: z.string(),
  reason: z.string(),
  first_attempt_at: z.number(),
  failed_at: z.number(),
  /** The delivery message to re-queue on replay (JSON text of a DeliveryMessage). */
  message: z.string(),
});
export type DlqRecord = z.infer<typeof DlqRecord>;

/** `dead` → (replay requested by admin) `replay_requested` → (delivery re-queues) `replaying` → `replayed`. */
export type DlqStatus = 'dead' | 'replay_requested' | 'replaying' | 'replayed';

export interface DlqEntry extends DlqRecord {
  status: DlqStatus;
  replay_requested_at: number | null;
  replayed_at: number | null;
}

/** A claimed replay left `replaying` this long (a crashed claimer) is claimed again. */
export const REPLAY_CLAIM_TIMEOUT_MS = 60_000;

export interface DlqFilter {
  pipeline_id?: string | undefined;
  /** Matches the code or a substring of the reason. */
  reason?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
  status?: DlqStatus | undefined;
  limit?: number | undefined;
  /** Entries failed strictly before this (cursor: the last `failed_at` + id seen). */
  before?: { failed_at: number; id: string } | undefined;
}

export interface StatsRow {
  pipeline_id: string | null;
  delivered: number;
  failed: number;
  retried: number;
  dead_lettered: number;
  skipped: number;
  consent_blocked: number;
  /** delivered / (delivered + dead_lettered); null when neither happened. */
  success_rate: number | null;
  p50_latency_ms: number | null;
  p95_latency_ms: number | null;
}

/**
 * What a claim found for each event asked about. A claim is a lease on sending one event of one
 * integration: while it lasts no other copy of the event, and no other worker, may send it. Each
 * new claim carries a fencing token (`fence`) never handed out before, not even for an event whose
 * earlier claim was released, so a worker whose lease ran out can neither renew nor release the
 * claim of the one that took over. An event is named by its dedup scope and
 * id (`ScopedId`); the maps are keyed by `scopedKey` of it, so the same `event_id` from two
 * sources is two events.
 */
export interface ClaimResult {
  /** Claimed by this call: scoped key → fencing token. */
  claimed: Map<string, number>;
  /** Already delivered: never send again. */
  delivered: Set<string>;
  /** Held by another live claim: scoped key → when its lease ends (ms since epoch). */
  held: Map<string, number>;
}

/** A claim held by a worker, named by its fencing token. */
export interface ClaimToken extends ScopedId {
  integration_id: string;
  fence: number;
}

/** What the delivery worker needs. */
export interface DeliveryLedger extends DailyCounterStore {
  /** Which of these events were already delivered for the integration (answered as `scopedKey`s). */
  deliveredAmong(integrationId: string, ids: readonly ScopedId[]): Promise<Set<string>>;
  /**
   * Claim events for sending, atomically per event: an event is claimed when it is neither
   * delivered nor held by a lease that is still running at `at`.
   */
  claim(
    integrationId: string,
    ids: readonly ScopedId[],
    at: number,
    leaseMs: number,
  ): Promise<ClaimResult>;
  /**
   * Extend this worker's claims to `until` (ms since epoch), each only while its fencing token is
   * still the current one and the event is not delivered. Returns the scoped keys extended; the
   * others were delivered or taken over meanwhile.
   */
  renew(integrationId: string, claims: readonly ClaimToken[], until: number): Promise<Set<string>>;
  /**
   * Record outcomes atomically (one transaction or one statement): the outcome rows, the delivered ids of `delivered` rows,
   * and the release of the `claims` held for events not delivered, so that their next try can
   * claim them. A claim is released only while its fencing token is still the current one.
   */
  record(rows: OutcomeRow[], claims?: readonly ClaimToken[]): Promise<void>;
  deadLetter(records: DlqRecord[]): Promise<void>;
  /** Take up to `limit` entries whose replay was requested (any integration) and mark them `replaying`. */
  claimReplays(limit: number, at: number): Promise<DlqEntry[]>;
  /** The claimed entries are back on their delivery topic. */
  markReplayed(ids: string[], at: number): Promise<void>;
}

/** What the admin DLQ/stats routes need. */
export interface DeliveryOpsStore extends DeliveryLedger {
  listDlq(integrationId: string, filter: DlqFilter): Promise<DlqEntry[]>;
  getDlq(integrationId: string, id: string): Promise<DlqEntry | undefined>;
  /** Entries still dead (not replayed or being replayed). */
  dlqDepth(integrationId: string): Promise<number>;
  /**
   * Ask for a replay of the given entries (any status but in-progress) or of every `dead` entry
   * matching the filter; returns how many were newly requested.
   */
  requestReplay(
    integrationId: string,
    select: { ids: string[] } | { filter: DlqFilter },
    at: number,
  ): Promise<number>;
  /** Totals (pipeline_id null) and one row per pipeline over [since, until). */
  stats(integrationId: string, since: number, until: number): Promise<StatsRow[]>;
}

/**
 * Nearest-rank percentile of sorted numbers.
 *
 * @example percentile([1, 2, 3, 4], 0.5) // → 2
 */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Build stats rows from outcome rows (used by the memory store; SQL does the same in the DB one). */
export function summarise(rows: readonly OutcomeRow[]): StatsRow[] {
  const groups = new Map<string | null, OutcomeRow[]>([[null, []]]);
  for (const r of rows) {
    groups.get(null)!.push(r);
    if (!groups.has(r.pipeline_id)) groups.set(r.pipeline_id, []);
    groups.get(r.pipeline_id)!.push(r);
  }
  return [...groups].map(([pipeline_id, rs]) => {
    const count = (o: Outcome): number => rs.filter((r) => r.outcome === o).length;
    const delivered = count('delivered');
    const dead = count('dead_lettered');
    const latencies = rs
      .flatMap((r) => (r.outcome === 'delivered' && r.latency_ms !== null ? [r.latency_ms] : []))
      .sort((a, b) => a - b);
    return {
      pipeline_id,
      delivered,
      failed: count('failed'),
      retried: count('retried'),
      dead_lettered: dead,
      skipped: count('skipped'),
      consent_blocked: count('consent_blocked'),
      success_rate: delivered + dead === 0 ? null : delivered / (delivered + dead),
      p50_latency_ms: percentile(latencies, 0.5),
      p95_latency_ms: percentile(latencies, 0.95),
    };
  });
}

export interface MemoryLedger extends DeliveryOpsStore {
  readonly rows: OutcomeRow[];
  readonly dlq: DlqEntry[];
}

/**
 * An in-memory ledger (tests, benchmarks, the no-database local default). The delivered-id
 * record keeps the last `maxDeliveredIds` ids per integration.
 *
 * @example const ledger = memoryLedger(); await ledger.record([...]);
 */
export function memoryLedger(
  options: { maxDeliveredIds?: number; keepRows?: boolean } = {},
): MemoryLedger {
  const maxIds = options.maxDeliveredIds ?? 100_000;
  /** Per integration: the delivered ids, and their order (oldest first from `head`) for eviction. */
  const delivered = new Map<string, { ids: Set<string>; order: string[]; head: number }>();
  /** Integration → scoped key → the current claim. */
  const claims = new Map<string, Map<string, { fence: number; until: number }>>();
  const claimsOf = (integrationId: string): Map<string, { fence: number; until: number }> => {
    let m = claims.get(integrationId);
    if (!m) claims.set(integrationId, (m = new Map()));
    return m;
  };
  /** The last fencing token handed out: tokens are never reused, not even after a release. */
  let lastFence = 0;
  const counts = new Map<string, number>();
  const rows: OutcomeRow[] = [];
  const dlq: DlqEntry[] = [];
  const keepRows = options.keepRows ?? true;
  const matches = (e: DlqEntry, f: DlqFilter): boolean =>
    (!f.pipeline_id || e.pipeline_id === f.pipeline_id) &&
    (!f.reason || e.code === f.reason || e.reason.includes(f.reason)) &&
    (f.since === undefined || e.failed_at >= f.since) &&
    (f.until === undefined || e.failed_at < f.until) &&
    (!f.status || e.status === f.status) &&
    (!f.before ||
      e.failed_at < f.before.failed_at ||
      (e.failed_at === f.before.failed_at && e.id < f.before.id));
  return {
    rows,
    dlq,
    async deliveredAmong(integrationId, ids) {
      const set = delivered.get(integrationId)?.ids;
      return new Set(set ? ids.map(scopedKey).filter((id) => set.has(id)) : []);
    },
    async claim(integrationId, ids, at, leaseMs) {
      const result: ClaimResult = { claimed: new Map(), delivered: new Set(), held: new Map() };
      const done = delivered.get(integrationId)?.ids;
      const mine = claimsOf(integrationId);
      for (const scoped of ids) {
        const id = scopedKey(scoped);
        if (done?.has(id)) {
          result.delivered.add(id);
          continue;
        }
        const current = mine.get(id);
        if (current && current.until > at) {
          result.held.set(id, current.until);
          continue;
        }
        const fence = ++lastFence;
        mine.set(id, { fence, until: at + leaseMs });
        result.claimed.set(id, fence);
      }
      return result;
    },
    async renew(integrationId, tokens, until) {
      const renewed = new Set<string>();
      const mine = claims.get(integrationId);
      for (const t of tokens) {
        const id = scopedKey(t);
        const current = mine?.get(id);
        if (current?.fence !== t.fence || delivered.get(integrationId)?.ids.has(id)) continue;
        current.until = until;
        renewed.add(id);
      }
      return renewed;
    },
    async record(newRows, held) {
      for (const r of newRows) {
        if (keepRows) rows.push(r);
        if (r.outcome !== 'delivered') continue;
        const id = scopedKey(r);
        // A delivered event's claim ends with it (a token for it below finds nothing to release).
        claims.get(r.integration_id)?.delete(id);
        let d = delivered.get(r.integration_id);
        if (!d) delivered.set(r.integration_id, (d = { ids: new Set(), order: [], head: 0 }));
        if (d.ids.has(id)) continue;
        d.ids.add(id);
        d.order.push(id);
        // The oldest goes (from a queue: a Set's first entry is found past every deleted one).
        if (d.ids.size > maxIds) d.ids.delete(d.order[d.head++]!);
        if (d.head > 1024 && d.head * 2 > d.order.length) {
          d.order = d.order.slice(d.head);
          d.head = 0;
        }
      }
      for (const t of held ?? []) {
        const mine = claims.get(t.integration_id);
        const id = scopedKey(t);
        if (mine?.get(id)?.fence === t.fence) mine.delete(id);
      }
    },
    async deadLetter(records) {
      for (const r of records)
        if (!dlq.some((e) => e.id === r.id))
          dlq.push({ ...r, status: 'dead', replay_requested_at: null, replayed_at: null });
    },
    async claimReplays(limit, at) {
      const claimable = dlq.filter(
        (e) =>
          e.status === 'replay_requested' ||
          (e.status === 'replaying' && at - (e.replay_requested_at ?? 0) > REPLAY_CLAIM_TIMEOUT_MS),
      );
      const taken = claimable.slice(0, limit);
      for (const e of taken) Object.assign(e, { status: 'replaying', replay_requested_at: at });
      return taken.map((e) => ({ ...e }));
    },
    async markReplayed(ids, at) {
      for (const e of dlq)
        if (ids.includes(e.id)) Object.assign(e, { status: 'replayed', replayed_at: at });
    },
    async requestReplay(integrationId, select, at) {
      const chosen =
        'ids' in select
          ? dlq.filter(
              (e) =>
                e.integration_id === integrationId &&
                select.ids.includes(e.id) &&
                (e.status === 'dead' || e.status === 'replayed'),
            )
          : dlq.filter(
              (e) =>
                e.integration_id === integrationId &&
                e.status === 'dead' &&
                matches(e, { ...select.filter, status: undefined }),
            );
      for (const e of chosen)
        Object.assign(e, { status: 'replay_requested', replay_requested_at: at });
      return chosen.length;
    },
    async add(id, day, n) {
      const next = (counts.get(`${id}|${day}`) ?? 0) + n;
      counts.set(`${id}|${day}`, next);
      return next;
    },
    async get(id, day) {
      return counts.get(`${id}|${day}`) ?? 0;
    },
    async listDlq(integrationId, filter) {
      return dlq
        .filter((e) => e.integration_id === integrationId && matches(e, filter))
        .sort((a, b) => b.failed_at - a.failed_at || (a.id < b.id ? 1 : -1))
        .slice(0, filter.limit ?? 100);
    },
    async getDlq(integrationId, id) {
      return dlq.find((e) => e.integration_id === integrationId && e.id === id);
    },
    async dlqDepth(integrationId) {
      return dlq.filter((e) => e.integration_id === integrationId && e.status === 'dead').length;
    },
    async stats(integrationId, since, until) {
      return summarise(
        rows.filter((r) => r.integration_id === integrationId && r.at >= since && r.at < until),
      );
    },
  };
}
