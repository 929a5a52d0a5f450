/**
 * `npm start`: the whole system locally on the embedded defaults, then one event sent through
 * the edge and followed to the vendor sandbox. Ctrl-C stops everything cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { UI_DIST_DIR } from '../../admin/ui-static.js';
import type { Logger } from '../../core/log/index.js';
import { loadLocalConfig, type LocalConfig } from './config.js';
import { stop as stopEsbuild } from 'esbuild';
import { startStack, type Stack } from './stack.js';

const config = loadLocalConfig(process.env);
const started = Date.now();
const say = (line: string): void => console.log(`▸ ${line}`);

/** Service logs as readable lines: warnings and errors only, no stack traces. */
const serviceLog: Logger = (level, message, extra) => {
  if (level !== 'warn' && level !== 'error') return;
  const details = extra
    ? Object.entries(extra)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ')
    : '';
  console.log(`  ${level === 'error' ? '✗' : '!'} ${message}${details ? ` (${details})` : ''}`);
};

/** The ports `npm start` was asked to use that another process already holds. */
async function busyPorts(c: LocalConfig): Promise<string[]> {
  const wanted = {
    EDGE_PORT: c.EDGE_PORT,
    BRIDGE_PORT: c.BRIDGE_PORT,
    ADMIN_PORT: c.ADMIN_PORT,
    DEMO_PORT: c.DEMO_PORT,
  };
  const busy: string[] = [];
  for (const [name, port] of Object.entries(wanted)) {
    if (port === 0) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) busy.push(`${port} (${name})`);
  }
  return busy;
}

const busy = await busyPorts(config);
if (busy.length > 0) {
  console.error(
    `✗ port ${busy.join(', ')} already in use: stop the other process (an earlier npm start?) ` +
      'or choose ports, e.g. EDGE_PORT=0 ADMIN_PORT=0 npm start (0 = any free port)',
  );
  process.exit(1);
}

// A fresh clone has no Management UI build yet: make it once (npm run build does the same).
if (!existsSync(join(UI_DIST_DIR, 'index.html'))) {
  say('building the Management UI (first run only, about a minute)…');
  const built = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'admin/ui/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (built.status !== 0)
    console.log(
      '  ! the Management UI did not build; the API works without it (npm run build shows why)',
    );
}

let stack: Stack | undefined;
try {
  say(`starting Datafly Signal on Node ${process.version} (data in ${config.DATAFLY_DATA_DIR})`);
  stack = await startStack(config, { progress: say, log: serviceLog });
  // The Worker is bundled once, at start: esbuild's service process (about 40 MB) is not needed
  // after it (a later build would start it again).
  await stopEsbuild();
  // The boot's garbage, freed now rather than at V8's next full collection: on a first run that
  // includes PGlite's initdb instance, about 300 MB of WebAssembly memory (package.json's start
  // script passes --expose-gc; docs/local-stack.md "Memory").
  (globalThis as { gc?: () => void }).gc?.();
} catch (e) {
  console.error(`✗ could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

const s = stack;
let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log('\n▸ stopping…');
  await s.close();
  console.log('▸ stopped');
  process.exit(0);
};
// Miniflare registers exit hooks that end the process at once on a signal; ours closes every
// service in order instead (finishing in-flight sends, committing, disposing workerd last).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop());
}

const envFile = relative(process.cwd(), s.envFile) || s.envFile;
/** The demo on the other host name: localhost and 127.0.0.1 are two sites to a browser. */
function otherDomain(url: string): string {
  const u = new URL(url);
  u.hostname = u.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  return u.origin;
}
console.log(`
  Datafly Signal is up in ${((Date.now() - started) / 1000).toFixed(1)} s on Node ${process.version}

  Management UI  ${s.adminUrl}/#token=${s.adminToken}   (first-run sign-in link for the local admin token)
  Demo shop      ${s.demoUrl}/
  Second domain  ${otherDomain(s.demoUrl)}/   (the same shop on another site; its header link carries the visitor over: docs/identity.md)
  Vendor sandbox ${s.demoUrl}/sandbox   (JSON: ${s.demoUrl}/sandbox/requests)
  Edge           ${s.edgeUrl}            (Datafly.js at ${s.edgeUrl}/d.js)
  Admin API      ${s.adminUrl}/v1/admin
  Bridge         ${s.bridgeUrl}

  Browser key    ${s.demo.browser_key}   (public; allowed origin ${s.demoUrl})
  Server key     ${s.demo.server_key}   (its HMAC secret, the admin token and the bridge token are in ${envFile})

  In another terminal: source ${envFile}   then try the README's recipes.
`);

// Show one event travelling: a purchase sent the way Datafly.js sends it from the demo page.
try {
  const eventId = `demo-${Date.now()}`;
  const pageUrl = `${s.demoUrl}/?utm_source=npm-start&fbclid=demo-fbclid-1&gclid=demo-gclid-1`;
  const body = JSON.stringify({
    type: 'track',
    event: 'Order Completed',
    event_id: eventId,
    user_id: 'demo-user-1',
    properties: { order_id: eventId, value: 42.5, revenue: 42.5, currency: 'EUR' },
    traits: { email: 'Demo.User@Example.com' },
    context: {
      consent: { analytics: true, marketing: true },
      page: { url: pageUrl, path: '/', title: 'Datafly Demo Shop' },
    },
  });
  const res = await fetch(`${s.edgeUrl}/v1/t?k=${s.demo.browser_key}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain',
      origin: s.demoUrl,
      'user-agent': 'Mozilla/5.0 (npm start demo)',
    },
    body,
  });
  say(`sent a demo purchase to the edge: HTTP ${res.status}`);
  const seen = await Promise.all(
    // The vendors the demo installed (dev/local/seed.ts), in their order.
    Object.keys(s.demo.integrations).map((vendor) =>
      s.sandbox
        .waitFor((e) => e.vendor === vendor && JSON.stringify(e.body).includes(eventId), 15_000)
        .then(
          (e) =>
            `${vendor} ${e.verdict.ok ? '✓ contract ok' : '✗ ' + e.verdict.problems.join('; ')}`,
        )
        .catch(() => `${vendor} – not seen within 15 s`),
    ),
  );
  say(`the sandbox received it: ${seen.join(' · ')}`);
  say(
    `open ${s.demoUrl}/ and click around; every vendor request shows up at ${s.demoUrl}/sandbox. Ctrl-C stops.`,
  );
} catch (e) {
  console.log(`  ! demo event failed: ${e instanceof Error ? e.message : String(e)}`);
}

// A diagnostic for the memory bench (bench/local-memory.bench.ts): the main process's own memory
// by kind every DATAFLY_MEMORY_LOG_MS milliseconds.
const memoryLogMs = Number(process.env.DATAFLY_MEMORY_LOG_MS ?? 0);
if (memoryLogMs > 0) {
  const { getHeapSpaceStatistics } = await import('node:v8');
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  // Garbage collection so far: count and milliseconds, scavenges apart from the rest.
  const gcs = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const { detail } = e as { detail?: { kind?: number } };
      const minor = detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
      gcs[minor ? 'minor' : 'major']++;
      gcs[minor ? 'minorMs' : 'majorMs'] += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const mb = (n: number): string => (n / 1048576).toFixed(0);
  const logMemory = (): void => {
    const m = process.memoryUsage();
    const spaces = getHeapSpaceStatistics()
      .filter((x) => x.space_size > 1048576)
      .map(
        (x) =>
          `${x.space_name.replace(/_space$/, '')} ${mb(x.space_used_size)}/${mb(x.space_size)}`,
      )
      .join(' ');
    console.log(
      `  · memory rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} ` +
        `arrayBuffers ${mb(m.arrayBuffers)} gc ${gcs.minor}×/${gcs.minorMs.toFixed(0)} ms minor ` +
        `${gcs.major}×/${gcs.majorMs.toFixed(0)} ms other bus ${mb((s.bus as { bytes?: () => number }).bytes?.() ?? 0)} (${spaces})`,
    );
  };
  logMemory();
  setInterval(logMemory, memoryLogMs).unref();
}
