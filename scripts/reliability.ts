/**
 * The reliability run (`npm run reliability`, part of .ci/run): a steady stream of server-side
 * events (150/s for 150 s by default) through the edge while the bridge, the processor and the
 * delivery worker — each its own OS process on real Kafka and PostgreSQL — are each killed
 * (SIGKILL) and restarted several times, the Kafka broker itself is killed twice (once during a
 * vendor outage), the database's connections are cut, and the vendor answers 503, 429 with
 * Retry-After, hangs and drops connections in turn. At the end every event the edge accepted
 * must have reached the vendor or the dead-letter queue (none lost), and duplicate deliveries
 * must stay at or under 0.1 % of accepted events. Bounded: the run stops by itself.
 *
 * Needs KAFKA_BROKERS and DATABASE_URL (scripts/with-services.sh provides the test ones). The
 * broker is killed only when it is this checkout's scripts/kafka.sh broker (its pid file in .kafka/,
 * or .kafka-<port>/ for a broker started with KAFKA_PORT).
 * RELIABILITY_SECONDS and RELIABILITY_RATE change the length and the rate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createAdminService } from '../admin/service.js';
import { loadConfig as loadAdminConfig } from '../admin/config.js';
import { miniflareKv } from '../admin/kv/miniflare.js';
import { answers, startVendorDouble } from '../core/doubles/index.js';
import { freePort } from '../core/testkit/ports.js';
import { startLocalEdge } from '../dev/local/edge.js';

const env = {
  brokers: process.env.KAFKA_BROKERS ?? process.env.TEST_KAFKA_BROKERS ?? '',
  databaseUrl: process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '',
  // 22,500 events: the 0.1 % bar allows 22 duplicates, more than the most one delivery kill can
  // leave answered but unrecorded here (16 request slots of one event; docs/delivery-guarantees.md).
  seconds: Number(process.env.RELIABILITY_SECONDS ?? 150),
  rate: Number(process.env.RELIABILITY_RATE ?? 150),
};
/** Duplicate deliveries allowed, as a share of accepted events. */
const MAX_DUPLICATE_SHARE = 0.001;
const brokerPort = /^(?:127\.0\.0\.1|localhost):(\d+)$/.exec(env.brokers)?.[1];
const KAFKA_PID = join(
  import.meta.dirname,
  '..',
  brokerPort === '9092' ? '.kafka' : `.kafka-${brokerPort}`,
  'kafka.pid',
);
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

// --- services -------------------------------------------------------------------------------
const dbName = `datafly_rel_${Date.now().toString(36)}`;
const adminSql = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined });
await adminSql.unsafe(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(env.databaseUrl);
dbUrl.pathname = `/${dbName}`;
const dataDir = await mkdtemp(join(tmpdir(), 'datafly-rel-'));
/** Each service's own log (every restart appended), kept after the run for the diagnosis. */
const logDir = await mkdtemp(join(tmpdir(), 'datafly-rel-logs-'));
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
/** When each copy of a duplicated event arrived (seconds into the run), to tell which fault made it. */
const arrivals = new Map<string, number[]>();
function countDelivery(body: unknown): void {
  const at = Number(((Date.now() - t0) / 1000).toFixed(1));
  for (const item of Array.isArray(body) ? body : [body]) {
    const id = (item as { event_id?: unknown })?.event_id;
    if (typeof id !== 'string') continue;
    deliveredCounts.set(id, (deliveredCounts.get(id) ?? 0) + 1);
    arrivals.set(id, [...(arrivals.get(id) ?? []), at]);
  }
}
type VendorMode = 'ok' | '503' | '429' | 'hang' | 'reset';
let vendorMode: VendorMode = 'ok';
// Only a 200 counts as delivered; the other modes are retryable failures.
vendor.respond((req) => {
  switch (vendorMode) {
    case '503':
      return { status: 503, body: 'down for the reliability run' };
    case '429':
      return { status: 429, headers: { 'retry-after': '2' }, body: '{"error":"slow down"}' };
    case 'hang':
      return { hang: true };
    case 'reset':
      return { reset: true };
    default:
      countDelivery(req.json);
      return { status: 200, body: '{"ok":true}' };
  }
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
    // The webhook's default 50 requests/s is below the stream's rate: give delivery room to catch up.
    config: {
      url: `${vendor.url}/events`,
      auth_method: 'none',
      payload_format: 'canonical',
      timeout_ms: 2000,
      rate_limit_rps: 400,
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

const services: Record<
  string,
  { entry: string; child?: ChildProcess; peakRssKb: number; kills: number }
> = {
  bridge: { entry: 'core/services/bridge/main.ts', peakRssKb: 0, kills: 0 },
  processor: { entry: 'core/services/processor/main.ts', peakRssKb: 0, kills: 0 },
  delivery: { entry: 'core/services/delivery/main.ts', peakRssKb: 0, kills: 0 },
};
/** Each service's resident memory, sampled twice a second from /proc. */
const sampler = setInterval(() => {
  for (const s of Object.values(services)) {
    const pid = s.child?.exitCode === null ? s.child.pid : undefined;
    if (!pid) continue;
    try {
      const kb = Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
      );
      s.peakRssKb = Math.max(s.peakRssKb, kb);
    } catch {
      // exited between the check and the read
    }
  }
}, 500);
function startService(name: string): void {
  const s = services[name]!;
  const child = spawn(process.execPath, ['--import', 'tsx', s.entry], {
    env: {
      ...childEnv,
      ...(name === 'bridge' ? { PORT: String(bridgePort), HOST: '127.0.0.1' } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.pipe(createWriteStream(join(logDir, `${name}.log`), { flags: 'a' }));
  child.stderr?.on('data', (d: Buffer) => {
    const line = d.toString().trim();
    if (/"level":"error"/.test(line)) say(`${name}: ${line.slice(0, 200)}`);
  });
  s.child = child;
}
function kill(name: string): void {
  services[name]!.child?.kill('SIGKILL');
  services[name]!.kills++;
  say(`✗ killed ${name} (SIGKILL)`);
}

// --- the broker and the database --------------------------------------------------------------
const brokerIsOurs = brokerPort !== undefined && existsSync(KAFKA_PID);
let brokerKills = 0;
/**
 * Broker kills and starts run one after another, each after the one before has finished: a kill
 * never lands on a broker that a start is still bringing up, and a start never races a kill.
 */
let brokerBack: Promise<void> = Promise.resolve();
const brokerStep = (step: () => void | Promise<void>): void => {
  brokerBack = brokerBack.then(step);
};
function killBroker(): void {
  if (!brokerIsOurs) {
    say('broker kill skipped: KAFKA_BROKERS is not the scripts/kafka.sh broker');
    return;
  }
  const pid = Number(readFileSync(KAFKA_PID, 'utf8').trim());
  try {
    process.kill(pid, 'SIGKILL');
    brokerKills++;
    say(`✗ killed the Kafka broker (pid ${pid}, SIGKILL)`);
  } catch (error) {
    say(`broker kill failed: ${String(error)}`);
  }
}
/** Start the broker, trying again (up to five times, 2 s apart) while a killed one still holds on. */
async function startBroker(): Promise<void> {
  if (!brokerIsOurs) return;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const code = await new Promise<number | null>((resolve) => {
      spawn('bash', [join(import.meta.dirname, 'kafka.sh'), 'start'], {
        stdio: 'ignore',
        env: { ...process.env, KAFKA_PORT: brokerPort },
      }).on('exit', resolve);
    });
    if (code === 0) {
      say('Kafka broker back');
      return;
    }
    say(`Kafka broker start exited ${code} (attempt ${attempt})`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
let connectionCuts = 0;
async function cutDatabaseConnections(): Promise<void> {
  const rows =
    await adminSql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${dbName} AND pid <> pg_backend_pid()`;
  connectionCuts++;
  say(`✗ cut ${rows.length} database connections (pg_terminate_backend)`);
}
// Interrupted (Ctrl-C, a CI timeout): the services are this run's children and go with it
// (first among the signal's listeners: the local edge's own ends the process).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.prependListener(signal, () => {
    for (const s of Object.values(services)) s.child?.kill('SIGKILL');
    process.exit(130);
  });
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
/**
 * The stream's client: a keep-alive pool of at most 128 connections, like a collector or load
 * balancer in front of the edge. (Node's fetch opens a new connection for every request in flight;
 * while the broker is down each waits ~4 s, and the local workerd then holds thousands of sockets
 * and runs out of file descriptors — a property of the local runtime, not of Cloudflare's edge.)
 * A client that hangs up early makes the local workerd cancel the request's call to the bridge, and
 * enough cancelled calls stall it; so the client waits up to 30 s (the edge answers within 5 s).
 * Answers the status, or undefined for a network error or no answer within 30 s (queueing included).
 */
const edgeAgent = new HttpAgent({ keepAlive: true, maxSockets: 128 });
function postEvent(body: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = httpRequest(
      `${edge.url}/v1/events`,
      {
        method: 'POST',
        agent: edgeAgent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', () => resolve(undefined));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timed out')), 30_000);
    req.on('error', () => resolve(undefined));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}

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
  // Like any client: retry a 503 (nothing was acknowledged), for up to a minute.
  const giveUpAt = Date.now() + 60_000;
  for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
    const status = await postEvent(body, {
      'content-type': 'application/json',
      'x-datafly-key': key.id,
      'x-signature-256': `sha256=${sig}`,
    });
    if (status === 200) {
      accepted.add(eventId);
      return;
    }
    await sleep(Math.min(500 * (attempt + 1), 2_000));
  }
  refused++;
}

const vendor_ = (mode: VendorMode) => () => {
  vendorMode = mode;
};
const cut = (): void => {
  void cutDatabaseConnections().catch((e: unknown) =>
    say(`cutting connections failed: ${String(e)}`),
  );
};
// At fractions of the run, so a shorter or longer run keeps the same story.
const plan: [number, string, () => void][] = [
  [0.06, 'kill bridge', () => kill('bridge')],
  [0.08, 'restart bridge', () => startService('bridge')],
  [0.12, 'kill processor', () => kill('processor')],
  [0.14, 'restart processor', () => startService('processor')],
  [0.18, 'kill delivery', () => kill('delivery')],
  [0.2, 'restart delivery', () => startService('delivery')],
  [0.23, 'cut database connections', cut],
  [0.26, 'kill the Kafka broker', () => brokerStep(killBroker)],
  [0.32, 'start the Kafka broker', () => brokerStep(startBroker)],
  [0.4, 'vendor answers 503', vendor_('503')],
  [0.43, 'kill the Kafka broker during the vendor outage', () => brokerStep(killBroker)],
  [0.49, 'start the Kafka broker', () => brokerStep(startBroker)],
  [0.5, 'vendor up', vendor_('ok')],
  [0.53, 'vendor answers 429 with Retry-After', vendor_('429')],
  [0.58, 'vendor up', vendor_('ok')],
  [0.6, 'kill delivery', () => kill('delivery')],
  [0.61, 'cut database connections', cut],
  [0.62, 'restart delivery', () => startService('delivery')],
  [0.65, 'vendor hangs', vendor_('hang')],
  [0.7, 'vendor up', vendor_('ok')],
  [0.72, 'kill processor', () => kill('processor')],
  [0.74, 'restart processor', () => startService('processor')],
  [0.77, 'vendor drops connections', vendor_('reset')],
  [0.82, 'vendor up', vendor_('ok')],
  [0.84, 'kill bridge', () => kill('bridge')],
  [0.86, 'restart bridge', () => startService('bridge')],
  [0.88, 'cut database connections', cut],
  [0.9, 'kill delivery', () => kill('delivery')],
  [0.92, 'restart delivery', () => startService('delivery')],
];
const chaos: [number, string, () => void][] = plan.map(([at, what, act]) => [
  at * env.seconds,
  what,
  act,
]);
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
await brokerBack;
const streamEnd = Date.now();
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
const deadline = Date.now() + 150_000;
do {
  await sleep(2000);
  dead = await dlqIds();
  missing = [...accepted].filter((id) => !deliveredCounts.has(id) && !dead.has(id));
  say(
    `waiting: ${accepted.size - missing.length}/${accepted.size} accounted for (${deliveredCounts.size} delivered, ${dead.size} in the DLQ)`,
  );
} while (missing.length > 0 && Date.now() < deadline);
const drainMs = Date.now() - streamEnd;
clearInterval(sampler);

const duplicates = [...deliveredCounts.values()].reduce((n, c) => n + (c - 1), 0);
const delivered = [...accepted].filter((id) => deliveredCounts.has(id)).length;
const share = duplicates / Math.max(1, accepted.size);
const peaks = Object.entries(services).map(
  ([name, s]) => `${name} ${Math.round(s.peakRssKb / 1024)} MB (killed ${s.kills}×)`,
);
const deadLettered = [...accepted].filter((id) => dead.has(id)).length;
console.log(
  [
    '',
    `reliability run (${env.rate}/s for ${env.seconds} s; broker killed ${brokerKills}×, ` +
      `database connections cut ${connectionCuts}×):`,
    `  ${accepted.size} accepted · ${delivered} delivered · ${deadLettered} dead-lettered · ` +
      `${missing.length} lost · ${duplicates} duplicate deliveries ` +
      `(${(share * 100).toFixed(3)} % of accepted, limit ${MAX_DUPLICATE_SHARE * 100} %)`,
    `  ${refused} refused to the client after its retries (not accepted: the client knows) · ` +
      `drain ${(drainMs / 1000).toFixed(1)} s after the stream ended`,
    `  peak memory: ${peaks.join(' · ')}`,
  ].join('\n'),
);
if (missing.length > 0)
  console.log(`lost event ids (first 10): ${missing.slice(0, 10).join(', ')}`);
const twice = [...arrivals].filter(([, times]) => times.length > 1);
if (twice.length > 0)
  console.log(
    `duplicated (first 10, arrival times in s): ${twice
      .slice(0, 10)
      .map(([id, times]) => `${id} @ ${times.join(', ')}`)
      .join(' · ')}`,
  );
if (twice.length > 0) {
  // Which fault made them: duplicates counted by (first arrival, next arrival), to the second.
  const pairs = new Map<string, number>();
  for (const [, times] of twice) {
    const k = `${Math.floor(times[0]!)} s → ${Math.floor(times[1]!)} s`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  console.log(
    `duplicates by first → next arrival: ${[...pairs].map(([k, n]) => `${k}: ${n}`).join(' · ')}`,
  );
}
console.log(`service logs: ${logDir}`);
const failed = missing.length > 0 || share > MAX_DUPLICATE_SHARE;

for (const s of Object.values(services)) s.child?.kill('SIGTERM');
await sleep(1000);
for (const s of Object.values(services)) s.child?.kill('SIGKILL');
await admin.close();
edgeAgent.destroy();
await edge.close();
await vendor.close();
await adminSql.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminSql.end();
await rm(dataDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
