/**
 * The delivery aggregate (written by core/services/delivery, read by the DLQ/stats routes): dead-letter
 * entries, per-event outcomes for stats, the claim and delivered-event-id record that keeps
 * an event from being sent twice, and the persisted daily request counters of `rate_limit_daily`.
 */
import {
  bigint,
  bigserial,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const DLQ_STATUSES = ['dead', 'replay_requested', 'replaying', 'replayed'] as const;
export type DlqStatus = (typeof DLQ_STATUSES)[number];

export const deliveryDlq = pgTable(
  'delivery_dlq',
  {
    /** `dlq_…` (same id as the record on `dlq-delivery-{integration_id}`). */
    id: text('id').primaryKey(),
    integrationId: text('integration_id').notNull(),
    pipelineId: text('pipeline_id').notNull(),
    pipelineIntegrationId: text('pipeline_integration_id').notNull(),
    revisionId: text('revision_id').notNull(),
    vendor: text('vendor').notNull(),
    eventId: text('event_id').notNull(),
    attempts: integer('attempts').notNull(),
    lastStatus: integer('last_status'),
    /** Truncated to 2 KB, secrets scrubbed. */
    lastResponse: text('last_response'),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The delivery message (JSON text) re-queued on replay. */
    message: text('message').notNull(),
    status: text('status', { enum: DLQ_STATUSES }).notNull().default('dead'),
    replayRequestedAt: timestamp('replay_requested_at', { withTimezone: true, mode: 'date' }),
    replayedAt: timestamp('replayed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('delivery_dlq_integration_idx').on(t.integrationId, t.failedAt),
    index('delivery_dlq_status_idx').on(t.status, t.replayRequestedAt),
  ],
);
export type DeliveryDlqRow = typeof deliveryDlq.$inferSelect;

export const deliveryOutcomes = pgTable(
  'delivery_outcomes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    integrationId: text('integration_id').notNull(),
    pipelineId: text('pipeline_id').notNull(),
    eventId: text('event_id').notNull(),
    /** The Identity Hub's person (`context.identity.person_id`), so an erasure finds the rows. */
    personId: text('person_id'),
    /** delivered | failed | retried | dead_lettered | skipped | consent_blocked | duplicate */
    outcome: text('outcome').notNull(),
    attempt: integer('attempt').notNull(),
    status: integer('status'),
    latencyMs: integer('latency_ms'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('delivery_outcomes_integration_idx').on(t.integrationId, t.at),
    // Only rows with a person are ever looked up by it (erasure): rows without one, most of
    // them, add nothing to the index.
    index('delivery_outcomes_person_idx')
      .on(t.personId)
      .where(sql`${t.personId} is not null`),
  ],
);

/**
 * Where claims take their fencing tokens: one sequence, so a token is never handed out twice (a
 * released claim's row is deleted, and a token counted per row would start again at 1).
 */
export const deliveryClaimFence = pgSequence('delivery_claim_fence');

/**
 * One row per (integration, source, event) that delivery has claimed or delivered: `source` is
 * the event's dedup scope (core/event/scope.ts), so one source cannot suppress another's event by
 * reusing its id. A claim is a lease (`lease_until`) with a fencing token (`fence`, a new one
 * from `delivery_claim_fence` on each claim); a delivered event has `delivered_at` set and is never
 * claimed again (core/dedup/delivered.ts `claim`).
 */
export const deliveryDelivered = pgTable(
  'delivery_delivered',
  {
    integrationId: text('integration_id').notNull(),
    source: text('source').notNull().default(''),
    eventId: text('event_id').notNull(),
    /** The Identity Hub's person of a delivered event, so an erasure finds the row. */
    personId: text('person_id'),
    /** Null while the event is only claimed. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    fence: bigint('fence', { mode: 'number' }).notNull().default(0),
    /** End of the current claim's lease; null once delivered. */
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.source, t.eventId] }),
    index('delivery_delivered_person_idx')
      .on(t.personId)
      .where(sql`${t.personId} is not null`),
  ],
);

export const deliveryDailyCounts = pgTable(
  'delivery_daily_counts',
  {
    integrationId: text('integration_id').notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.day] })],
);
