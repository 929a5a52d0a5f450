// Processor throughput with three integrations per pipeline beside a plain kafkajs
// consume → produce loop (parse each event, write it to three topics, commit after the ack),
// same run, same broker, same pre-filled raw topic. Both run in this process, one after the
// other, each in its own consumer group.
//   npm run bench -- processor     (BENCH_EVENTS=20000)
// Target: processor ≥ 50 % of the plain loop.
import { availableParallelism } from 'node:os';
import kafkajs from 'kafkajs';
import { createKafkaBus } from '../core/bus/kafka.js';
import { silentLogger } from '../core/bus/log.js';
import { createMemoryConfigStore } from '../core/config-store/memory.js';
import { createProcessor } from '../core/processor/index.js';
import { BROKERS, brokerUp, fmt, kafkaMissingMessage, sampleEnvelope } from './kafka-bench-util.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const run = Date.now().toString(36);
const RAW = `bench-proc-raw-${run}`;

if (!(await brokerUp())) {
  console.log(kafkaMissingMessage());
  process.exit(0);
}

const kafka = new kafkajs.Kafka({ clientId: 'bench-plain', brokers: BROKERS, logLevel: kafkajs.logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
const plainOut = ['a', 'b', 'c'].map((x) => `bench-proc-plain-${x}-${run}`);
await admin.createTopics({ topics: [RAW, ...plainOut].map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
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

const waitUntil = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
};

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
    await producer.sendBatch({ acks: -1, topicMessages: plainOut.map((topic) => ({ topic, messages: outputs })) });
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }]);
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
const store = createMemoryConfigStore();
const tmpls = ['a', 'b', 'c'].map((x) => `bench-proc-${x}-${run}`);
tmpls.forEach((id, i) =>
  store.setRevision({ id: `rev_${i}`, integration_id: id, vendor: 'webhook', revision_number: 1, config: { url: 'https://hooks.example/{{pipeline_param.path}}' }, delivery_mode: 'server_side' }),
);
store.setOrgDataLayer('org_bench', { parse_user_agent: true, drop_bots: true, truncate_ip: true, pii_rules: [{ match: 'email', action: 'hash' }], renames: [] });
store.setPipeline({
  id: 'pip_bench',
  org_id: 'org_bench',
  parameters: { path: 'in' },
  transformations: [
    { op: 'filter', when: { path: 'event', equals: 'Debug' }, action: 'drop' },
    { op: 'set', path: 'properties.channel', value: 'web' },
    { op: 'rename', from: 'properties.price', to: 'properties.value' },
  ],
  integrations: tmpls.map((id, i) => ({ id: `pi_${i}`, integration_id: id, vendor: 'webhook', revision_id: `rev_${i}`, enabled: true })),
});
const bus = createKafkaBus({ brokers: BROKERS, clientId: 'bench-processor', logger: process.env.BENCH_DEBUG ? undefined : silentLogger, maxWaitTimeMs: 100 });
const processor = createProcessor({ bus, store, groupId: `bench-processor-${run}`, rawTopic: RAW, dlqTopic: `bench-proc-dlq-${run}`, log: silentLogger });
const cpu1 = process.cpuUsage();
const t1 = performance.now();
await processor.start();
await waitUntil(() => processor.stats().received >= EVENTS);
const procSecs = (performance.now() - t1) / 1000;
const procCpu = process.cpuUsage(cpu1);
const stats = processor.stats();
await processor.close();
await bus.close();

const plainRate = EVENTS / plainSecs;
const procRate = EVENTS / procSecs;
const perCore = (n: number, cpu: NodeJS.CpuUsage) => n / ((cpu.user + cpu.system) / 1e6);
console.log(`processor bench: ${fmt(EVENTS)} events, 3 integrations each (${fmt(stats.delivered)} delivery messages), ${availableParallelism()} cores (shared)`);
console.log(`  plain kafkajs consume→produce : ${fmt(plainRate)} events/s   (${fmt(perCore(EVENTS, plainCpu))} events/s per core)`);
console.log(`  processor (org layer + 3 steps + params + consent + 3× fan-out) : ${fmt(procRate)} events/s   (${fmt(perCore(EVENTS, procCpu))} events/s per core)`);
console.log(`  ratio processor / plain       : ${((procRate / plainRate) * 100).toFixed(0)} %   (target ≥ 50 %)`);
console.log(`  RSS after the run             : ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (this process: both loops, kafkajs, the bench)`);
