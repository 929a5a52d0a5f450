// Delivery throughput to a local vendor double (events/s, unbatched and batched) beside a bare
// sender to the same double in the same run, then memory while the double is down with events
// flowing in (RSS over time). Uses the real Kafka broker when TEST_KAFKA_BROKERS is set (the
// in-process bus otherwise, whose log itself grows in memory).
//
// The bare sender does what any correct sender of these messages must, inside its timer: decode
// each delivery message, build the webhook's canonical payload (the envelope as JSON; a JSON
// array of them when batched) and POST it with the same headers — and nothing the worker adds for
// its guarantees (consumer offsets, the ledger's claim and outcome record, retries, metrics). The
// wire alone (bodies built before the timer) is printed beside it. The bare sender posts with
// `fetch` (the baseline), and again with `request()` of the `undici` package over the
// keep-alive pool the worker's transport uses (core/vendors/transport.ts): the same client
// stack, so that ratio is the worker's own cost. The claim's cost is shown by
// running the worker again with the ledger as it was used before claims existed (a lookup of the
// delivered ids, then send) and with no lookup at all (the outcome record is unchanged): against
// the in-memory ledger, and against PostgreSQL too when TEST_DATABASE_URL is set.
import { DEFAULT_KAFKA_CLIENT, KAFKA_CLIENTS, createBus } from '../core/bus/index.js';
import { createMemoryBus } from '../core/bus/memory.js';
import type { Bus } from '../core/bus/types.js';
import { openDatabase, type Database } from '../core/db/client.js';
import { drizzleDeliveryStore } from '../core/db/stores/delivery.js';
import {
  deliveryRecord,
  orderEvent,
  staticConfigStore,
} from '../core/testkit/delivery-fixtures.js';
import { memoryLedger, type DeliveryLedger } from '../core/dedup/delivered.js';
import { scopedKey } from '../core/event/scope.js';
import { createIntegrationWorker } from '../core/services/delivery/worker.js';
import { answers, startVendorDouble } from '../core/doubles/index.js';
import { testServices } from '../core/testkit/config.js';
import { deliveryTopic, type DeliveryMessage } from '../core/topics.js';
import type { Tracer } from '../core/trace/tracer.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { sharedAgent } from '../core/vendors/transport.js';
import { attachDebugger } from './live-util.js';

const CONCURRENCY = 16;
// BENCH_PROFILE=dir: each timed delivery run (not the bare loops) under V8's sampling profiler,
// written to dir/delivery-<tag>-<n>.cpuprofile (this process: the vendor double's share included).
const PROFILE_DIR = process.env.BENCH_PROFILE;
let profiles = 0;
async function startProfile(): Promise<{ save(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async save(file) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(PROFILE_DIR!, { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
/** Alternating runs per comparison (the machine is shared). */
const RUNS = Number(process.env.DELIVERY_BENCH_RUNS ?? 3);
const useKafka = testServices.kafkaBrokers.length > 0;
// BENCH_CLIENT=platformatic|kafkajs picks the Kafka client (default the bus's default).
const kafkaClient = KAFKA_CLIENTS.find(
  (c) => c === (process.env.BENCH_CLIENT || DEFAULT_KAFKA_CLIENT),
);
if (!kafkaClient) throw new Error(`BENCH_CLIENT must be one of ${KAFKA_CLIENTS.join(', ')}`);
const makeBus = (): Bus =>
  useKafka
    ? createBus({
        kafkaBrokers: testServices.kafkaBrokers,
        kafkaClient,
        clientId: 'delivery-bench',
      })
    : createMemoryBus();
const mb = (): string => {
  const m = process.memoryUsage();
  return `rss ${Math.round(m.rss / 1048576)} MB heap ${Math.round(m.heapUsed / 1048576)} MB`;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let received = 0;
const double = await startVendorDouble({
  maxRecorded: 0,
  onRequest: (req) => {
    received += Array.isArray(req.json) ? req.json.length : 1;
  },
});
const url = `${double.url}/events`;
/** The webhook's request headers for a canonical payload without auth (core/vendors/webhook). */
const HEADERS_SENT = {
  'content-type': 'application/json',
  'user-agent': 'DataflySignal/1 (+webhook)',
};
const fixtureOf = (tag: string) => ({
  integrationId: `tmpl_bench_${tag}_${Date.now().toString(36)}`,
  revisionId: `rev_${tag}`,
  pipelineId: 'pip_1',
});
/** The message values the worker reads, for the bare sender to decode. */
const messageValues = (total: number): string[] => {
  const f = fixtureOf('bare');
  return Array.from({ length: total }, (_, i) => deliveryRecord(orderEvent(i), f).value);
};

/** A run's events/s, and its CPU time per event (this process: the double's share included). */
interface Run {
  rate: number;
  cpuUs: number;
}
const result = (events: number, start: number, cpu: NodeJS.CpuUsage): Run => {
  const used = process.cpuUsage(cpu);
  return {
    rate: events / ((performance.now() - start) / 1000),
    cpuUs: (used.user + used.system) / events,
  };
};

/** How the bare sender posts: WHATWG `fetch`, or the worker's client (`undici.request`). */
type Client = 'fetch' | 'undici';
const post = async (client: Client, body: string): Promise<void> => {
  if (client === 'fetch') {
    const res = await fetch(url, { method: 'POST', headers: HEADERS_SENT, body });
    await res.text();
  } else {
    const res = await request(url, {
      dispatcher: sharedAgent(),
      method: 'POST',
      headers: HEADERS_SENT,
      body,
    });
    await res.body.text();
  }
};

/**
 * CONCURRENCY loops POSTing `perRequest` events each with `client`, until `values` are sent.
 * `prebuilt`: the bodies are built before the timer starts (the wire alone).
 */
async function bareLoop(
  values: string[],
  perRequest: number,
  client: Client,
  prebuilt = false,
): Promise<Run> {
  const build = (i: number): string => {
    const texts: string[] = [];
    for (let j = i * perRequest; j < Math.min(values.length, (i + 1) * perRequest); j++)
      texts.push(JSON.stringify((JSON.parse(values[j]!) as DeliveryMessage).envelope));
    return perRequest === 1 ? texts[0]! : `[${texts.join(',')}]`;
  };
  const requests = Math.ceil(values.length / perRequest);
  const bodies = prebuilt ? Array.from({ length: requests }, (_, i) => build(i)) : undefined;
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        const i = next++;
        await post(client, bodies ? bodies[i]! : build(i));
      }
    }),
  );
  return result(values.length, start, cpu);
}

/** A ledger whose claim grants every event without a lookup (the claim's cost, measured away). */
function withoutClaim(ledger: DeliveryLedger): DeliveryLedger {
  return Object.assign(Object.create(ledger) as DeliveryLedger, ledger, {
    claim: async (
      _integrationId: string,
      ids: readonly { source: string; event_id: string }[],
    ) => ({
      claimed: new Map(ids.map((id) => [scopedKey(id), 1])),
      delivered: new Set<string>(),
      held: new Map<string, number>(),
    }),
  });
}

/**
 * A ledger used as delivery used it before claims existed (issue 19's "before"): one lookup of the
 * delivered ids among the events read, and every other event sent (no claim row, no lease).
 */
function lookupOnly(ledger: DeliveryLedger): DeliveryLedger {
  return Object.assign(Object.create(ledger) as DeliveryLedger, ledger, {
    claim: async (integrationId: string, ids: readonly { source: string; event_id: string }[]) => {
      const delivered = await ledger.deliveredAmong(integrationId, ids);
      return {
        claimed: new Map(
          ids.filter((id) => !delivered.has(scopedKey(id))).map((id) => [scopedKey(id), 1]),
        ),
        delivered,
        held: new Map<string, number>(),
      };
    },
  });
}

/** The delivery worker draining `total` pre-produced events to the double. */
async function delivery(
  total: number,
  config: Record<string, unknown>,
  tag: string,
  opts: { traced?: boolean; ledger?: () => DeliveryLedger } = {},
): Promise<Run> {
  const fixture = fixtureOf(tag);
  const store = staticConfigStore({ url, rate_limit_rps: 100_000, ...config }, fixture);
  const bus = makeBus();
  // "Debugger attached": every event's request, response and outcome steps built and published.
  const tracer: (Tracer & { close(): Promise<void> }) | undefined = opts.traced
    ? await attachDebugger(bus, fixture.pipelineId)
    : undefined;
  const topic = deliveryTopic(fixture.integrationId);
  await bus.createTopics([{ topic, partitions: 1 }]);
  for (let i = 0; i < total; i += 1000) {
    await bus.produce(
      topic,
      Array.from({ length: Math.min(1000, total - i) }, (_, j) =>
        deliveryRecord(orderEvent(i + j), fixture),
      ),
    );
  }
  received = 0;
  const worker = createIntegrationWorker(fixture.integrationId, {
    bus,
    config: store,
    ledger: opts.ledger?.() ?? memoryLedger({ keepRows: false }),
    maxConcurrentRequests: CONCURRENCY,
    ...(tracer ? { tracer } : {}),
  });
  await worker.start();
  // Timed from the first request, so the consumer-group join (seconds on Kafka) is left out.
  while (received === 0) await sleep(1);
  const profiler = PROFILE_DIR ? await startProfile() : undefined;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const first = received;
  while (received < total) await sleep(2);
  const rate = result(total - first, start, cpu);
  if (profiler) await profiler.save(join(PROFILE_DIR!, `delivery-${tag}-${++profiles}.cpuprofile`));
  await worker.close();
  await tracer?.close();
  await bus.close();
  return rate;
}

/**
 * The variants run in turn RUNS times (so all see the same load on a shared machine): each one's
 * runs, in order.
 */
async function alternate(variants: (() => Promise<Run>)[]): Promise<Run[][]> {
  const runs: Run[][] = variants.map(() => []);
  for (let i = 0; i < RUNS; i++) for (const [j, v] of variants.entries()) runs[j]!.push(await v());
  return runs;
}

/**
 * Runs `as` and `bs` compared round by round: the median rate and CPU per event of each, and the
 * median and range of the ratios a/b (events/s, and CPU per event b/a: the share of the CPU that
 * `a` spends that `b` would).
 */
function compare(as: Run[], bs: Run[]) {
  const median = (xs: number[]): number => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const spread = (xs: number[]): string =>
    `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  return {
    a: median(as.map((r) => r.rate)),
    b: median(bs.map((r) => r.rate)),
    aCpu: median(as.map((r) => r.cpuUs)),
    bCpu: median(bs.map((r) => r.cpuUs)),
    ratio: median(as.map((r, i) => r.rate / bs[i]!.rate)),
    rateRatio: spread(as.map((r, i) => r.rate / bs[i]!.rate)),
    cpuRatio: spread(as.map((r, i) => bs[i]!.cpuUs / r.cpuUs)),
  };
}

type Paired = ReturnType<typeof compare>;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(
  `bus: ${useKafka ? 'Kafka ' + testServices.kafkaBrokers.join(',') : 'in-process'}; ${CONCURRENCY} concurrent requests; medians of ${RUNS} alternating runs`,
);

const BATCHED = { batch_enabled: true, batch_size: 100, batch_interval_ms: 20 };
const single = 4_000;
const batched = 40_000;
const singleValues = messageValues(single);
const batchedValues = messageValues(batched);
// Warm-up (JIT, keep-alive sockets).
await bareLoop(singleValues.slice(0, 500), 1, 'fetch');
await bareLoop(singleValues.slice(0, 500), 1, 'undici');
await delivery(1_000, {}, 'warm');

const us = (n: number): string => `${n.toFixed(1)} µs`;
/** Delivery against one bare loop: its timed run and its run with bodies built before the timer. */
const against = (loop: string, r: Paired, wire: Paired): string =>
  `  ${loop} ${fmt(r.b)} events/s ${us(r.bCpu)} CPU/event, ` +
  `delivery ${fmt(r.a)} events/s ${us(r.aCpu)} CPU/event;\n` +
  `    ratio ${r.rateRatio} by events/s, ${r.cpuRatio} by CPU; ` +
  `to the wire alone (${fmt(wire.b)} events/s, ${us(wire.bCpu)}) ` +
  `${wire.rateRatio} by events/s, ${wire.cpuRatio} by CPU`;
const report = (name: string, r: Paired, wire: Paired, same: Paired, sameWire: Paired): void =>
  console.log(
    `${name}:\n${against('bare fetch loop', r, wire)}\n` +
      against("bare undici loop (the worker's client)", same, sameWire),
  );
// The claim's share: the same runs with the ledger as delivery used it before claims existed (one
// lookup of the delivered ids per read, then send: `lookupOnly`), and with no lookup at all
// (`withoutClaim`). The outcome record is the same in all three.
const claimCost = async (name: string, make: () => DeliveryLedger): Promise<void> => {
  const variants = (n: number, config: Record<string, unknown>, tag: string) =>
    alternate([
      () => delivery(n, config, `claim${tag}`, { ledger: make }),
      () => delivery(n, config, `lookup${tag}`, { ledger: () => lookupOnly(make()) }),
      () => delivery(n, config, `noclaim${tag}`, { ledger: () => withoutClaim(make()) }),
    ]);
  const cost = (r: Paired): string =>
    `${(100 * (1 - r.ratio)).toFixed(1)} % (${r.rateRatio} by events/s, ${r.cpuRatio} by CPU)`;
  for (const [label, n, config] of [
    ['unbatched', single, {}],
    ['batched x100', batched, BATCHED],
  ] as const) {
    const [on, before, none] = await variants(n, config, label === 'unbatched' ? '1' : '100');
    const vsBefore = compare(on!, before!);
    const vsNone = compare(on!, none!);
    console.log(
      `${name} ledger, ${label}: claim ${fmt(vsBefore.a)} events/s; before claims (lookup) ${fmt(vsBefore.b)}, ` +
        `claim costs ${cost(vsBefore)}; no lookup at all ${fmt(vsNone.b)}, claim costs ${cost(vsNone)}`,
    );
  }
};
// DELIVERY_BENCH_ONLY=claim|unbatched|batched runs one part alone.
const only = process.env.DELIVERY_BENCH_ONLY;
const part = (name: string): boolean => only === undefined || only === '' || only === name;
if (part('claim')) await claimCost('in-memory', () => memoryLedger({ keepRows: false }));
let database: Database | undefined;
if (part('claim') && testServices.databaseUrl) {
  database = await openDatabase({ url: testServices.databaseUrl });
  await database.migrate();
  const db = database.db;
  await claimCost('PostgreSQL', () => drizzleDeliveryStore(db));
  await database.close();
}

if (only === 'claim') process.exit(0);

/**
 * Delivery beside the bare loops on each client, with bodies built in the timer and before it (the
 * wire alone), all five in turn RUNS times; then delivery once with the live debugger attached.
 */
const mode = async (
  name: string,
  tag: string,
  n: number,
  config: Record<string, unknown>,
  values: string[],
  perRequest: number,
): Promise<void> => {
  const [del, f, fWire, u, uWire] = await alternate([
    () => delivery(n, config, tag),
    () => bareLoop(values, perRequest, 'fetch'),
    () => bareLoop(values, perRequest, 'fetch', true),
    () => bareLoop(values, perRequest, 'undici'),
    () => bareLoop(values, perRequest, 'undici', true),
  ]);
  const r = compare(del!, f!);
  report(name, r, compare(del!, fWire!), compare(del!, u!), compare(del!, uWire!));
  const traced = await delivery(n, config, `${tag}_traced`, { traced: true });
  console.log(
    `${name}, live debugger attached: delivery ${fmt(traced.rate)} events/s ` +
      `vs ${fmt(r.a)} without (ratio ${(traced.rate / r.a).toFixed(2)})`,
  );
};
if (part('unbatched')) await mode('unbatched', 'single', single, {}, singleValues, 1);
if (part('batched')) await mode('batched x100', 'batch', batched, BATCHED, batchedValues, 100);
if (process.env.BENCH_SKIP_DOWN || only) process.exit(0);

// Vendor down: every request fails at the socket; 400 events/s keep arriving for 30 s.
const downSeconds = 45;
const rate = 400;
double.respond(answers.reset());
const fixture = {
  integrationId: `tmpl_bench_down_${Date.now().toString(36)}`,
  revisionId: 'rev_down',
  pipelineId: 'pip_1',
};
const bus = makeBus();
const topic = deliveryTopic(fixture.integrationId);
const worker = createIntegrationWorker(fixture.integrationId, {
  bus,
  config: staticConfigStore({ url, rate_limit_rps: 100_000, timeout_ms: 2_000 }, fixture),
  ledger: memoryLedger({ keepRows: false }),
  maxConcurrentRequests: CONCURRENCY,
});
await worker.start();
const samples: string[] = [];
let produced = 0;
const t0 = Date.now();
for (let s = 0; s < downSeconds; s++) {
  const batch = Array.from({ length: rate }, (_, i) =>
    deliveryRecord(orderEvent(produced + i), fixture),
  );
  produced += rate;
  await bus.produce(topic, batch);
  await sleep(Math.max(0, t0 + (s + 1) * 1000 - Date.now()));
  if (s % 3 === 2) samples.push(`${s + 1}s ${mb()} in flight ${worker.inFlight}`);
}
console.log(
  `vendor down ${downSeconds} s, ${rate} events/s in (${produced} events):\n  ${samples.join('\n  ')}`,
);
await worker.close();
await bus.close();
await double.close();
