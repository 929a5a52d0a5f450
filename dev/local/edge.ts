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
}

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
 * with its own 503, and the lines say nothing more.
 */
function forwardRuntimeLog(log: { level: string; message: string }): void {
  const noise =
    /kj::getCaughtExceptionAsKj|^stack: \/|disconnected: |Network connection lost|Broken pipe|Connection reset by peer/;
  if (noise.test(log.message)) return;
  const out = log.level === 'error' || log.level === 'warn' ? process.stderr : process.stdout;
  out.write(`${log.message}\n`);
}
