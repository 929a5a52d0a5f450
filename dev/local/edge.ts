/**
 * Runs the edge Worker locally in workerd through Miniflare: bundles `edge/index.ts` with
 * esbuild (as wrangler would) and serves it with the KV namespace persisted on disk.
 */
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';

interface LocalEdgeOptions {
  /** Folder for the bundle and Miniflare's persisted KV. */
  dataDir: string;
  port: number;
  bridgeUrl: string;
  bridgeToken: string;
  host?: string;
  /** V8 flags for workerd (default `WORKERD_V8_FLAGS`). */
  v8Flags?: readonly string[];
}

/**
 * V8 flags for the local workerd (docs/local-stack.md "Memory"). Each request leaves garbage in
 * the isolates it passes through (Miniflare's entry Worker, the edge, the outbound Worker, KV),
 * and most of its weight is native memory (request, response and header objects, bodies) that
 * only a full collection frees; young-generation collections, nearly all V8 runs on heaps of a
 * few MB, leave it. With small heaps alone (`--initial-old-space-size=4 --max-semi-space-size=2`)
 * the edge's isolate had one full collection per 1,500 events or so, and workerd grew 20–40 KB
 * per event: in 3,800 events at 100/s, 22 MB more in V8's heaps and 113 MB more malloc'd.
 * `--gc-global` makes every collection a full one, and young generations of at most 2 MB make one
 * run every 2 MB of garbage per isolate. Measured with the edge alone at 100 events/s for a
 * minute: 90 → 135 MB against 92 → 208 MB, for the same CPU (16 s against 18 s); at 50/s level
 * at 123 MB from the 30th second.
 */
export const WORKERD_V8_FLAGS = ['--gc-global', '--max-semi-space-size=2'] as const;

export interface LocalEdge {
  url: string;
  miniflare: Miniflare;
  /** The PIPELINE_KEYS namespace, for the admin's KV sync. */
  keys: Awaited<ReturnType<Miniflare['getKVNamespace']>>;
  close(): Promise<void>;
}

/**
 * @example const edge = await startLocalEdge({ dataDir: '.datafly', port: 8080, bridgeUrl, bridgeToken });
 */
export async function startLocalEdge(options: LocalEdgeOptions): Promise<LocalEdge> {
  const outDir = resolve(options.dataDir, 'edge');
  await mkdir(outDir, { recursive: true });
  const scriptPath = join(outDir, 'worker.mjs');
  await build({
    entryPoints: ['edge/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: scriptPath,
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  // Miniflare's one channel for workerd's V8 flags, read whenever it (re)starts workerd.
  process.env.MINIFLARE_WORKERD_V8_FLAGS = (options.v8Flags ?? WORKERD_V8_FLAGS).join(' ');
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath,
      modulesRoot: outDir,
      compatibilityDate: await wranglerCompatibilityDate(),
      kvNamespaces: ['PIPELINE_KEYS'],
      resourcePersistencePath: join(options.dataDir, 'kv'),
      bindings: { BRIDGE_URL: options.bridgeUrl, BRIDGE_TOKEN: options.bridgeToken },
      host: options.host ?? '127.0.0.1',
      port: options.port,
      handleStructuredLogs: forwardRuntimeLog,
      // Miniflare's per-request log line goes to its logger, which is silent here; off, its entry
      // Worker does not copy every response to decide that.
      logRequests: false,
    }),
  );
  const url = (await miniflare.ready).toString().replace(/\/$/, '');
  const keys = await miniflare.getKVNamespace('PIPELINE_KEYS');
  return { url, miniflare, keys, close: () => miniflare.dispose() };
}

/** The compatibility date lives in one place: wrangler.toml. */
async function wranglerCompatibilityDate(): Promise<string> {
  const toml = await readFile('wrangler.toml', 'utf8');
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml);
  if (!match?.[1]) throw new Error('wrangler.toml has no compatibility_date');
  return match[1];
}

/**
 * workerd's own log lines, minus its internal reports of a peer that refused or dropped a
 * connection (a client that went away, a bridge down or restarting): the edge answers those
 * with its own 503, and the lines say nothing more. Also minus its note, once per isolate, that
 * its built-in scripts' compile cache does not match V8 flags it was not built with
 * (`WORKERD_V8_FLAGS`): it compiles them instead, once, at start.
 */
const RUNTIME_NOISE = new RegExp(
  [
    'kj::getCaughtExceptionAsKj',
    '^stack: /',
    'disconnected: ',
    'Network connection lost',
    'Broken pipe',
    'Connection reset by peer',
    'bootstrap compile cache failed its compatibility check',
  ].join('|'),
);

function forwardRuntimeLog(log: { level: string; message: string }): void {
  if (RUNTIME_NOISE.test(log.message)) return;
  const out = log.level === 'error' || log.level === 'warn' ? process.stderr : process.stdout;
  out.write(`${log.message}\n`);
}
