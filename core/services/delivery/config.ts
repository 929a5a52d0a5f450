/**
 * The delivery process's configuration, read once from the environment (`npm run delivery`).
 * `KAFKA_BROKERS` unset means the in-process bus (only useful inside the all-in-one start);
 * `DATABASE_URL` unset means the embedded PGlite database in `DATAFLY_DATA_DIR`.
 */
import { KAFKA_CLIENTS } from '../../bus/clients.js';
import { PgliteThreadSetting } from '../../db/env.js';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const DeliveryConfig = z.object({
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  DATABASE_URL: optional,
  /** Which Kafka client library (default: @platformatic/kafka; docs/backbone.md). */
  KAFKA_CLIENT: z.enum(KAFKA_CLIENTS).optional(),
  DATAFLY_DATA_DIR: z.string().min(1).default('./.datafly'),
  DATAFLY_PGLITE_THREAD: PgliteThreadSetting,
  /** Prometheus `/metrics` on this port (0 = off). */
  DELIVERY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Events read but unresolved per integration before its consumer pauses. */
  DELIVERY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(5_000),
  /** Concurrent vendor requests per integration. */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(16),
  /** Force vendors' test endpoints for every integration. */
  DELIVERY_TEST_MODE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});
type DeliveryConfig = z.infer<typeof DeliveryConfig>;

/**
 * @example const config = loadDeliveryConfig(process.env);
 */
export function loadDeliveryConfig(env: Record<string, string | undefined>): DeliveryConfig {
  return DeliveryConfig.parse(env);
}
