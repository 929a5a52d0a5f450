/**
 * The reliability run (`npm run reliability`, part of .ci/run): a steady stream of server-side
 * events through the edge while the bridge, the processor and the delivery worker — each its
 * own OS process on real Kafka and PostgreSQL — are killed (SIGKILL) and restarted, and the
 * vendor fails for a while. At the end every event the edge accepted must have reached the
 * vendor or the dead-letter queue: none lost. Duplicates are counted and reported (delivery is
 * at-least-once). Bounded: the run stops by itself.
 *
 * Needs KAFKA_BROKERS and DATABASE_URL (scripts/with-services.sh provides the test ones).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createAdminService } from '../admin/service.js';
import { loadConfig as loadAdminConfig } from '../admin/config.js';
import { miniflareKv } from '../admin/kv/miniflare.js';
import { answers, startVendorDouble } from '../core/doubles/index.js';
import { startLocalEdge } from '../dev/local/edge.js';

const env = {
  brokers: process.env.KAFKA_BROKERS ?? process.env.TEST_KAFKA_BROKERS ?? '',
  databaseUrl: process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '',
  seconds: Number(process.env.RELIABILITY_SECONDS ?? 40),
  rate: Number(process.env.RELIABILITY_RATE ?? 40),
};
if (!env.brokers || !env.databaseUrl) {
  console.error(
    'reliability: needs KAFKA_BROKERS and DATABASE_URL (run it through scripts/with-services.sh)',
  );
  process.exit(2);
}

const t0 = Date.now();
const say = (line: string): void =>
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// --- services -------------------------------------------------------------------------------
const dbName = `datafly_rel_${Date.now().toString(36)}`;
const adminSql = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined });
await adminSql.unsafe(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(env.databaseUrl);
dbUrl.pathname = `/${dbName}`;
const dataDir = await mkdtemp(join(tmpdir(), 'datafly-rel-'));
const bridgeToken = 'reliability-bridge-token';
const bridgePort = await freePort();
const groupSuffix = Date.now().toString(36);
const childEnv = {
  ...process.env,
  KAFKA_BROKERS: env.brokers,
  DATABASE_URL: dbUrl.toString(),
  BRIDGE_TOKEN: bridgeToken,
  LOG_LEVEL: 'warn',
  PROCESSOR_GROUP_ID: `rel-processor-${groupSuffix}`,
  DELIVERY_METRICS_PORT: '0',
};

const vendor = await startVendorDouble({ respond: answers.ok({ ok: true }), maxRecorded: 0 });
const deliveredCounts = new Map<string, number>();
function countDelivery(body: unknown): void {
  for (const item of Array.isArray(body) ? body : [body]) {
    const id = (item as { event_id?: unknown })?.event_id;
    if (typeof id === 'string') deliveredCounts.set(id, (deliveredCounts.get(id) ?? 0) + 1);
  }
}
let vendorDown = false;
// Only a 200 counts as delivered; while "down" the vendor answers 503 (retryable).
vendor.respond((req) => {
  if (vendorDown) return { status: 503, body: 'down for the reliability run' };
  countDelivery(req.json);
  return { status: 200, body: '{"ok":true}' };
});

const edge = await startLocalEdge({
  dataDir,
  port: 0,
  bridgeUrl: `http://127.0.0.1:${bridgePort}`,
  bridgeToken,
});
const adminToken = 'reliability-admin-token-0123456789';
const admin = createAdminService(
  loadAdminConfig({
    PORT: '0',
    DATABASE_URL: dbUrl.toString(),
    DATAFLY_DATA_DIR: dataDir,
    ADMIN_BOOTSTRAP_TOKEN: adminToken,
    ADMIN_ALLOW_PRIVATE_TARGETS: '127.0.0.1,localhost',
  }),
  {
    kv: miniflareKv(edge.keys),
  },
);
const running = await admin.start();
const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${running.url}/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
};
const pipeline = await api<{ id: string }>('POST', '/pipelines', { name: 'Reliability' });
const key = await api<{ id: string; secret: string }>('POST', `/pipelines/${pipeline.id}/keys`, {
  name: 'rel',
  kind: 'server',
});
const tmpl = await api<{ id: string; revision: { id: string } }>(
  'POST',
  '/integration-catalog/webhook/install',
  {
    name: 'Reliability webhook',
    config: {
      url: `${vendor.url}/events`,
      auth_method: 'none',
      payload_format: 'canonical',
      timeout_ms: 2000,
    },
    delivery_mode: 'server_side',
  },
);
await api('POST', `/pipelines/${pipeline.id}/integrations`, {
  integration_id: tmpl.id,
  revision_id: tmpl.revision.id,
  enabled: true,
});
say(`admin seeded (pipeline ${pipeline.id}, webhook ${tmpl.id}); database ${dbName}`);

const services: Record<string, { entry: string; child?: ChildProcess }> = {
  bridge: { entry: 'core/services/bridge/main.ts' },
  processor: { entry: 'core/services/processor/main.ts' },
  delivery: { entry: 'core/services/delivery/main.ts' },
};
function startService(name: string): void {
  const s = services[name]!;
  const child = spawn(process.execPath, ['--import', 'tsx', s.entry], {
    env: {
      ...childEnv,
      ...(name === 'bridge' ? { PORT: String(bridgePort), HOST: '127.0.0.1' } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (/"level":"error"/.test(line)) say(`${name}: ${line.slice(0, 200)}`);
  });
  s.child = child;
}
function kill(name: string): void {
  services[name]!.child?.kill('SIGKILL');
  say(`✗ killed ${name} (SIGKILL)`);
}
for (const name of Object.keys(services)) startService(name);
await waitForBridge();
say('bridge, processor and delivery running as separate processes');

async function waitForBridge(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(`http://127.0.0.1:${bridgePort}/`);
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error('bridge did not come up');
}

// --- the stream -----------------------------------------------------------------------------
const accepted = new Set<string>();
let refused = 0;
let sent = 0;
async function sendOne(i: number): Promise<void> {
  const eventId = `rel-${groupSuffix}-${i}`;
  const body = JSON.stringify({
    type: 'track',
    event: 'Reliability Tick',
    event_id: eventId,
    anonymous_id: `a-${i % 50}`,
    properties: { i },
  });
  const sig = createHmac('sha256', key.secret).update(body).digest('hex');
  // Like any client: retry a 503 (nothing was acknowledged) a few times.
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(`${edge.url}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-datafly-key': key.id,
        'x-signature-256': `sha256=${sig}`,
      },
      body,
    }).catch(() => undefined);
    if (res?.status === 200) {
      accepted.add(eventId);
      return;
    }
    await res?.body?.cancel();
    await sleep(500);
  }
  refused++;
}

const chaos: [number, string, () => void][] = [
  [5, 'kill bridge', () => kill('bridge')],
  [8, 'restart bridge', () => startService('bridge')],
  [12, 'kill processor', () => kill('processor')],
  [15, 'restart processor', () => startService('processor')],
  [19, 'kill delivery', () => kill('delivery')],
  [22, 'restart delivery', () => startService('delivery')],
  [
    26,
    'vendor down',
    () => {
      vendorDown = true;
    },
  ],
  [
    34,
    'vendor up',
    () => {
      vendorDown = false;
    },
  ],
];
const streamStart = Date.now();
const inflight = new Set<Promise<void>>();
let next = 0;
while (Date.now() - streamStart < env.seconds * 1000) {
  const elapsed = (Date.now() - streamStart) / 1000;
  while (chaos.length > 0 && chaos[0]![0] <= elapsed) {
    const [, what, act] = chaos.shift()!;
    act();
    say(`chaos: ${what}`);
  }
  const due = Math.floor(elapsed * env.rate);
  while (next < due) {
    const p = sendOne(next++).finally(() => inflight.delete(p));
    inflight.add(p);
    sent++;
  }
  await sleep(20);
}
for (const [, what, act] of chaos) {
  act();
  say(`chaos: ${what}`);
}
await Promise.all(inflight);
say(
  `stream done: ${sent} sent, ${accepted.size} accepted by the edge, ${refused} refused after retries`,
);

// --- the verdict ----------------------------------------------------------------------------
async function dlqIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  const res = await fetch(`${running.url}/v1/admin/integrations/${tmpl.id}/dlq/export`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!res.ok) return ids;
  for (const line of (await res.text()).split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { event_id?: string; envelope?: { event_id?: string } };
    const id = entry.event_id ?? entry.envelope?.event_id;
    if (id) ids.add(id);
  }
  return ids;
}
let missing: string[] = [];
let dead = new Set<string>();
const deadline = Date.now() + 240_000;
do {
  await sleep(2000);
  dead = await dlqIds();
  missing = [...accepted].filter((id) => !deliveredCounts.has(id) && !dead.has(id));
  say(
    `waiting: ${accepted.size - missing.length}/${accepted.size} accounted for (${deliveredCounts.size} delivered, ${dead.size} in the DLQ)`,
  );
} while (missing.length > 0 && Date.now() < deadline);

const duplicates = [...deliveredCounts.values()].reduce((n, c) => n + (c - 1), 0);
const delivered = [...accepted].filter((id) => deliveredCounts.has(id)).length;
const deadLettered = [...accepted].filter((id) => dead.has(id)).length;
const duplicateShare = ((duplicates / Math.max(1, delivered)) * 100).toFixed(2);
console.log(
  `\nreliability run: ${accepted.size} accepted · ${delivered} delivered · ` +
    `${deadLettered} dead-lettered · ${missing.length} lost · ` +
    `${duplicates} duplicate deliveries (${duplicateShare} %)`,
);
if (missing.length > 0)
  console.log(`lost event ids (first 10): ${missing.slice(0, 10).join(', ')}`);

for (const s of Object.values(services)) s.child?.kill('SIGTERM');
await sleep(1000);
for (const s of Object.values(services)) s.child?.kill('SIGKILL');
await admin.close();
await edge.close();
await vendor.close();
await adminSql.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminSql.end();
await rm(dataDir, { recursive: true, force: true });
process.exit(missing.length > 0 ? 1 : 0);
