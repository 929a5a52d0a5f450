/** Every Kafka topic name is built here (DESIGN.md "Topics"). */
export const RAW_EVENTS = 'raw-events';
export const PROCESSOR_DLQ = 'dlq-processor';

/** `delivery-{integration_id}` — one per pipeline integration's template. */
export const deliveryTopic = (integrationId: string): string => `delivery-${integrationId}`;
/** `dlq-delivery-{integration_id}`, retained 7 days. */
export const dlqTopic = (integrationId: string): string => `dlq-delivery-${integrationId}`;
/** Durable retry schedule for an integration (messages carry a due time header). */
export const retryTopic = (integrationId: string): string => `retry-delivery-${integrationId}`;

export const DLQ_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Headers carried on delivery messages. */
export const HEADERS = {
  pipelineId: 'x-pipeline-id',
  revisionId: 'x-revision-id',
  attempt: 'x-attempt',
  dueAt: 'x-due-at',
  trace: 'x-trace',
} as const;
