/** Every Kafka topic name is built here (docs/design.md "Topics"), and the delivery message's schema. */
import { z } from 'zod';
import type { Envelope } from './event/envelope.js';
import { isRecord } from './json/index.js';

export const RAW_EVENTS = 'raw-events';
export const PROCESSOR_DLQ = 'dlq-processor';

/** `delivery-{integration_id}` — one per pipeline integration's template. */
export const deliveryTopic = (integrationId: string): string => `delivery-${integrationId}`;
/** `dlq-delivery-{integration_id}`, retained 7 days. */
export const dlqTopic = (integrationId: string): string => `dlq-delivery-${integrationId}`;
/** Durable retry schedule for an integration (messages carry a due time header). */
export const retryTopic = (integrationId: string): string => `retry-delivery-${integrationId}`;

export const DLQ_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Live debugger: the steps of watched events (core/trace), kept briefly. */
export const LIVE_TRACE = 'live-trace';
/** Live debugger: which pipelines are watched, and until when (core/trace). */
export const LIVE_CONTROL = 'live-trace-control';
export const LIVE_RETENTION_MS = 15 * 60 * 1000;

/** Headers carried on delivery messages. */
export const HEADERS = {
  pipelineId: 'x-pipeline-id',
  revisionId: 'x-revision-id',
  attempt: 'x-attempt',
  dueAt: 'x-due-at',
  trace: 'x-trace',
} as const;

/** One decision the processor took for an event (shown in debugging, carried to delivery). */
export const TraceEntry = z.object({ step: z.string(), result: z.string() });
export type TraceEntry = z.infer<typeof TraceEntry>;

/**
 * The value of a message on `delivery-{integration_id}` (JSON), the one schema the processor
 * writes and delivery reads. Headers carry pipeline id, revision id and attempt count (HEADERS).
 * The envelope is post-transform and was validated against `Envelope` by the processor when it
 * crossed the trust boundary (the edge, then the bridge); this internal topic is inside it, so
 * delivery checks the frame and the envelope fields it relies on, not the envelope again. The
 * processor decides the `{{pipeline_param.KEY}}` values once and carries them in `params`; the
 * delivery worker loads the revision (immutable, cacheable) and substitutes exactly those.
 */
export const DeliveryMessage = z.looseObject({
  v: z.literal(1),
  pipeline_id: z.string().min(1),
  pipeline_integration_id: z.string(),
  integration_id: z.string().min(1),
  revision_id: z.string().min(1),
  vendor: z.string().min(1),
  /**
   * The pipeline parameters the revision references, as the processor resolved them. Absent only
   * in messages written before processors carried it; delivery then reads the pipeline's current
   * parameters.
   */
  params: z.record(z.string(), z.string()).optional(),
  envelope: z.custom<Envelope>(
    (e) =>
      isRecord(e) &&
      typeof e.event_id === 'string' &&
      e.event_id !== '' &&
      typeof e.type === 'string' &&
      typeof e.timestamp === 'string' &&
      (e.context === undefined || isRecord(e.context)),
    { message: 'envelope must carry event_id, type and timestamp' },
  ),
  trace: z.array(TraceEntry).default([]),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

/**
 * The parse of a decoded delivery message, or `undefined` when `DeliveryMessage` should judge it.
 * The delivery worker reads every message through here: the same checks as the schema, written
 * out, on the object itself (no copy); `trace` defaults to `[]` as in the schema. A message this
 * does not accept — invalid, or a trace entry with fields beyond `step` and `result` (the schema
 * would strip them) — goes through `DeliveryMessage.safeParse`, whose verdict and error stand.
 *
 * @example readDeliveryMessage(JSON.parse(raw.value)) ?? DeliveryMessage.parse(JSON.parse(raw.value))
 */
export function readDeliveryMessage(value: unknown): DeliveryMessage | undefined {
  if (!isRecord(value) || value.v !== 1) return undefined;
  if (
    !nonEmpty(value.pipeline_id) ||
    typeof value.pipeline_integration_id !== 'string' ||
    !nonEmpty(value.integration_id) ||
    !nonEmpty(value.revision_id) ||
    !nonEmpty(value.vendor)
  )
    return undefined;
  const { params, envelope: e, trace } = value;
  if (params !== undefined) {
    if (!isRecord(params)) return undefined;
    for (const k in params) if (typeof params[k] !== 'string') return undefined;
  }
  if (
    !isRecord(e) ||
    !nonEmpty(e.event_id) ||
    typeof e.type !== 'string' ||
    typeof e.timestamp !== 'string' ||
    (e.context !== undefined && !isRecord(e.context))
  )
    return undefined;
  if (trace === undefined) value.trace = [];
  else if (!Array.isArray(trace)) return undefined;
  else
    for (const t of trace as unknown[]) {
      if (!isRecord(t) || typeof t.step !== 'string' || typeof t.result !== 'string')
        return undefined;
      let keys = 0;
      for (const k in t) if (Object.hasOwn(t, k)) keys++;
      if (keys !== 2) return undefined;
    }
  return value as DeliveryMessage;
}
