/**
 * The per-customer deploy path, proven without a Cloudflare account: adds a customer
 * environment to a copy of wrangler.toml (the same code as `npm run customer -- add`), builds
 * it with `wrangler deploy --dry-run --env <customer>`, and prints the Worker bundle's gzip size
 * against Cloudflare's Worker size limits (3 MB compressed on the Free plan, 10 MB on Paid).
 * Used by `.ci/run`; exits non-zero when the build fails or the bundle exceeds the Free limit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'smol-toml';
import { addCustomerEnv } from './customer.js';

const FREE_LIMIT = 3 * 1024 * 1024;
const PAID_LIMIT = 10 * 1024 * 1024;

const customer = {
  name: 'ci-demo',
  domain: 'data.ci-demo.example',
  kvNamespaceId: '0123456789abcdef0123456789abcdef',
  bridgeUrl: 'https://bridge.ci-demo.example',
};
// The copy sits beside wrangler.toml: `main` and other paths in it are relative to the file.
const config = 'wrangler.ci-demo.toml';
const outDir = mkdtempSync(join(tmpdir(), 'datafly-edge-'));
try {
  writeFileSync(config, addCustomerEnv(readFileSync('wrangler.toml', 'utf8'), customer));
  const env = (
    parse(readFileSync(config, 'utf8')) as {
      env: Record<string, { routes: { pattern: string }[] }>;
    }
  ).env[customer.name];
  console.log(`▸ customer environment ${customer.name}: route ${env?.routes[0]?.pattern}`);
  const run = spawnSync(
    'npx',
    [
      'wrangler',
      'deploy',
      '--dry-run',
      '--env',
      customer.name,
      '--config',
      config,
      '--outdir',
      outDir,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) {
    console.error(output);
    console.error('✗ wrangler deploy --dry-run failed');
    process.exit(1);
  }
  for (const line of output.split('\n'))
    if (/Total Upload|PIPELINE_KEYS|BRIDGE_URL/.test(line)) console.log(`  ${line.trim()}`);
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(outDir)) {
    if (!/\.(m?js|wasm)$/.test(file)) continue;
    const bytes = readFileSync(join(outDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const share = (limit: number): string => ((gzip / limit) * 100).toFixed(1);
  console.log(
    `▸ edge Worker bundle: ${kib(raw)} raw, ${kib(gzip)} gzip — ` +
      `${share(FREE_LIMIT)} % of the Free plan's 3 MB limit, ` +
      `${share(PAID_LIMIT)} % of the Paid plan's 10 MB`,
  );
  if (gzip > FREE_LIMIT) {
    console.error('✗ the Worker bundle is over the Free plan limit');
    process.exit(1);
  }
} finally {
  rmSync(config, { force: true });
  rmSync(outDir, { recursive: true, force: true });
}
