/** `npm start` configuration, read once from the environment (docs/style.md 7). */
import { z } from 'zod';
import { KAFKA_CLIENTS } from '../../core/bus/clients.js';
import { PgliteThreadSetting } from '../../core/db/env.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

export const LocalConfig = z.object({
  /** Where PGlite, Miniflare KV and the local state live. */
  DATAFLY_DATA_DIR: z.string().min(1).default('./.datafly'),
  DATAFLY_PGLITE_THREAD: PgliteThreadSetting,
  /** Set to use a real Kafka cluster instead of the in-process bus. */
  KAFKA_BROKERS: optional.transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  ),
  /** The Kafka client library (docs/backbone.md "Kafka client"); default the bus's choice. */
  KAFKA_CLIENT: z.enum(KAFKA_CLIENTS).optional(),
  /** Set to use PostgreSQL instead of the embedded PGlite. */
  DATABASE_URL: optional,
  EDGE_PORT: port(8080),
  BRIDGE_PORT: port(8083),
  ADMIN_PORT: port(8084),
  DEMO_PORT: port(8090),
  /** The host the demo page is opened on (its origin is allowed by the demo key). */
  DEMO_HOST: z.string().default('localhost'),
});
export type LocalConfig = z.infer<typeof LocalConfig>;

/** @example loadLocalConfig({ EDGE_PORT: '0' }).EDGE_PORT // → 0 */
export function loadLocalConfig(env: Record<string, string | undefined>): LocalConfig {
  return LocalConfig.parse(env);
}
