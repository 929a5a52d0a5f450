/**
 * The admin service as a `{ start, close }` factory: opens the database (PostgreSQL or PGlite),
 * migrates, bootstraps the first admin token, picks the KV writer, serves the API.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import type { Bus } from '../core/bus/types.js';
import { metricsResponse } from '../core/metrics/index.js';
import { join } from 'node:path';
import { createAdminApp } from './app.js';
import { bootstrapAdmin } from './auth/index.js';
import type { AdminConfig } from './config.js';
import { adminDeps, type AdminDeps } from './context.js';
import { openDatabase, type Database } from '../core/db/client.js';
import { databaseOptions } from '../core/db/env.js';
import { syncKeys } from './domain/keys.js';
import { cloudflareKv } from './kv/cloudflare.js';
import { memoryKv } from './kv/memory.js';
import { openMiniflareKv } from './kv/miniflare.js';
import type { KeyValueWriter } from './kv/types.js';
import { createLiveHub, type LiveHub } from './live/hub.js';
import { livePage } from './live/page.js';
import type { SessionLimits } from './live/session.js';
import { LIVE_PROTOCOL } from './routes/live.js';
import { createDbConfigStore } from '../core/db/stores/config.js';
import { managementUi } from './ui-static.js';
import { eq } from 'drizzle-orm';
import { pipelines } from '../core/db/schema/index.js';

interface AdminServiceOptions {
  /** Use this database instead of opening one from the config (embedding, tests). */
  database?: Database;
  /** Use this KV writer instead of the configured driver (the local stack passes the edge's KV). */
  kv?: KeyValueWriter;
  host?: string;
  /** Rewrite every key record on start (default: yes unless writing to Cloudflare). */
  syncKeysOnStart?: boolean;
  /** The bus the live debugger follows (`live-trace`); without one `/v1/admin/live` answers 503. */
  bus?: Bus;
  /** Live debugger socket limits (tests make them small). */
  liveLimits?: Partial<SessionLimits>;
}

interface RunningAdmin {
  url: string;
  port: number;
  deps: AdminDeps;
  store: ReturnType<typeof createDbConfigStore>;
  live: LiveHub | undefined;
}

/**
 * @example const admin = createAdminService(loadConfig()); const { url } = await admin.start(); … await admin.close();
 */
export function createAdminService(config: AdminConfig, options: AdminServiceOptions = {}) {
  const cleanups: (() => Promise<void>)[] = [];
  let server: ServerType | undefined;
  let liveHub: LiveHub | undefined;

  async function start(): Promise<RunningAdmin> {
    let database = options.database;
    if (!database) {
      database = await openDatabase(databaseOptions(config));
      const opened = database;
      cleanups.push(() => opened.close());
    }
    await database.migrate();
    const kv = options.kv ?? (await openKv(config, cleanups));
    let live: LiveHub | undefined;
    if (options.bus) {
      // The edge learns of a watch through the pipeline's key records (`trace_until`).
      const edgeWindow = async (pipelineId: string, until: number | null): Promise<void> => {
        await database.db
          .update(pipelines)
          .set({ traceUntil: until === null ? null : new Date(until) })
          .where(eq(pipelines.id, pipelineId));
        await syncKeys(database.db, kv, { pipelineIds: [pipelineId] });
      };
      const hub = createLiveHub({
        bus: options.bus,
        edgeWindow,
        ...(options.liveLimits ? { limits: options.liveLimits } : {}),
      });
      await hub.start();
      live = liveHub = hub;
    }
    const deps = adminDeps({
      database,
      kv,
      allowPrivateTargets: config.ADMIN_ALLOW_PRIVATE_TARGETS,
      ...(live ? { live } : {}),
    });
    if (await bootstrapAdmin(deps, config.ADMIN_BOOTSTRAP_TOKEN))
      console.log('admin: bootstrap admin token installed');
    if (options.syncKeysOnStart ?? config.KV_DRIVER !== 'cloudflare')
      await syncKeys(database.db, kv, 'all');
    // `/metrics` (Prometheus) beside the API, outside `/v1/admin` and its bearer auth.
    const app = new Hono();
    app.get('/metrics', () => metricsResponse());
    // The Live page: static HTML; it connects to /v1/admin/live with the token the user types.
    app.get('/live', (c) => c.html(livePage()));
    app.route('/', createAdminApp(deps));
    // The Management UI at `/` (its build), after the API so `/v1/admin` is never shadowed.
    app.route('/', managementUi());
    const port = await new Promise<number>((resolve) => {
      // ws performs the WebSocket handshakes that Hono's upgradeWebSocket accepts (`/v1/admin/live`).
      const wss = new WebSocketServer({
        noServer: true,
        handleProtocols: (offered) => (offered.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false),
      });
      server = serve(
        {
          fetch: app.fetch,
          port: config.PORT,
          hostname: options.host ?? '127.0.0.1',
          websocket: { server: wss },
        },
        (info) => resolve(info.port),
      );
    });
    return {
      url: `http://${options.host ?? '127.0.0.1'}:${port}`,
      port,
      deps,
      store: createDbConfigStore(database),
      live,
    };
  }

  async function close(): Promise<void> {
    const running = server;
    server = undefined;
    // Sockets first: an open WebSocket would keep the server from closing.
    await liveHub?.close();
    liveHub = undefined;
    if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  }

  return { start, close };
}

async function openKv(
  config: AdminConfig,
  cleanups: (() => Promise<void>)[],
): Promise<KeyValueWriter> {
  if (config.KV_DRIVER === 'cloudflare') {
    return cloudflareKv({
      accountId: config.CF_ACCOUNT_ID!,
      namespaceId: config.CF_KV_NAMESPACE_ID!,
      apiToken: config.CF_API_TOKEN!,
      baseUrl: config.CF_API_BASE_URL,
    });
  }
  if (config.KV_DRIVER === 'miniflare') {
    const opened = await openMiniflareKv({
      persist: config.MINIFLARE_KV_PERSIST ?? join(config.DATAFLY_DATA_DIR, 'kv'),
      binding: config.MINIFLARE_KV_NAMESPACE,
    });
    cleanups.push(opened.close);
    return opened.kv;
  }
  return memoryKv();
}
