/**
 * The processor's configuration, read once from the environment. `KAFKA_BROKERS` unset means
 * the in-process bus (useful only embedded in the all-in-one start); `DATABASE_URL` unset means
 * the embedded PGlite database in `DATAFLY_DATA_DIR` (one process may open it at a time).
 */
import { z } from 'zod';
import { KAFKA_CLIENTS } from '../../bus/clients.js';
import { PgliteThreadSetting } from '../../db/env.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const ProcessorConfig = z.object({
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  /** The Kafka client library (docs/backbone.md "Kafka client"); default the bus's choice. */
  KAFKA_CLIENT: z.enum(KAFKA_CLIENTS).optional(),
  PROCESSOR_GROUP_ID: z.string().min(1).default('datafly-processor'),
  /** Partitions for the topics the processor creates (`delivery-*`, and raw/DLQ when missing). */
  DELIVERY_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
  /** raw-events partitions handled at once by this process. */
  PROCESSOR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  DATABASE_URL: optional,
  DATAFLY_DATA_DIR: z.string().min(1).default('./.datafly'),
  DATAFLY_PGLITE_THREAD: PgliteThreadSetting,
  /** Prometheus `/metrics` port (0 = off). */
  PROCESSOR_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  /** How long an event id is remembered per source to drop copies (docs/delivery-guarantees.md). */
  PROCESSOR_DEDUP_WINDOW_HOURS: z.coerce.number().min(0).default(24),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});
type ProcessorConfig = z.infer<typeof ProcessorConfig>;

/**
 * @example const config = loadProcessorConfig(process.env);
 */
export function loadProcessorConfig(env: Record<string, string | undefined>): ProcessorConfig {
  return ProcessorConfig.parse(env);
}
