/**
 * The shapes of the live trace (docs/design.md "Live trace"): one `TraceStep` per thing that
 * happened to a watched event, published on `live-trace`; one `LiveWatch` per "this pipeline is
 * watched until …" published on `live-trace-control`. Both are JSON on the bus.
 */
import { z } from 'zod';

/** Where an event ended up, as far as one step says. `failed` in a filter means retrying or dead-lettered. */
export const TraceStatus = z.enum([
  'ok',
  'delivered',
  'retrying',
  'dead_lettered',
  'blocked',
  'dropped',
  'skipped',
  'duplicate',
]);
export type TraceStatus = z.infer<typeof TraceStatus>;

const TraceStepName = z.enum([
  /** At the edge: the body as the client sent it and the envelope after enrichment (cookies, click ids, geo). */
  'edge_received',
  /** The envelope as the processor read it from `raw-events` (after the edge's enrichment). */
  'received',
  /** Org data layer and pipeline transformations: each step's result and the fields changed. */
  'processed',
  /** Dropped by a transformation or the bot filter; dead-lettered by the processor. */
  'dropped',
  'dead_lettered',
  /** Per integration: the consent decision with its reason. */
  'consent',
  /** Per integration: the revision and the pipeline parameters it resolved. */
  'params',
  /** Per integration: the request that went out (secrets masked) and the mapped payload. */
  'request',
  /** Per integration: the vendor's status and body, or the network failure, and the parsed verdict. */
  'response',
  /** Per integration: the event's outcome (attempt, next retry time, DLQ entry). */
  'outcome',
  /** The tracer itself: steps it could not publish (counted, never silent). */
  'notice',
]);
type TraceStepName = z.infer<typeof TraceStepName>;

export const TraceStep = z.object({
  v: z.literal(1),
  /** ms since epoch. */
  at: z.number(),
  pipeline_id: z.string(),
  event_id: z.string(),
  /** The event's name (`event`), for the `event` filter. */
  event: z.string().optional(),
  user_id: z.string().optional(),
  anonymous_id: z.string().optional(),
  integration_id: z.string().optional(),
  part: z.enum(['edge', 'processor', 'delivery', 'tracer']),
  step: TraceStepName,
  status: TraceStatus.optional(),
  /** One line a person reads ("blocked by consent: marketing"). */
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type TraceStep = z.infer<typeof TraceStep>;
/**
 * What a part hands the tracer (`v` and `at` are filled in). `dataJson` is `data` already
 * serialised, for data shared by many steps (one batched request seen from each of its events).
 */
export type TraceStepInput = Omit<TraceStep, 'v' | 'at' | 'data'> & { at?: number } & (
    { data: Record<string, unknown>; dataJson?: never } | { data?: never; dataJson: string }
  );

export const LiveWatch = z.object({
  v: z.literal(1),
  pipeline_id: z.string().min(1),
  /** Tracing for the pipeline is on until this time (ms since epoch); 0 turns it off. */
  until: z.number(),
});
export type LiveWatch = z.infer<typeof LiveWatch>;

/** The event-level keys every step carries, from an envelope. */
export function eventKeys(envelope: {
  event_id: string;
  event?: string | undefined;
  user_id?: string | undefined;
  anonymous_id?: string | undefined;
}): Pick<TraceStep, 'event_id' | 'event' | 'user_id' | 'anonymous_id'> {
  return {
    event_id: envelope.event_id,
    ...(envelope.event ? { event: envelope.event } : {}),
    ...(envelope.user_id ? { user_id: envelope.user_id } : {}),
    ...(envelope.anonymous_id ? { anonymous_id: envelope.anonymous_id } : {}),
  };
}
