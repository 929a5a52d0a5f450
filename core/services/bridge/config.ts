/**
 * The bridge's configuration, read once from the environment.
 * `KAFKA_BROKERS` unset (or empty) means the in-process bus.
 */
import { z } from 'zod';
import { KAFKA_CLIENTS } from '../../bus/clients.js';
import { LIVE_TRACE, RAW_EVENTS } from '../../topics.js';

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const BridgeConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  HOST: z.string().default('0.0.0.0'),
  BRIDGE_TOKEN: z.string().min(8, 'BRIDGE_TOKEN must be at least 8 characters'),
  KAFKA_BROKERS: list,
  /** The Kafka client library (docs/backbone.md "Kafka client"); default the bus's choice. */
  KAFKA_CLIENT: z.enum(KAFKA_CLIENTS).optional(),
  /** Topics the edge may write: events, and the edge's steps of the live trace while a debugger watches. */
  BRIDGE_TOPICS: list.transform((t) => (t.length > 0 ? t : [RAW_EVENTS, LIVE_TRACE])),
  /** Partitions for allow-listed topics the bridge creates at start. */
  BRIDGE_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
  /** Largest request body accepted (the edge sends at most 500 KB of events per batch). */
  BRIDGE_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** A produce not acknowledged by then is answered 503 (below the edge's 5 s bridge timeout). */
  BRIDGE_DEADLINE_MS: z.coerce.number().int().min(100).default(4_000),
  /** Records waiting for Kafka before the bridge answers 503 at once (memory stays flat in an outage). */
  BRIDGE_MAX_QUEUED_RECORDS: z.coerce.number().int().min(1).default(20_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});
export type BridgeConfig = z.infer<typeof BridgeConfig>;

/**
 * Parse the bridge's environment.
 *
 * @example const config = loadBridgeConfig(process.env);
 */
export function loadBridgeConfig(env: Record<string, string | undefined>): BridgeConfig {
  return BridgeConfig.parse(env);
}
