/** The admin process configuration, read once from the environment (docs/style.md 7). */
import { z } from 'zod';
import { KAFKA_CLIENTS } from '../core/bus/clients.js';
import { PgliteThreadSetting } from '../core/db/env.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

export const AdminConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8084),
  /** PostgreSQL URL; when unset the embedded PGlite in DATAFLY_DATA_DIR is used. */
  DATABASE_URL: optional,
  DATAFLY_DATA_DIR: z.string().min(1).default('./.datafly'),
  DATAFLY_PGLITE_THREAD: PgliteThreadSetting,
  /** On an empty database, this token becomes the first admin token. */
  ADMIN_BOOTSTRAP_TOKEN: optional.pipe(
    z.string().min(16, 'ADMIN_BOOTSTRAP_TOKEN must be at least 16 characters').optional(),
  ),
  /** Where key records go: Cloudflare KV REST API, Miniflare KV (local stack) or nowhere. */
  KV_DRIVER: z.enum(['cloudflare', 'miniflare', 'none']).default('none'),
  CF_ACCOUNT_ID: optional,
  CF_KV_NAMESPACE_ID: optional,
  CF_API_TOKEN: optional,
  CF_API_BASE_URL: z.string().url().default('https://api.cloudflare.com'),
  /** Miniflare persistence directory for KV (share it with `wrangler dev --persist-to`). */
  MINIFLARE_KV_PERSIST: optional,
  MINIFLARE_KV_NAMESPACE: z.string().min(1).default('PIPELINE_KEYS'),
  /**
   * Private hosts (names or IPs, comma-separated; `*` for all) that saved URLs may point at: the
   * local vendor sandbox, a receiver inside the operator's network. Default none (docs/security.md).
   */
  ADMIN_ALLOW_PRIVATE_TARGETS: z
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
  /** Kafka brokers for the live debugger (`live-trace`); unset: `/v1/admin/live` is off in a standalone admin. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
});
export type AdminConfig = z.infer<typeof AdminConfig>;

/**
 * Parse the admin configuration from an environment object.
 *
 * @example const config = loadConfig({ PORT: '0' }); // → { PORT: 0, DATAFLY_DATA_DIR: './.datafly', … }
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AdminConfig {
  const config = AdminConfig.parse(env);
  if (
    config.KV_DRIVER === 'cloudflare' &&
    !(config.CF_ACCOUNT_ID && config.CF_KV_NAMESPACE_ID && config.CF_API_TOKEN)
  ) {
    throw new Error(
      'KV_DRIVER=cloudflare needs CF_ACCOUNT_ID, CF_KV_NAMESPACE_ID and CF_API_TOKEN',
    );
  }
  return config;
}
