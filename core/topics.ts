/** Every Kafka topic name is built here (docs/design.md "Topics"). */
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
export interface TraceEntry {
  step: string;
  result: string;
}

/**
 * The value of a message on `delivery-{integration_id}` (JSON). Headers carry pipeline id,
 * revision id and attempt count (HEADERS). The envelope is post-transform; the delivery worker
 * loads the revision (immutable, cacheable) and resolves `{{pipeline_param.KEY}}` itself.
 */
export interface DeliveryMessage {
  v: 1;
  pipeline_id: string;
  pipeline_integration_id: string;
  integration_id: string;
  revision_id: string;
  vendor: string;
  envelope: import('./event/envelope.js').Envelope;
  trace: TraceEntry[];
}
