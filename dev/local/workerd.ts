/**
 * workerd itself, without Miniflare: the platform binary, a Worker bundled as wrangler would, and
 * `workerd serve` on a config of the caller's. The edge benchmark (bench/edge.bench.ts) and the
 * edge's concurrency test (dev/local/workerd.test.ts) serve Workers this way, because Miniflare's
 * entry Worker stands between the client and the Worker it serves and hides how workerd treats
 * one request's I/O in another (docs/edge.md "Why each request sends its own bridge request").
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The platform's workerd binary itself, not the `workerd` package's launcher: a launcher that is
 * a Node script (npm ran no install scripts) neither passes a kill on nor is where the CPU goes.
 */
export const WORKERD = createRequire(import.meta.url).resolve(
  `@cloudflare/workerd-${process.platform === 'win32' ? 'windows' : process.platform}-` +
    `${process.arch === 'x64' ? '64' : process.arch}/bin/workerd`,
);

/**
 * workerd's newest supported compatibility date, capped by wrangler.toml's.
 *
 * @example `compatibilityDate = "${compatibilityDate()}"`
 */
export function compatibilityDate(): string {
  const fromToml =
    /compatibility_date\s*=\s*"([\d-]+)"/.exec(
      readFileSync(join(root, 'wrangler.toml'), 'utf8'),
    )?.[1] ?? '2026-01-01';
  const version =
    /(\d{4}-\d{2}-\d{2})/.exec(execFileSync(WORKERD, ['--version'], { encoding: 'utf8' }))?.[1] ??
    fromToml;
  return fromToml < version ? fromToml : version;
}

/**
 * Bundle the Worker at `entry` (a path under `from`, the repository by default) into one ES
 * module, with the options wrangler uses for the edge. `readableNames` keeps identifiers for
 * profiles.
 *
 * @example await bundleWorker('edge/index.ts', join(dir, 'edge.js'))
 */
export async function bundleWorker(
  entry: string,
  outfile: string,
  options: { from?: string; readableNames?: boolean } = {},
): Promise<void> {
  await build({
    entryPoints: [join(options.from ?? root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: !options.readableNames,
    logLevel: 'error',
  });
}

/** A string as a Cap'n Proto text literal (JSON's quoting is the same for these). */
export const capnpString = (s: string): string => JSON.stringify(s);

/**
 * `workerd serve config`. Its stderr is passed to `onStderr` (the process's stderr by default);
 * V8's traces (`--trace-gc`, …) go to stdout, shown only when `stdout` is 'inherit'.
 *
 * @example const child = startWorkerd(join(dir, 'server.capnp'), { onStderr: (t) => (log += t) })
 */
export function startWorkerd(
  config: string,
  options: {
    inspectorPort?: number;
    stdout?: 'inherit' | 'ignore';
    onStderr?: (text: string) => void;
  } = {},
): ChildProcess {
  const args = ['serve', config];
  if (options.inspectorPort !== undefined)
    args.push(`--inspector-addr=127.0.0.1:${options.inspectorPort}`);
  const child = spawn(WORKERD, args, { stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'] });
  const onStderr = options.onStderr ?? ((text) => process.stderr.write(`[workerd] ${text}`));
  child.stderr!.on('data', (d: Buffer) => onStderr(d.toString()));
  return child;
}
