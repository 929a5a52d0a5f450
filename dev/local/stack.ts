/**
 * The whole system in one process on the embedded defaults: the edge Worker in workerd
 * (Miniflare), the Kafka REST bridge, the processor, the delivery workers, the admin API, and
 * the vendor sandbox with the demo shop. `KAFKA_BROKERS` / `DATABASE_URL` switch the bus and
 * the database to real services. Used by `npm start`, the end-to-end tests and the benches.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { drizzleDeliveryStore } from '../../core/db/stores/delivery.js';
import { createAdminService } from '../../admin/service.js';
import { loadConfig as loadAdminConfig } from '../../admin/config.js';
import { miniflareKv } from '../../admin/kv/miniflare.js';
import { drizzleIdentityGraph } from '../../core/db/stores/identity.js';
import { createBridge, loadBridgeConfig } from '../../core/services/bridge/index.js';
import { createBus, type Bus } from '../../core/bus/index.js';
import type { Logger } from '../../core/log/index.js';
import { createDeliveryService } from '../../core/services/delivery/service.js';
import { createProcessor } from '../../core/services/processor/index.js';
import { drizzleSeenStore } from '../../core/db/stores/seen.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { createBusTracer, type BusTracer } from '../../core/trace/tracer.js';
import type { SessionLimits } from '../../admin/live/session.js';
import type { LocalConfig } from './config.js';
import { demoShopPage } from './demo/index.js';
import { startLocalEdge } from './edge.js';
import { seedDemo, type DemoState } from './seed.js';

/**
 * How long the in-process bus keeps a message every consumer group has committed past
 * (docs/local-stack.md "Memory"): no group reads it again (a member that rejoins starts at its
 * group's commit). At 100 events/s ten seconds is about 1 MB of message text (a minute was
 * 6–7 MB), each message also an object with its own headers and offset in the heap.
 */
const LOCAL_RETAIN_CONSUMED_MS = 10_000;
/**
 * Most message text the in-process bus holds, all topics (docs/local-stack.md "Memory"); past it
 * the oldest messages go first, read or not.
 */
export const LOCAL_RETAIN_BYTES = 128 * 1024 * 1024;

export interface Stack {
  edgeUrl: string;
  bridgeUrl: string;
  adminUrl: string;
  /** The local admin token (in `local-secrets.json`); the Management UI's first-run sign-in link carries it. */
  adminToken: string;
  demoUrl: string;
  sandbox: Sandbox;
  demo: DemoState;
  bus: Bus;
  /** `<data dir>/env.sh`: the URLs, keys and tokens above as shell variables (mode 0600). */
  envFile: string;
  /** The live-trace publisher shared by the processor and delivery. */
  tracer: BusTracer;
  close(): Promise<void>;
}

interface StackOptions {
  /** Progress lines ("▸ edge ready on …"); default: nothing. */
  progress?: (line: string) => void;
  /** Service log lines (bridge, processor, delivery); default: nothing. */
  log?: Logger;
  /** Live debugger socket limits (tests make them small). */
  liveLimits?: Partial<SessionLimits>;
  /**
   * The processor's consumer group (default `datafly-processor`). A run on a broker that other
   * stacks share takes its own, or their processors take a share of its partitions and its
   * events (the benches do).
   */
  processorGroup?: string;
}

/**
 * Start everything, migrate, seed the demo on first run.
 *
 * @example const stack = await startStack(loadLocalConfig(process.env)); … await stack.close();
 */
export async function startStack(config: LocalConfig, options: StackOptions = {}): Promise<Stack> {
  const progress = options.progress ?? (() => undefined);
  const log: Logger = options.log ?? (() => undefined);
  const dataDir = resolve(config.DATAFLY_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) {
      await c().catch((e: unknown) =>
        progress(`! while stopping: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  };

  try {
    const secrets = await localSecrets(dataDir);
    const kafka = config.KAFKA_BROKERS.length > 0;
    // In one process the bus is memory: keep a consumed message ten seconds, then let it go, and
    // never more than LOCAL_RETAIN_BYTES in all (docs/local-stack.md "Memory").
    const bus = createBus({
      kafkaBrokers: config.KAFKA_BROKERS,
      kafkaClient: config.KAFKA_CLIENT,
      clientId: 'datafly-local',
      retainConsumedMs: LOCAL_RETAIN_CONSUMED_MS,
      retainBytes: LOCAL_RETAIN_BYTES,
      onDrop: ({ topic, partition, unread }) =>
        log('warn', 'the in-process bus dropped unread messages (over its memory bound)', {
          topic,
          partition,
          unread,
          bound_mb: LOCAL_RETAIN_BYTES / 1024 / 1024,
        }),
    });
    closers.push(() => bus.close());
    progress(`bus: ${kafka ? `Kafka at ${config.KAFKA_BROKERS.join(',')}` : 'in-process'}`);
    // On Kafka, the bridge, the processor and delivery each have a client of their own, as they do
    // deployed (one process each). One client would serialise their produce requests: an
    // idempotent producer has one request in flight per broker connection, so the processor's
    // fan-out waited behind the bridge's intake and the other way round. The in-process bus is
    // the one shared instance.
    const busFor = (service: string): Bus => {
      if (!kafka) return bus;
      const own = createBus({
        kafkaBrokers: config.KAFKA_BROKERS,
        kafkaClient: config.KAFKA_CLIENT,
        clientId: `datafly-local-${service}`,
      });
      closers.push(() => own.close());
      return own;
    };

    let demoUrl = '';
    let demoState: DemoState | undefined;
    const sandbox = await startSandbox({
      port: config.DEMO_PORT,
      pages: {
        '/': () =>
          demoShopPage({
            edgeUrl: edgeUrlRef(),
            key: demoState?.browser_key ?? '',
            sandboxUrl: `${demoUrl}/sandbox`,
          }),
      },
    });
    closers.push(() => sandbox.close());
    demoUrl = sandbox.url.replace('127.0.0.1', config.DEMO_HOST);
    progress(`vendor sandbox and demo shop on ${demoUrl}`);

    const bridgeConfig = loadBridgeConfig({
      PORT: String(config.BRIDGE_PORT),
      BRIDGE_TOKEN: secrets.bridge_token,
      HOST: '127.0.0.1',
    });
    const bridge = createBridge(bridgeConfig, { bus: busFor('bridge'), log });
    const { port: bridgePort } = await bridge.start();
    closers.push(() => bridge.close());
    const bridgeUrl = `http://127.0.0.1:${bridgePort}`;
    progress(`bridge on ${bridgeUrl}`);

    const edge = await startLocalEdge({
      dataDir,
      port: config.EDGE_PORT,
      bridgeUrl,
      bridgeToken: secrets.bridge_token,
    });
    closers.push(() => edge.close());
    const edgeUrl = edge.url.replace('127.0.0.1', config.DEMO_HOST);
    const edgeUrlRef = (): string => edgeUrl;
    progress(`edge Worker (workerd via Miniflare) on ${edgeUrl}`);

    const adminConfig = loadAdminConfig({
      PORT: String(config.ADMIN_PORT),
      DATAFLY_DATA_DIR: dataDir,
      DATAFLY_PGLITE_THREAD: config.DATAFLY_PGLITE_THREAD ? '1' : '0',
      ...(config.DATABASE_URL ? { DATABASE_URL: config.DATABASE_URL } : {}),
      ADMIN_BOOTSTRAP_TOKEN: secrets.admin_token,
      // The vendor sandbox listens on this machine (docs/security.md).
      ADMIN_ALLOW_PRIVATE_TARGETS: ['127.0.0.1', 'localhost', config.DEMO_HOST].join(','),
    });
    const admin = createAdminService(adminConfig, {
      kv: miniflareKv(edge.keys),
      bus,
      ...(options.liveLimits ? { liveLimits: options.liveLimits } : {}),
    });
    const running = await admin.start();
    closers.push(() => admin.close());
    progress(
      `admin API on ${running.url}/v1/admin (${config.DATABASE_URL ? 'PostgreSQL' : 'PGlite in ' + dataDir}); migrations applied`,
    );

    demoState = await seedDemo({
      adminUrl: running.url,
      token: secrets.admin_token,
      dataDir,
      sandbox,
      demoOrigins: demoOrigins(config, sandbox.url),
    });
    progress(
      demoState.created
        ? 'seeded the demo organisation: pipeline, browser key, GA4 + Meta CAPI + webhook → sandbox'
        : 'demo pipeline found (seeded on an earlier run)',
    );

    const tracer = createBusTracer({ bus, log });
    await tracer.start();
    closers.push(() => tracer.close());
    // The dedup record on the database, as `npm run processor` has it (it also feeds the overview's "received" series).
    const processor = createProcessor({
      bus: busFor('processor'),
      ...(options.processorGroup ? { groupId: options.processorGroup } : {}),
      store: running.store,
      log,
      tracer,
      identity: drizzleIdentityGraph(running.deps.database.db),
      seen: drizzleSeenStore(running.deps.database.db),
    });
    await processor.start();
    closers.push(() => processor.close());
    progress('processor consuming raw-events');

    const delivery = createDeliveryService({
      bus: busFor('delivery'),
      store: running.store,
      ledger: drizzleDeliveryStore(running.deps.database.db),
      log,
      tracer,
    });
    await delivery.start();
    closers.push(() => delivery.close());
    progress('delivery workers running');

    const envFile = await writeShellEnv(dataDir, {
      DATAFLY_EDGE: edgeUrl,
      DATAFLY_ADMIN: running.url,
      DATAFLY_DEMO: demoUrl,
      DATAFLY_BRIDGE: bridgeUrl,
      DATAFLY_ADMIN_TOKEN: secrets.admin_token,
      DATAFLY_BRIDGE_TOKEN: secrets.bridge_token,
      DATAFLY_PIPELINE_ID: demoState.pipeline_id,
      DATAFLY_BROWSER_KEY: demoState.browser_key,
      DATAFLY_SERVER_KEY: demoState.server_key,
      DATAFLY_SERVER_SECRET: demoState.server_secret,
    });

    return {
      edgeUrl,
      bridgeUrl,
      adminUrl: running.url,
      adminToken: secrets.admin_token,
      demoUrl,
      sandbox,
      demo: demoState,
      bus,
      tracer,
      envFile,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

function demoOrigins(config: LocalConfig, sandboxUrl: string): string[] {
  const port = new URL(sandboxUrl).port;
  return [
    ...new Set([
      `http://${config.DEMO_HOST}:${port}`,
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}`,
    ]),
  ];
}

interface LocalSecrets {
  admin_token: string;
  bridge_token: string;
}

/** Tokens for the local stack, minted on the first run and kept in the data folder. */
async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  } catch {
    const secrets = {
      admin_token: `dfa_${randomBytes(18).toString('hex')}`,
      bridge_token: randomBytes(18).toString('hex'),
    };
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

/**
 * The stack's addresses and local credentials as `export NAME='value'` lines, so the README's
 * recipes run verbatim after `source .datafly/env.sh`. Written on every start (ports may change).
 */
async function writeShellEnv(dataDir: string, vars: Record<string, string>): Promise<string> {
  const file = join(dataDir, 'env.sh');
  const quote = (v: string): string => `'${v.replaceAll("'", `'\\''`)}'`;
  const lines = Object.entries(vars).map(([k, v]) => `export ${k}=${quote(v)}`);
  await writeFile(
    file,
    `# Written by npm start: the local stack's URLs, keys and tokens (local use only).\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  return file;
}
