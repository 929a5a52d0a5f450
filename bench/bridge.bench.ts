// Bridge produce throughput (events/s) over HTTP beside a plain kafkajs produce loop, same run,
// same broker, same records. The bridge runs as its own process (`core/services/bridge/main.ts`) so its
// CPU and memory are measured alone; the HTTP load comes from this process.
//   npm run bench -- bridge      (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 BENCH_RECORDS=20; BENCH_PROFILE=dir
//   writes a CPU profile of the bridge process there)
// Target: bridge ≥ 70 % of the plain loop.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import {
  BROKERS,
  brokerUp,
  cpuSecondsOf,
  fmt,
  kafkaMissingMessage,
  peakRssMbOf,
  sampleEnvelope,
} from './kafka-bench-util.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 20);
const TOKEN = 'bench-bridge-token';
const TOPIC = `bench-bridge-${Date.now().toString(36)}`;

if (!(await brokerUp())) {
  console.log(kafkaMissingMessage());
  process.exit(0);
}

// Requests are prebuilt: the client's cost should not be what limits the measurement.
const bodies = Array.from({ length: 64 }, (_, b) =>
  JSON.stringify({
    records: Array.from({ length: RECORDS }, (_, i) => {
      const e = sampleEnvelope(b * RECORDS + i);
      return { key: e.anonymous_id, value: e };
    }),
  }),
);
const plainBatches = Array.from({ length: 64 }, (_, b) =>
  Array.from({ length: RECORDS }, (_, i) => {
    const e = sampleEnvelope(b * RECORDS + i);
    return { key: String(e.anonymous_id), value: JSON.stringify(e) };
  }),
);

async function runFor<T>(
  seconds: number,
  workers: number,
  one: (i: number) => Promise<T>,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      let i = w;
      while (Date.now() < until) {
        await one(i++);
        done++;
      }
    }),
  );
  return done;
}

// ---- plain kafkajs loop -----------------------------------------------------------------
const kafka = new kafkajs.Kafka({
  clientId: 'bench-plain',
  brokers: BROKERS,
  logLevel: kafkajs.logLevel.NOTHING,
});
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
await admin.disconnect();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const sendPlain = (i: number) =>
  producer.send({ topic: TOPIC, acks: -1, messages: plainBatches[i % plainBatches.length]! });
await runFor(1, CONCURRENCY, sendPlain);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const plainSends = await runFor(SECONDS, CONCURRENCY, sendPlain);
const plainSecs = (performance.now() - t0) / 1000;
const plainCpu = process.cpuUsage(cpu0);
await producer.disconnect();
const plainRate = (plainSends * RECORDS) / plainSecs;
const plainPerCore = (plainSends * RECORDS) / ((plainCpu.user + plainCpu.system) / 1e6);

// ---- the bridge over HTTP ---------------------------------------------------------------
// The bridge logs its bound port at info level; that is how the bench finds it.
const bridgeProc = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_PROFILE
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE]
      : []),
    '--import',
    'tsx',
    join(root, 'core/services/bridge/main.ts'),
  ],
  {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      BRIDGE_TOKEN: TOKEN,
      KAFKA_BROKERS: BROKERS.join(','),
      BRIDGE_TOPICS: TOPIC,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const port = await new Promise<number>((resolve, reject) => {
  let buf = '';
  bridgeProc.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    const m = /"message":"listening","port":(\d+)/.exec(buf);
    if (m) resolve(Number(m[1]));
  });
  bridgeProc.once('exit', (code) =>
    reject(new Error(`bridge exited (${code}): ${buf.slice(-500)}`)),
  );
});
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const post = (i: number) =>
  new Promise<void>((resolve, reject) => {
    const body = bodies[i % bodies.length]!;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/topics/${TOPIC}`,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/vnd.kafka.json.v2+json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`bridge answered ${res.statusCode}`)),
        );
      },
    );
    req.once('error', reject);
    req.end(body);
  });
await runFor(1, CONCURRENCY, post);
const bcpu0 = cpuSecondsOf(bridgeProc.pid!);
const t1 = performance.now();
const requests = await runFor(SECONDS, CONCURRENCY, post);
const bridgeSecs = (performance.now() - t1) / 1000;
const bridgeCpu = cpuSecondsOf(bridgeProc.pid!) - bcpu0;
const bridgeRss = peakRssMbOf(bridgeProc.pid!);
bridgeProc.kill('SIGTERM');
await new Promise((r) => bridgeProc.once('exit', r));
agent.destroy();

const bridgeRate = (requests * RECORDS) / bridgeSecs;
console.log(
  `bridge bench: ${SECONDS}s per side, ${CONCURRENCY} concurrent senders, ` +
    `${RECORDS} events per request/send, ~${Math.round(bodies[0]!.length / RECORDS)} B/event, ` +
    `${availableParallelism()} cores (shared)`,
);
console.log(
  `  plain kafkajs produce loop : ${fmt(plainRate)} events/s   (${fmt(plainPerCore)} events/s per core of client CPU)`,
);
console.log(
  `  bridge over HTTP           : ${fmt(bridgeRate)} events/s   ` +
    `(${fmt((requests * RECORDS) / bridgeCpu)} events/s per core of bridge CPU, ` +
    `peak RSS ${bridgeRss.toFixed(0)} MB)`,
);
console.log(
  `  ratio bridge / plain       : ${((bridgeRate / plainRate) * 100).toFixed(0)} %   (target ≥ 70 %)`,
);
