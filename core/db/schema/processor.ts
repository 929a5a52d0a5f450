/**
 * The processor's record of events it has fanned out, per source (core/dedup/seen.ts):
 * a copy of an event id already seen from the same source within the dedup window is dropped.
 * Rows older than the window are pruned by the processor.
 */
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const processorSeen = pgTable(
  'processor_seen',
  {
    /** `{pipeline_id}/{source_id or kind}`: one source can never suppress another's events. */
    source: text('source').notNull(),
    eventId: text('event_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.eventId] }),
    index('processor_seen_seen_at_idx').on(t.seenAt),
  ],
);
