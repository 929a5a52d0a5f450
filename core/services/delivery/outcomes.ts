/**
 * What delivery writes about an event once its fate is known: outcome rows, the retry topic's
 * next try, and dead letters, built in one place (one DLQ record builder for vendor failures and
 * for messages that are not delivery messages at all). Pure: the worker makes them durable.
 */
import type { BusMessage, ProduceRecord } from '../../bus/types.js';
import type { Clock } from '../../clock/index.js';
import type { ClaimToken, DlqRecord, OutcomeRow } from '../../dedup/delivered.js';
import type { ErrorCode } from '../../errors/index.js';
import { scopedKey, sourceScope, type ScopedId } from '../../event/scope.js';
import { newId } from '../../ids.js';
import { scrub } from '../../secrets/scrub.js';
import { HEADERS, type DeliveryMessage } from '../../topics.js';
import { MAX_TRIES, retryDelayMs } from '../../vendors/retry.js';

/** Extra headers delivery puts on retry messages. */
export const RETRY_HEADERS = { firstAt: 'x-first-at', replayOf: 'x-replay-of' } as const;

/** How the worker and its parts log (a `core/log` logger fits). */
export interface WorkerLog {
  (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** One delivery message being worked on. */
export interface Item {
  raw: BusMessage;
  fromRetry: boolean;
  msg: DeliveryMessage;
  attempt: number;
  firstAt: number;
  bytes: number;
  /** Fencing token of this worker's claim on the event, once claimed. */
  fence?: number;
  /** When that claim's lease ends (ms since epoch). */
  leaseUntil?: number;
  /** The event's dedup scope and id (`scopedIdOf`), once asked for. */
  scoped?: ScopedId;
  /** `scopedKey` of `scoped` (`scopedKeyOf`), once asked for. */
  scopedKey?: string;
}

/** What to make durable for a set of items: outcome rows, retry-topic records, dead letters. */
export interface Resolution {
  rows: OutcomeRow[];
  retries: ProduceRecord[];
  dead: DlqRecord[];
}

/** The Identity Hub's person of an envelope, when the processor added one (docs/identity.md). */
function personOf(envelope: { context?: unknown }): { person_id?: string } {
  const identity = (envelope.context as { identity?: { person_id?: unknown } } | undefined)
    ?.identity;
  return typeof identity?.person_id === 'string' ? { person_id: identity.person_id } : {};
}

/** The event a delivery item carries, named by its dedup scope (core/event/scope.ts). */
export const scopedIdOf = (item: Item): ScopedId =>
  (item.scoped ??= {
    source: sourceScope(item.msg.envelope.source),
    event_id: item.msg.envelope.event_id,
  });

/** `scopedKey` of the event a delivery item carries (the ledger's claim results are keyed by it). */
export const scopedKeyOf = (item: Item): string => (item.scopedKey ??= scopedKey(scopedIdOf(item)));

/** The claim tokens of the items this worker holds claims on (items never claimed are skipped). */
export const claimTokens = (integrationId: string, items: Item[]): ClaimToken[] =>
  items.flatMap((i) =>
    i.fence === undefined
      ? []
      : [{ integration_id: integrationId, ...scopedIdOf(i), fence: i.fence }],
  );

/**
 * The outcome builders of one integration's worker.
 *
 * @example const { schedule } = outcomeBuilder({ integrationId: 'tmpl_1', clock, random: Math.random });
 */
export function outcomeBuilder(opts: {
  integrationId: string;
  clock: Clock;
  random: () => number;
}) {
  const { integrationId, clock, random } = opts;

  function row(
    item: Item,
    outcome: OutcomeRow['outcome'],
    status: number | null,
    latency: number | null,
  ): OutcomeRow {
    return {
      integration_id: integrationId,
      pipeline_id: item.msg.pipeline_id,
      event_id: item.msg.envelope.event_id,
      source: scopedIdOf(item).source,
      ...personOf(item.msg.envelope),
      outcome,
      attempt: item.attempt,
      status,
      latency_ms: latency,
      at: clock.now(),
    };
  }

  function merge(into: Resolution, from: Resolution): void {
    into.rows.push(...from.rows);
    into.retries.push(...from.retries);
    into.dead.push(...from.dead);
  }

  /** The one DLQ record builder: the integration, a fresh id and the failure time are filled in. */
  function dlqRecord(
    fields: Omit<DlqRecord, 'v' | 'id' | 'integration_id' | 'failed_at'>,
  ): DlqRecord {
    return {
      v: 1,
      id: newId('dlq'),
      integration_id: integrationId,
      ...fields,
      failed_at: clock.now(),
    };
  }

  /** The dead letter of a message that is not a delivery message at all, kept as received. */
  function poisonRecord(
    raw: BusMessage,
    attempt: number,
    firstAt: number,
    code: ErrorCode,
    reason: string,
  ): DlqRecord {
    return dlqRecord({
      pipeline_id: raw.headers[HEADERS.pipelineId] ?? '',
      pipeline_integration_id: '',
      revision_id: raw.headers[HEADERS.revisionId] ?? '',
      vendor: '',
      event_id: raw.key ?? `${raw.topic}:${raw.partition}:${raw.offset}`,
      attempts: attempt,
      last_status: null,
      last_response: null,
      code,
      reason,
      first_attempt_at: firstAt,
      message: raw.value,
    });
  }

  /** The item on the retry topic as try `attempt`, due at `dueAt`. */
  function retryRecord(item: Item, attempt: number, dueAt: number): ProduceRecord {
    return {
      key: item.msg.envelope.event_id,
      value: item.raw.value,
      headers: {
        ...item.raw.headers,
        [HEADERS.pipelineId]: item.msg.pipeline_id,
        [HEADERS.revisionId]: item.msg.revision_id,
        [HEADERS.attempt]: String(attempt),
        [HEADERS.dueAt]: String(dueAt),
        [RETRY_HEADERS.firstAt]: String(item.firstAt),
      },
    };
  }

  /** Failed for good: outcome rows and a dead letter per item (the reason scrubbed of secrets). */
  function deadLetters(
    items: Item[],
    code: ErrorCode,
    reason: string,
    status: number | null,
    body: string | null,
    ctx: { secrets: string[] } | undefined,
  ): Resolution {
    const secrets = ctx?.secrets ?? [];
    const rows = items.flatMap((i) => [
      row(i, 'failed', status, null),
      row(i, 'dead_lettered', status, null),
    ]);
    const dead = items.map((item) =>
      dlqRecord({
        pipeline_id: item.msg.pipeline_id,
        pipeline_integration_id: item.msg.pipeline_integration_id,
        revision_id: item.msg.revision_id,
        vendor: item.msg.vendor,
        event_id: item.msg.envelope.event_id,
        attempts: item.attempt,
        last_status: status,
        last_response: body,
        code,
        reason: scrub(reason, secrets),
        first_attempt_at: item.firstAt,
        message: item.raw.value,
      }),
    );
    return { rows, retries: [], dead };
  }

  /** Next try for each item, or the DLQ when the tries are used up. */
  function schedule(
    items: Item[],
    code: ErrorCode,
    reason: string,
    status: number | null,
    body: string | null,
    ctx: { secrets: string[] } | undefined,
    retryAfterMs?: number,
  ): Resolution {
    const res: Resolution = { rows: [], retries: [], dead: [] };
    for (const item of items) {
      const delay = retryDelayMs(item.attempt, random, retryAfterMs);
      if (delay === undefined) {
        merge(
          res,
          deadLetters([item], code, `${reason} (after ${MAX_TRIES} tries)`, status, body, ctx),
        );
        continue;
      }
      res.rows.push(row(item, 'failed', status, null), row(item, 'retried', status, null));
      res.retries.push(retryRecord(item, item.attempt + 1, clock.now() + delay));
    }
    return res;
  }

  return { row, merge, poisonRecord, retryRecord, schedule, deadLetters };
}

export type OutcomeBuilder = ReturnType<typeof outcomeBuilder>;
