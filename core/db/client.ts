/**
 * The database handle: PostgreSQL through postgres.js when a URL is given, else PGlite (embedded
 * Postgres) in a data directory. Both are driven by the same Drizzle schema; `listen`/`notify`
 * use Postgres LISTEN/NOTIFY on both.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { forDrizzle } from './pglite-client.js';
import { threadedPglite } from './pglite-proxy.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction (same query API as `Db`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Where drizzle-kit writes the SQL migrations. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The channel config-change notifications are sent on. */
export const CONFIG_CHANNEL = 'datafly_config';

/** What a config-change notification carries (JSON on `CONFIG_CHANNEL`). */
export interface ConfigChange {
  kind: string;
  id: string;
  org_id: string;
}

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Apply pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** LISTEN on a channel; returns the UNLISTEN function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface DatabaseOptions {
  /** `postgres://…`; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  /**
   * PGlite in a worker thread of its own (core/db/pglite-proxy.ts); the default for a data
   * directory (the services pass their `DATAFLY_PGLITE_THREAD`). `memory://` databases stay in
   * this thread.
   */
  thread?: boolean;
}

/**
 * Open the database chosen by the options.
 *
 * @example const database = await openDatabase({ dataDir: 'memory://' }); await database.migrate();
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  const dataDir = options.dataDir ?? './.datafly';
  return openPglite(dataDir, (options.thread ?? true) && !dataDir.includes('://'));
}

/**
 * Planner settings sent when each PostgreSQL connection opens (a `DATABASE_URL` query parameter of
 * the same name takes precedence: `?random_page_cost=4`) and given to PGlite when it starts.
 *
 * `random_page_cost` 1.1 instead of 4: PostgreSQL's default prices a random page read as a
 * spinning disk's, four sequential ones, and the PostgreSQL manual ("Planner Cost Constants")
 * suggests about 1.1 for storage like SSDs and for data that is mostly in cache, as the ledger's
 * and the dedup record's recent rows are. At 4, the processor's dedup lookup and delivery's record
 * of a batch (a few hundred ids, each found by its primary key) were planned as a scan of the whole
 * table each time, until it held between 50,000 and 100,000 rows for a batch of 300 ids: in
 * `npm run bench -- e2e` on PostgreSQL that was a third of the database's CPU per event.
 */
export const PLANNER_SETTINGS = { random_page_cost: '1.1' } as const;

async function openPostgres(url: string): Promise<Database> {
  const sql = postgres(url, { max: 10, onnotice: () => {}, connection: PLANNER_SETTINGS });
  const db = drizzlePostgres(sql, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    listen: async (channel, onPayload) => {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * PGlite runs one backend in this process's WebAssembly memory, so Postgres's defaults for a shared
 * server (`initdb` writes `shared_buffers = 128MB`, `max_connections = 100`) cost resident memory
 * here: measured, opening a database takes about 150 MB less with these two settings (the local
 * stack's data is a few MB; pages not in the buffers come from the data files through the OS page
 * cache). One backend needs few connection slots (docs/local-stack.md "Memory").
 *
 * `plan_cache_mode=force_custom_plan`: the client prepares each statement once
 * (core/db/pglite-client.ts), and PostgreSQL would switch a prepared statement to one generic plan
 * after five runs, kept until something invalidates it. A server's autovacuum does that as tables
 * grow; PGlite runs no autovacuum, so the plan chosen while the ledger held a few hundred rows (a
 * scan of the whole table) stayed: delivery's record of one event took 6.2 ms against 0.7 ms
 * planned for each run, once the ledger held 60,000 rows.
 */
export const PGLITE_SETTINGS = [
  'shared_buffers=16MB',
  'max_connections=5',
  'plan_cache_mode=force_custom_plan',
  ...Object.entries(PLANNER_SETTINGS).map(([name, value]) => `${name}=${value}`),
];

async function openPglite(dataDir: string, thread: boolean): Promise<Database> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const startParams = [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];
  const client = thread
    ? await threadedPglite({ dataDir, startParams })
    : await PGlite.create(dataDir, { startParams });
  const db = drizzlePglite({
    client: (client instanceof PGlite ? forDrizzle(client) : client) as PGlite,
    schema,
    casing: 'snake_case',
  }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  };
}
