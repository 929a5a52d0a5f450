// The whole local stack end to end (`npm run bench -- e2e`): edge Worker (workerd) → bridge →
// Kafka → processor → delivery → vendor sandbox. Prints accept→vendor latency (p50/p99, one
// event at a time at a steady rate) and sustained events/s (batches through /v1/batch until all
// are delivered), beside a bare HTTP round trip to the same sandbox in the same run. Uses real
// Kafka when TEST_KAFKA_BROKERS (or KAFKA_BROKERS) is set, else the in-process bus. The admin
// database is PGlite in a worker thread of this process (DATAFLY_PGLITE_THREAD=0: in the main
// thread) unless TEST_DATABASE_URL names a PostgreSQL server, as a
// deployment has: then the stack runs on a throwaway database there (created and dropped here),
// so delivery's ledger and the processor's dedup record are not PGlite's work on this thread.
// The sustained phase runs a batched warm-up (BENCH_E2E_WARM events, default 1,000: the batch
// path's JIT, the new revision's first batches) before the timed BENCH_E2E_EVENTS (default 20,000:
// about four seconds at the target rate, so the first batches' start and the last ones' drain,
// tens of milliseconds each, weigh little),
// BENCH_E2E_INFLIGHT requests at a time (default 8). The generator is closed-loop: each client
// sends its next batch when the last is answered, so too few in flight measure the round trip
// rather than what the stack can carry (on a 2-core host, 4 in flight gave 3,400–3,900 events/s
// where 8 and 16 both gave 5,000–5,300).
// On Kafka the run's processor group starts at the end of raw-events: what earlier runs left on
// the broker is not worked through again during this one. On Linux it also prints the CPU per
// event of workerd, a local broker and the run's PostgreSQL backends, and what the cores allow.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import kafkajs from 'kafkajs';
import postgres from 'postgres';
import { join } from 'node:path';
import { loadLocalConfig } from '../dev/local/config.js';
import { startStack } from '../dev/local/stack.js';
import { testServices } from '../core/testkit/config.js';
import { childrenOf, cpuSecondsOf, treeCpuSecondsOf } from './kafka-bench-util.js';

const brokers =
  testServices.kafkaBrokers.length > 0
    ? testServices.kafkaBrokers
    : (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const load0 = loadavg()[0]!;
const inflight = Number(process.env.BENCH_E2E_INFLIGHT ?? 8);
const database = testServices.databaseUrl
  ? await throwawayDatabase(testServices.databaseUrl)
  : undefined;
const dataDir = await mkdtemp(join(tmpdir(), 'datafly-bench-e2e-'));
// Its own consumer group: on a shared broker another stack's processor would take some of
// raw-events' partitions, and the events on them would never reach this run's sandbox.
const processorGroup = `datafly-processor-bench-${process.pid}-${Date.now()}`;
if (brokers.length) await startAtEnd(brokers, processorGroup, 'raw-events');
const stack = await startStack(
  loadLocalConfig({
    DATAFLY_DATA_DIR: dataDir,
    ...(process.env.DATAFLY_PGLITE_THREAD
      ? { DATAFLY_PGLITE_THREAD: process.env.DATAFLY_PGLITE_THREAD }
      : {}),
    EDGE_PORT: '0',
    BRIDGE_PORT: '0',
    ADMIN_PORT: '0',
    DEMO_PORT: '0',
    ...(brokers.length ? { KAFKA_BROKERS: brokers.join(',') } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
  }),
  { processorGroup },
);
const pgliteWhere =
  process.env.DATAFLY_PGLITE_THREAD === '0'
    ? 'PGlite in this thread (DATAFLY_PGLITE_THREAD=0)'
    : 'PGlite in a worker thread of this process';
console.log(
  `bus: ${brokers.length ? `Kafka ${brokers.join(',')}` : 'in-process'}; ` +
    `database: ${database ? 'PostgreSQL (a throwaway database on TEST_DATABASE_URL)' : pgliteWhere}; ` +
    'vendor: the sandbox webhook (latency unbatched, throughput batched)',
);

/**
 * Commit `group`'s offsets at the end of `topic` before the stack starts: a new group would
 * otherwise start at the earliest offset and work through every event earlier runs left on the
 * broker (their pipelines unknown here, but each one read and parsed) during this run.
 */
async function startAtEnd(brokers: string[], group: string, topic: string): Promise<void> {
  const admin = new kafkajs.Kafka({
    brokers,
    clientId: 'datafly-bench-e2e',
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return;
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** A database of its own on the server `url` names, dropped at the end. */
async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `datafly_bench_e2e_${process.pid}_${Date.now()}`;
  const server = postgres(url, { max: 1, onnotice: () => {} });
  await server.unsafe(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      await server.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.end();
    },
  };
}

/**
 * CPU seconds so far of the other processes the stack's events pass through on this machine, read
 * from /proc (Linux; an empty map elsewhere): workerd (a child of this process, with its own
 * children), the Kafka broker (a local java process running kafka.Kafka) and the PostgreSQL
 * backends serving this run's database. The last two only when they run on this machine.
 */
async function otherProcessesCpu(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const cmdline = (pid: number): string => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      return '';
    }
  };
  const add = (name: string, cpu: () => number): void => {
    try {
      out.set(name, (out.get(name) ?? 0) + cpu());
    } catch {
      // The process ended between the listing and the read.
    }
  };
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map(Number);
  } catch {
    return out;
  }
  for (const child of childrenOf(process.pid)) {
    if (cmdline(child).includes('workerd')) add('workerd', () => treeCpuSecondsOf(child));
  }
  const backends = new Set<number>();
  if (database) {
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    const rows = await client<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    await client.end();
    for (const r of rows) backends.add(r.pid);
  }
  for (const pid of pids) {
    const cmd = cmdline(pid);
    if (cmd.includes('java') && cmd.includes('kafka.Kafka')) {
      add('Kafka broker', () => cpuSecondsOf(pid));
    } else if (backends.has(pid) && cmd.startsWith('postgres')) {
      add('PostgreSQL', () => cpuSecondsOf(pid));
    }
  }
  return out;
}

const arrived = new Map<string, number>();
const webhookSeen = (): void => {
  for (const e of stack.sandbox.entries.splice(0)) {
    if (e.vendor !== 'webhook') continue;
    for (const ev of Array.isArray(e.body) ? e.body : [e.body]) {
      const id = (ev as { event_id?: string }).event_id;
      if (id && !arrived.has(id)) arrived.set(id, Date.parse(e.received_at));
    }
  }
};
const sign = (body: string): string =>
  `sha256=${createHmac('sha256', stack.demo.server_secret).update(body).digest('hex')}`;
// The load generator shares this process's main thread with the stack, which a real client does
// not: it asks for uncompressed answers (Miniflare's entry Worker gzips JSON as Cloudflare's front
// line would, and undici's gunzip stream then ran here) and reads each small answer to its end
// (cancelling the body made undici build an AbortError, stack trace and all, per request).
const post = (path: string, body: string) =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-encoding': 'identity',
      'x-datafly-key': stack.demo.server_key,
      'x-signature-256': sign(body),
    },
    body,
  });
const event = (id: string) => ({
  type: 'track',
  event: 'Bench Tick',
  event_id: id,
  anonymous_id: `anon-${id}`,
  properties: { n: 1 },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function waitAll(ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    webhookSeen();
    if (ids.every((id) => arrived.has(id))) return;
    await sleep(20);
  }
  throw new Error(`only ${ids.filter((id) => arrived.has(id)).length}/${ids.length} arrived`);
}

// Baseline: a bare HTTP round trip to the same sandbox from this process.
const bare: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await (
    await fetch(`${stack.sandbox.vendorUrl('webhook')}/events`, {
      method: 'POST',
      body: '{"event_id":"bare"}',
    })
  ).text();
  bare.push(performance.now() - t);
}
stack.sandbox.entries.splice(0);

// Warm-up (JIT, connections, consumer assignment).
const warm = Array.from({ length: 50 }, (_, i) => `warm-${i}`);
for (const id of warm) await post('/v1/events', JSON.stringify(event(id)));
await waitAll(warm, 60_000);

// Latency: one event every 20 ms (50/s), accept (edge 200) → sandbox receipt.
const latencies: number[] = [];
const accepted = new Map<string, number>();
const ids = Array.from({ length: 300 }, (_, i) => `lat-${i}`);
for (const id of ids) {
  const res = await post('/v1/events', JSON.stringify(event(id)));
  if (res.status === 200) accepted.set(id, Date.now());
  await res.text();
  await sleep(20);
}
await waitAll([...accepted.keys()], 60_000);
for (const [id, at] of accepted) latencies.push(arrived.get(id)! - at);

// Throughput: switch the webhook to batches of 100 and a 2000 req/s limit (a new revision,
// deployed to the pipeline: no restart), then batches of 100 through /v1/batch, `inflight` at a
// time.
const token = (
  JSON.parse(await readFile(join(dataDir, 'local-secrets.json'), 'utf8')) as { admin_token: string }
).admin_token;
const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${stack.adminUrl}/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const webhookTemplate = stack.demo.integrations.webhook!;
const revision = await admin<{ id: string }>(
  'POST',
  `/integration-templates/${webhookTemplate}/revisions`,
  {
    config: {
      url: `${stack.sandbox.vendorUrl('webhook')}/events`,
      auth_method: 'hmac',
      hmac_secret: stack.demo.webhook_hmac_secret,
      payload_format: 'canonical',
      batch_enabled: true,
      batch_size: 100,
      batch_interval_ms: 50,
      rate_limit_rps: 2000,
    },
    delivery_mode: 'server_side',
    change_summary: 'bench: batched, higher rate limit',
  },
);
const { integrations } = await admin<{ integrations: { id: string; integration_id: string }[] }>(
  'GET',
  `/pipelines/${stack.demo.pipeline_id}/integrations`,
);
const pi = integrations.find((i) => i.integration_id === webhookTemplate)!;
await admin('PUT', `/pipelines/${stack.demo.pipeline_id}/integrations/${pi.id}`, {
  revision_id: revision.id,
});
await sleep(1500);

// Batches of 100 through /v1/batch, `inflight` at a time.
async function sendBatches(ids: string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < ids.length) {
        const slice = ids.slice(next, next + 100);
        next += 100;
        const res = await post('/v1/batch', JSON.stringify({ batch: slice.map(event) }));
        await res.text();
      }
    }),
  );
}
const warmBatches = Array.from(
  { length: Number(process.env.BENCH_E2E_WARM ?? 1000) },
  (_, i) => `thr-warm-${i}`,
);
await sendBatches(warmBatches);
await waitAll(warmBatches, 120_000);

const total = Number(process.env.BENCH_E2E_EVENTS ?? 20_000);
const batchIds = Array.from({ length: total }, (_, i) => `thr-${i}`);
const others0 = await otherProcessesCpu();
const start = Date.now();
const cpu0 = process.cpuUsage();
await sendBatches(batchIds);
const acceptedAt = Date.now();
await waitAll(batchIds, 300_000);
const seconds = (Date.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const others1 = await otherProcessesCpu();

const bareP50 = pct(bare, 50);
console.log(
  `bare HTTP round trip to the sandbox: p50 ${bareP50.toFixed(2)} ms, p99 ${pct(bare, 99).toFixed(2)} ms`,
);
console.log(
  `accept → vendor latency (${latencies.length} events at 50/s): ` +
    `p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms  ` +
    `(p50 = ${(pct(latencies, 50) / bareP50).toFixed(1)}× a bare round trip; ` +
    `target p99 < 25 ms: ${pct(latencies, 99) < 25 ? 'ok' : 'ABOVE TARGET'})`,
);
const acceptSecs = (acceptedAt - start) / 1000;
console.log(
  `sustained: ${total} events in ${seconds.toFixed(2)} s, ${inflight} batches of 100 in flight = ` +
    `${Math.round(total / seconds)} events/s end to end ` +
    `(target ≥ 5000: ${total / seconds >= 5000 ? 'ok' : 'BELOW TARGET'}) ` +
    `(edge accepted all in ${acceptSecs.toFixed(2)} s = ` +
    `${Math.round(total / acceptSecs)} events/s); ` +
    `RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
);
// Steadier than events/s on a host whose speed drifts: what one event cost this process.
console.log(
  `this process (bridge, processor, delivery, admin, sandbox, load generator; all its threads): ` +
    `${Math.round((cpu.user + cpu.system) / total)} µs CPU per event in the sustained phase`,
);
// The same for the other processes on this machine, and what all of them together allow.
const perEvent = new Map([['this process', (cpu.user + cpu.system) / total]]);
for (const [name, s1] of others1)
  perEvent.set(name, ((s1 - (others0.get(name) ?? 0)) * 1e6) / total);
const all = [...perEvent.values()].reduce((a, b) => a + b, 0);
if (perEvent.size > 1) {
  const cores = availableParallelism();
  console.log(
    'CPU per event by process in the sustained phase: ' +
      [...perEvent].map(([name, us]) => `${name} ${Math.round(us)} µs`).join(', ') +
      `; together ${Math.round(all)} µs: ${cores} cores carry at most ` +
      `${Math.round((cores * 1e6) / all)} events/s at that cost`,
  );
}
console.log(
  `machine: 1-min load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} ` +
    '(the whole stack, the broker and this load generator share these cores)',
);
await stack.close();
await database?.drop();
await rm(dataDir, { recursive: true, force: true });
