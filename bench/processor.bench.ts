// Processor throughput with three integrations per pipeline beside a plain kafkajs
// consume → produce loop (parse each event, write it to three topics, commit after the ack),
// same run, same broker, same pre-filled raw topic. Both run in this process, one after the
// other, each in its own consumer group.
//   npm run bench -- processor     (BENCH_EVENTS=20000)
// Target: processor ≥ 50 % of the plain loop.
// Then the processor again with a live debugger attached to the pipeline (every event traced),
// beside the untraced run. Without a broker, only the untraced/traced pair runs, on the in-process bus.
import { availableParallelism } from 'node:os';
import kafkajs from 'kafkajs';
import { createKafkaBus } from '../core/bus/kafka.js';
import { silentLogger } from '../core/log/index.js';
import { createMemoryBus } from '../core/bus/memory.js';
import type { Bus } from '../core/bus/types.js';
import { createMemoryConfigStore } from '../core/config-store/memory.js';
import { createProcessor } from '../core/services/processor/index.js';
import type { Tracer } from '../core/trace/tracer.js';
import { BROKERS, brokerUp, fmt, kafkaMissingMessage, sampleEnvelope } from './kafka-bench-util.js';
import { attachDebugger } from './live-util.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const run = Date.now().toString(36);
const RAW = `bench-proc-raw-${run}`;

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

function benchStore() {
  const store = createMemoryConfigStore();
  const tmpls = ['a', 'b', 'c'].map((x) => `bench-proc-${x}-${run}`);
  tmpls.forEach((id, i) =>
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
    integrations: tmpls.map((id, i) => ({
      id: `pi_${i}`,
      integration_id: id,
      vendor: 'webhook',
      revision_id: `rev_${i}`,
      enabled: true,
    })),
  });
  return store;
}

/** The processor over the pre-filled raw topic in a group of its own; events/s. */
async function processorRun(
  bus: Bus,
  tag: string,
  tracer?: Tracer,
): Promise<{ rate: number; delivered: number; cpu: NodeJS.CpuUsage }> {
  const processor = createProcessor({
    bus,
    store: benchStore(),
    groupId: `bench-processor-${run}-${tag}`,
    rawTopic: RAW,
    dlqTopic: `bench-proc-dlq-${run}`,
    log: silentLogger,
    ...(tracer ? { tracer } : {}),
  });
  const cpu = process.cpuUsage();
  const t = performance.now();
  await processor.start();
  await waitUntil(() => processor.stats().received >= EVENTS);
  const secs = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const delivered = processor.stats().delivered;
  await processor.close();
  return { rate: EVENTS / secs, delivered, cpu: used };
}

async function tracedPair(bus: Bus, label: string): Promise<void> {
  const plain = await processorRun(bus, 'untraced');
  const tracer = await attachDebugger(bus, 'pip_bench');
  const traced = await processorRun(bus, 'traced', tracer);
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

if (!(await brokerUp())) {
  console.log(kafkaMissingMessage());
  const bus = createMemoryBus();
  await bus.createTopics([{ topic: RAW, partitions: 3 }]);
  for (let i = 0; i < EVENTS; i += 1000) {
    await bus.produce(
      RAW,
      Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => {
        const e = sampleEnvelope(i + j);
        return { key: String(e.anonymous_id), value: JSON.stringify(e) };
      }),
    );
  }
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
const plainOut = ['a', 'b', 'c'].map((x) => `bench-proc-plain-${x}-${run}`);
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
    messages: Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => {
      const e = sampleEnvelope(i + j);
      return { key: String(e.anonymous_id), value: JSON.stringify(e) };
    }),
  });
}
await filler.disconnect();
console.error(`pre-filled ${EVENTS} events`);

// ---- plain kafkajs consume → produce loop -----------------------------------------------
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const consumer = kafka.consumer({ groupId: `bench-plain-${run}`, maxWaitTimeInMs: 100 });
await consumer.connect();
await consumer.subscribe({ topics: [RAW], fromBeginning: true });
let plainCount = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await consumer.run({
  autoCommit: false,
  eachBatch: async ({ batch }) => {
    const outputs = batch.messages.map((m) => {
      const envelope = JSON.parse(m.value!.toString()) as Record<string, unknown>;
      return { key: m.key, value: JSON.stringify({ v: 1, pipeline_id: 'pip_bench', envelope }) };
    });
    await producer.sendBatch({
      acks: -1,
      topicMessages: plainOut.map((topic) => ({ topic, messages: outputs })),
    });
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
console.error(`plain loop done`);
const plainSecs = (performance.now() - t0) / 1000;
const plainCpu = process.cpuUsage(cpu0);
await consumer.disconnect();
await producer.disconnect();

// ---- the processor ----------------------------------------------------------------------
const bus = createKafkaBus({
  brokers: BROKERS,
  clientId: 'bench-processor',
  logger: process.env.BENCH_DEBUG ? undefined : silentLogger,
  maxWaitTimeMs: 100,
});
const { rate: procRate, delivered, cpu: procCpu } = await processorRun(bus, 'main');

const plainRate = EVENTS / plainSecs;
const perCore = (n: number, cpu: NodeJS.CpuUsage) => n / ((cpu.user + cpu.system) / 1e6);
console.log(
  `processor bench: ${fmt(EVENTS)} events, 3 integrations each (${fmt(delivered)} delivery messages), ${availableParallelism()} cores (shared)`,
);
console.log(
  `  plain kafkajs consume→produce : ${fmt(plainRate)} events/s   (${fmt(perCore(EVENTS, plainCpu))} events/s per core)`,
);
console.log(
  `  processor (org layer + 3 steps + params + consent + 3× fan-out) : ${fmt(procRate)} events/s   (${fmt(perCore(EVENTS, procCpu))} events/s per core)`,
);
console.log(
  `  ratio processor / plain       : ${((procRate / plainRate) * 100).toFixed(0)} %   (target ≥ 50 %)`,
);
console.log(
  `  RSS after the run             : ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (this process: both loops, kafkajs, the bench)`,
);

await tracedPair(bus, 'Kafka');
await bus.close();
