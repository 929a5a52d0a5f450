// Processor throughput beside a plain kafkajs consume → 3× produce loop that writes the
// processor's real message shape (the delivery message's size and headers, one distinct value
// per topic: each integration's own head), same run, same broker, same pre-filled raw topic,
// each in its own consumer group, both timed from their first batch (topic creation and the
// group join are not counted). Both read three partitions at once.
//   npm run bench -- processor     (BENCH_EVENTS=20000; BENCH_CLIENT=platformatic|kafkajs: the
//                                   client of the integration sweep, default the bus's default)
// Prints: the processor with 3 integrations on each Kafka client against the plain loop (target ≥
// 1.2×; the plain loop and the processor on the sweep's client alternate BENCH_ROUNDS times,
// default 3, and each is its median run), the processor with 1, 3 and 10 integrations and the cost
// of each extra integration (target ≤ 30 µs per event), then the processor with a live debugger
// attached beside the same run without; with TEST_DATABASE_URL, the PostgreSQL dedup record against
// none (BENCH_DEDUP_RUNS alternating runs, default 3). Without a broker, only the untraced/traced
// pair runs, on the in-process bus.
import { availableParallelism } from 'node:os';
import kafkajs from 'kafkajs';
import {
  DEFAULT_KAFKA_CLIENT,
  KAFKA_CLIENTS,
  createBus,
  type KafkaClient,
} from '../core/bus/index.js';
import { silentLogger } from '../core/log/index.js';
import { createMemoryBus } from '../core/bus/memory.js';
import type { Bus, BusMessage, MessageBatch } from '../core/bus/types.js';
import { chunkByTopic } from '../core/bus/chunks.js';
import { ConfigCache } from '../core/config-store/cache.js';
import { createMemoryConfigStore } from '../core/config-store/memory.js';
import { createProcessor } from '../core/services/processor/index.js';
import type { SeenStore } from '../core/dedup/seen.js';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../core/db/client.js';
import { drizzleSeenStore } from '../core/db/stores/seen.js';
import { testServices } from '../core/testkit/config.js';
import { processEvent } from '../core/services/processor/process-event.js';
import type { Tracer } from '../core/trace/tracer.js';
import { BROKERS, brokerUp, fmt, kafkaMissingMessage, sampleEnvelope } from './kafka-bench-util.js';
import { attachDebugger } from './live-util.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const run = Date.now().toString(36);
const RAW = `bench-proc-raw-${run}`;
const wantedClient = process.env.BENCH_CLIENT || DEFAULT_KAFKA_CLIENT;
const sweepClient = KAFKA_CLIENTS.find((c) => c === wantedClient);
if (!sweepClient) throw new Error(`BENCH_CLIENT must be one of ${KAFKA_CLIENTS.join(', ')}`);

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

const integrationId = (i: number) => `bench-proc-i${i}-${run}`;

/** One pipeline (org data layer, three steps) with `integrations` webhook integrations. */
function benchStore(integrations: number) {
  const store = createMemoryConfigStore();
  const ids = Array.from({ length: integrations }, (_, i) => integrationId(i));
  ids.forEach((id, i) =>
    store.setRevision({
      id: `rev_${i}`,
      integration_id: id,
      vendor: 'webhook',
      revision_number: 1,
      config: { url: 'https://hooks.example/{{pipeline_param.path}}' },
      delivery_mode: 'server_side',
    }),
  );
  store.setOrgDataLayer('org_bench', {
    parse_user_agent: true,
    drop_bots: true,
    truncate_ip: true,
    pii_rules: [{ match: 'email', action: 'hash' }],
    renames: [],
  });
  store.setPipeline({
    id: 'pip_bench',
    org_id: 'org_bench',
    parameters: { path: 'in' },
    transformations: [
      { op: 'filter', when: { path: 'event', equals: 'Debug' }, action: 'drop' },
      { op: 'set', path: 'properties.channel', value: 'web' },
      { op: 'rename', from: 'properties.price', to: 'properties.value' },
    ],
    integrations: ids.map((id, i) => ({
      id: `pi_${i}`,
      integration_id: id,
      vendor: 'webhook',
      revision_id: `rev_${i}`,
      enabled: true,
    })),
  });
  return store;
}

/** A bus whose consumers note when their first batch arrives (and the CPU used until then). */
function timedBus(bus: Bus) {
  const first: { at?: number; cpu?: NodeJS.CpuUsage } = {};
  const wrapped: Bus = {
    createTopics: (t) => bus.createTopics(t),
    produce: (t, r) => bus.produce(t, r),
    ...(bus.produceBatch ? { produceBatch: (b) => bus.produceBatch!(b) } : {}),
    consumer: (options) => {
      const c = bus.consumer(options);
      return {
        run: (handler: (batch: MessageBatch) => Promise<void>) =>
          c.run((batch) => {
            if (first.at === undefined) {
              first.at = performance.now();
              first.cpu = process.cpuUsage();
            }
            return handler(batch);
          }),
        commit: (t, p, o) => c.commit(t, p, o),
        pause: (t) => c.pause(t),
        resume: (t) => c.resume(t),
        close: () => c.close(),
      };
    },
    close: () => bus.close(),
  };
  return { bus: wrapped, first };
}

interface RunResult {
  rate: number;
  /** CPU (user+system) of this process per event, µs. */
  cpuUs: number;
  delivered: number;
}

/** The processor over the pre-filled raw topic in a group of its own, timed from its first batch. */
async function processorRun(
  bus: Bus,
  tag: string,
  integrations = 3,
  tracer?: Tracer,
  seen?: SeenStore,
): Promise<RunResult> {
  const timed = timedBus(bus);
  const processor = createProcessor({
    bus: timed.bus,
    store: benchStore(integrations),
    groupId: `bench-processor-${run}-${tag}`,
    rawTopic: RAW,
    dlqTopic: `bench-proc-dlq-${run}`,
    log: silentLogger,
    ...(tracer ? { tracer } : {}),
    ...(seen ? { seen } : {}),
  });
  await processor.start();
  await waitUntil(() => processor.stats().received >= EVENTS);
  const end = performance.now();
  const cpu = process.cpuUsage(timed.first.cpu);
  const delivered = processor.stats().delivered;
  await processor.close();
  return {
    rate: EVENTS / ((end - timed.first.at!) / 1000),
    cpuUs: (cpu.user + cpu.system) / EVENTS,
    delivered,
  };
}

async function tracedPair(bus: Bus, label: string): Promise<void> {
  const plain = await processorRun(bus, 'untraced');
  const tracer = await attachDebugger(bus, 'pip_bench');
  const traced = await processorRun(bus, 'traced', 3, tracer);
  const published = tracer.stats();
  await tracer.close();
  console.log(
    `processor on ${label}, live debugger attached vs not (${fmt(EVENTS)} events, 3 integrations):`,
  );
  console.log(`  no debugger       : ${fmt(plain.rate)} events/s`);
  console.log(
    `  debugger attached : ${fmt(traced.rate)} events/s   (${fmt(published.published)} trace steps published, ${published.dropped} not)`,
  );
  console.log(`  ratio attached / not : ${((traced.rate / plain.rate) * 100).toFixed(0)} %`);
}

const rawRecord = (i: number) => {
  const e = sampleEnvelope(i);
  return { key: String(e.anonymous_id), value: JSON.stringify(e) };
};

if (!(await brokerUp())) {
  console.log(kafkaMissingMessage());
  const bus = createMemoryBus();
  await bus.createTopics([{ topic: RAW, partitions: 3 }]);
  for (let i = 0; i < EVENTS; i += 1000)
    await bus.produce(
      RAW,
      Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => rawRecord(i + j)),
    );
  await tracedPair(bus, 'the in-process bus');
  await bus.close();
  process.exit(0);
}

const kafka = new kafkajs.Kafka({
  clientId: 'bench-plain',
  brokers: BROKERS,
  logLevel: kafkajs.logLevel.NOTHING,
});
const admin = kafka.admin();
await admin.connect();
const plainOut = [0, 1, 2].map((i) => `bench-proc-plain-${i}-${run}`);
await admin.createTopics({
  topics: [RAW, ...plainOut].map((topic) => ({ topic, numPartitions: 3 })),
  waitForLeaders: true,
});
await admin.disconnect();

// ---- pre-fill the raw topic (not measured) ----------------------------------------------
const filler = kafka.producer();
await filler.connect();
for (let i = 0; i < EVENTS; i += 1000) {
  await filler.send({
    topic: RAW,
    acks: -1,
    messages: Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => rawRecord(i + j)),
  });
}
await filler.disconnect();
console.error(`pre-filled ${EVENTS} events`);

// ---- the processor's real message shape -------------------------------------------------
// One event through the processor's own code: each integration's delivery message, split
// around its envelope so the plain loop writes the same head, trace and headers around the
// envelope it reads.
const sample = await processEvent(
  {
    topic: RAW,
    partition: 0,
    offset: '0',
    ...rawRecord(1),
    headers: {},
    timestamp: Date.now(),
  } satisfies BusMessage,
  new ConfigCache(benchStore(3)),
);
if (sample.kind !== 'fanout' || sample.deliveries.length !== 3)
  throw new Error('the sample event did not fan out to three integrations');
// The processor's envelope is larger than the raw one (device, os, browser, a hashed email):
// the plain loop pads its messages by that difference, so both write the same bytes.
const rawEnvelope = JSON.stringify(JSON.parse(rawRecord(1).value) as unknown);
const shapes = sample.deliveries.map(({ record }) => {
  const at = record.value.indexOf(',"envelope":');
  const traceAt = record.value.lastIndexOf(',"trace":');
  const grown = traceAt - at - ',"envelope":'.length - rawEnvelope.length;
  return {
    head: record.value.slice(0, at),
    tail: `,"pad":"${'x'.repeat(Math.max(0, grown - ',"pad":""'.length))}"${record.value.slice(traceAt)}`,
    headers: record.headers!,
  };
});
const processorBytes =
  sample.deliveries.reduce((n, d) => n + Buffer.byteLength(d.record.value), 0) / 3;

// ---- plain kafkajs consume → 3× produce loop --------------------------------------------
let plainBytes = 0;
/** The plain loop over the pre-filled raw topic in a group of its own, timed from its first batch. */
async function plainRun(tag: string): Promise<RunResult> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `bench-plain-${run}-${tag}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [RAW], fromBeginning: true });
  let plainCount = 0;
  let plainStart: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      plainStart ??= { at: performance.now(), cpu: process.cpuUsage() };
      const envelopes = batch.messages.map((m) =>
        JSON.stringify(JSON.parse(m.value!.toString()) as Record<string, unknown>),
      );
      const messages = plainOut.map((topic, i) => {
        const { head, tail, headers } = shapes[i]!;
        return batch.messages.map((m, j) => ({
          topic,
          key: m.key,
          value: `${head},"envelope":${envelopes[j]!}${tail}`,
          headers,
        }));
      });
      plainBytes ||= Buffer.byteLength(messages[0]![0]!.value);
      // Split as the bus adapters do: each topic's share of a request under 900 KB.
      for (const chunk of chunkByTopic(
        messages.flat(),
        (m) => m.topic,
        (m) => 70 + m.value.length,
      )) {
        const topicMessages = plainOut.map((topic) => ({
          topic,
          messages: chunk.filter((m) => m.topic === topic),
        }));
        await producer.sendBatch({ acks: -1, topicMessages });
      }
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(batch.lastOffset()) + 1n).toString(),
        },
      ]);
      plainCount += batch.messages.length;
    },
  });
  await waitUntil(() => plainCount >= EVENTS);
  const plainEnd = performance.now();
  const plainCpu = process.cpuUsage(plainStart!.cpu);
  await consumer.disconnect();
  await producer.disconnect();
  return {
    rate: EVENTS / ((plainEnd - plainStart!.at) / 1000),
    cpuUs: (plainCpu.user + plainCpu.system) / EVENTS,
    delivered: EVENTS * 3,
  };
}

// ---- the processor, on each client, then the integration sweep ---------------------------
const buses = new Map<KafkaClient, Bus>(
  KAFKA_CLIENTS.map((client) => [
    client,
    createBus({
      kafkaBrokers: BROKERS,
      kafkaClient: client,
      clientId: 'bench-processor',
      ...(process.env.BENCH_DEBUG ? {} : { logger: silentLogger }),
      maxWaitTimeMs: 100,
    }),
  ]),
);
// The plain loop and the processor on the sweep's client take turns, ROUNDS times each, so a
// moment when the shared host is slower weighs on both; each is represented by its median run.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const plainRuns: RunResult[] = [];
const mainRuns: RunResult[] = [];
for (let r = 0; r < ROUNDS; r++) {
  plainRuns.push(await plainRun(`r${r}`));
  mainRuns.push(await processorRun(buses.get(sweepClient)!, `main-${sweepClient}-r${r}`));
}
console.error('plain loop and processor rounds done');
const median = (runs: RunResult[]): RunResult =>
  [...runs].sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)]!;
const plain = median(plainRuns);
const byClient = new Map<KafkaClient, RunResult>([[sweepClient, median(mainRuns)]]);
for (const client of KAFKA_CLIENTS)
  if (client !== sweepClient)
    byClient.set(client, await processorRun(buses.get(client)!, `main-${client}`));
const sweepBus = buses.get(sweepClient)!;
const sweep = new Map<number, RunResult>([[3, byClient.get(sweepClient)!]]);
for (const n of [1, 10]) sweep.set(n, await processorRun(sweepBus, `n${n}`, n));

const line = (label: string, r: RunResult) =>
  `  ${label.padEnd(44)}: ${fmt(r.rate).padStart(6)} events/s   ` +
  `${r.cpuUs.toFixed(0).padStart(4)} µs CPU/event   ` +
  `${((r.rate / plain.rate) * 100).toFixed(0).padStart(3)} % of plain`;
console.log(
  `processor bench: ${fmt(EVENTS)} events, ${availableParallelism()} cores (shared); timed from each loop's first batch`,
);
console.log(
  `  message shape: processor ${fmt(processorBytes)} B per delivery message, plain loop ${fmt(plainBytes)} B, 3 headers each`,
);
console.log(line('plain kafkajs consume → 3× produce', plain));
for (const client of KAFKA_CLIENTS)
  console.log(line(`processor, 3 integrations, ${client}`, byClient.get(client)!));
const best = byClient.get(sweepClient)!;
console.log(
  `  ratio processor (${sweepClient}) / plain kafkajs : ${(best.rate / plain.rate).toFixed(2)}×   (target ≥ 1.2×; ` +
    `medians of ${ROUNDS} alternating runs each; round by round ` +
    `${mainRuns.map((m, i) => (m.rate / plainRuns[i]!.rate).toFixed(2)).join(', ')})`,
);
console.log(`integrations sweep on ${sweepClient}:`);
for (const n of [1, 3, 10]) {
  const r = sweep.get(n)!;
  console.log(
    `  ${String(n).padStart(2)} integrations : ${fmt(r.rate).padStart(6)} events/s   ` +
      `${(1e6 / r.rate).toFixed(0).padStart(4)} µs/event   ${r.cpuUs.toFixed(0).padStart(4)} µs CPU/event`,
  );
}
const one = sweep.get(1)!;
const ten = sweep.get(10)!;
console.log(
  `  each extra integration: ${((1e6 / ten.rate - 1e6 / one.rate) / 9).toFixed(1)} µs/event ` +
    `(${((ten.cpuUs - one.cpuUs) / 9).toFixed(1)} µs CPU/event)   (target ≤ 30 µs)`,
);
console.log(
  `  RSS after the runs: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (this process: every loop, both clients, the bench)`,
);

await tracedPair(sweepBus, `Kafka (${sweepClient})`);

// The dedup record's cost (issue 19: before it, the processor fanned out every record it read):
// 3 integrations with the PostgreSQL record against a record that has seen nothing and keeps
// nothing, alternately, when TEST_DATABASE_URL is set (the runs above use the in-memory record).
if (testServices.databaseUrl) {
  const database = await openDatabase({ url: testServices.databaseUrl });
  await database.migrate();
  const none: SeenStore = {
    seenAmong: async () => new Set(),
    remember: async () => undefined,
    prune: async () => 0,
  };
  const runs = Number(process.env.BENCH_DEDUP_RUNS ?? 3);
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Every run reads the same events: the record starts each run without this bench's rows.
    await database.db.execute(sql`delete from processor_seen where source like 'pip_bench/%'`);
    const pg = await processorRun(
      sweepBus,
      `dedup-pg-${i}`,
      3,
      undefined,
      drizzleSeenStore(database.db),
    );
    const off = await processorRun(sweepBus, `dedup-off-${i}`, 3, undefined, none);
    if (pg.delivered !== off.delivered)
      throw new Error(
        `the dedup record dropped events: ${pg.delivered} vs ${off.delivered} delivery messages`,
      );
    ratios.push(pg.rate / off.rate);
    console.log(
      `  dedup run ${i + 1}: PostgreSQL record ${fmt(pg.rate)} events/s (${pg.cpuUs.toFixed(0)} µs CPU), ` +
        `none ${fmt(off.rate)} events/s (${off.cpuUs.toFixed(0)} µs CPU)`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  console.log(
    `processor dedup record on PostgreSQL vs none (3 integrations, ${runs} alternating runs): ` +
      `costs ${(100 * (1 - median)).toFixed(1)} % of throughput (ratio ${median.toFixed(2)}, ` +
      `${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)})`,
  );
  await database.close();
}
for (const bus of buses.values()) await bus.close();
