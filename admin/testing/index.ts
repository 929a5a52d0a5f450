/**
 * Test support: one migrated database per backend (PGlite always; PostgreSQL when
 * `testServices.databaseUrl` is set, in a fresh database dropped afterwards), and an app with
 * an admin token, deterministic ids and a fixed clock.
 */
import postgres from 'postgres';
import { testServices } from '../../core/testkit/config.js';
import { createAdminApp } from '../app.js';
import { bootstrapAdmin } from '../auth/index.js';
import { adminDeps, type AdminDeps } from '../context.js';

/** The loopback names vendor doubles and the sandbox listen on. */
const LOCAL_TARGETS = ['127.0.0.1', 'localhost'];
import { openDatabase, type Database } from '../../core/db/client.js';
import { memoryKv } from '../kv/memory.js';
import type { KeyValueWriter } from '../kv/types.js';

interface Backend {
  name: string;
  open(): Promise<{ database: Database; drop(): Promise<void> }>;
}

/** PGlite in memory, plus the real PostgreSQL when the test run has one. */
export const backends: Backend[] = [
  {
    name: 'pglite',
    open: async () => {
      const database = await openDatabase({ dataDir: 'memory://' });
      await database.migrate();
      return { database, drop: () => database.close() };
    },
  },
  ...(testServices.databaseUrl ? [postgresBackend(testServices.databaseUrl)] : []),
];

function postgresBackend(url: string): Backend {
  return {
    name: 'postgres',
    open: async () => {
      const name = `datafly_admin_${process.pid}_${Math.floor(performance.now() * 1000)}`;
      const server = postgres(url, { max: 1, onnotice: () => {} });
      await server.unsafe(`CREATE DATABASE "${name}"`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const database = await openDatabase({ url: target.toString() });
      await database.migrate();
      return {
        database,
        drop: async () => {
          await database.close();
          await server.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await server.end();
        },
      };
    },
  };
}

/** Sequential ids per prefix: `tmpl_00000001`, … (long enough for the `dk_` pattern). */
function sequentialIds(): (prefix: string) => string {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_${String(n).padStart(8, '0')}`;
  };
}

export const FIXED_NOW = new Date('2026-02-20T10:00:00Z');
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestAdmin {
  deps: AdminDeps;
  app: ReturnType<typeof createAdminApp>;
  /** Request as the bootstrap admin (or with `token`); JSON in, `{ status, body }` out. */
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: any }>;
}

/**
 * @example const admin = await testAdmin(database); const { status, body } = await admin.call('GET', '/pipelines');
 */
export async function testAdmin(
  database: Database,
  options: { kv?: KeyValueWriter; now?: () => Date } = {},
): Promise<TestAdmin> {
  // Vendor doubles listen on this machine: tests allow its loopback names as the local stack does.
  const deps = adminDeps({
    database,
    kv: options.kv ?? memoryKv(),
    now: options.now ?? (() => FIXED_NOW),
    newId: sequentialIds(),
    allowPrivateTargets: LOCAL_TARGETS,
  });
  await bootstrapAdmin(deps, ADMIN_TOKEN);
  const app = createAdminApp(deps);
  return {
    deps,
    app,
    async call(method, path, body, token = ADMIN_TOKEN) {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(`/v1/admin${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
