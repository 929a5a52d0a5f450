// Delivery throughput to a local vendor double (events/s, unbatched and batched) beside a bare
// fetch loop to the same double in the same run, then memory while the double is down with
// events flowing in (RSS over time). Uses the real Kafka broker when TEST_KAFKA_BROKERS is set
// (the in-process bus otherwise, whose log itself grows in memory).
import { DEFAULT_KAFKA_CLIENT, KAFKA_CLIENTS, createBus } from '../core/bus/index.js';
import { createMemoryBus } from '../core/bus/memory.js';
import type { Bus } from '../core/bus/types.js';
import {
  deliveryRecord,
  orderEvent,
  staticConfigStore,
} from '../core/testkit/delivery-fixtures.js';
import { memoryLedger } from '../core/dedup/delivered.js';
import { createIntegrationWorker } from '../core/services/delivery/worker.js';
import { answers, startVendorDouble } from '../core/doubles/index.js';
import { testServices } from '../core/testkit/config.js';
import { deliveryTopic } from '../core/topics.js';
import type { Tracer } from '../core/trace/tracer.js';
import { attachDebugger } from './live-util.js';

const CONCURRENCY = 16;
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

/** Bare client: CONCURRENCY loops POSTing `perRequest` events each, until `total` are sent. */
async function bareLoop(total: number, perRequest: number): Promise<number> {
  const bodies = Array.from({ length: Math.ceil(total / perRequest) }, (_, i) => {
    const events = Array.from({ length: perRequest }, (_, j) => orderEvent(i * perRequest + j));
    return perRequest === 1 ? JSON.stringify(events[0]) : JSON.stringify(events);
  });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.text();
      }
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

/** The delivery worker draining `total` pre-produced events to the double. */
async function delivery(
  total: number,
  config: Record<string, unknown>,
  tag: string,
  traced = false,
): Promise<number> {
  const fixture = {
    integrationId: `tmpl_bench_${tag}_${Date.now().toString(36)}`,
    revisionId: `rev_${tag}`,
    pipelineId: 'pip_1',
  };
  const store = staticConfigStore({ url, rate_limit_rps: 100_000, ...config }, fixture);
  const bus = makeBus();
  // "Debugger attached": every event's request, response and outcome steps built and published.
  const tracer: (Tracer & { close(): Promise<void> }) | undefined = traced
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
    ledger: memoryLedger({ keepRows: false }),
    maxConcurrentRequests: CONCURRENCY,
    ...(tracer ? { tracer } : {}),
  });
  await worker.start();
  // Timed from the first request, so the consumer-group join (seconds on Kafka) is left out.
  while (received === 0) await sleep(1);
  const start = performance.now();
  const first = received;
  while (received < total) await sleep(2);
  const rate = (total - first) / ((performance.now() - start) / 1000);
  await worker.close();
  await tracer?.close();
  await bus.close();
  return rate;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(
  `bus: ${useKafka ? 'Kafka ' + testServices.kafkaBrokers.join(',') : 'in-process'}; ${CONCURRENCY} concurrent requests`,
);

// Warm-up (JIT, keep-alive sockets).
await bareLoop(500, 1);
const single = 4_000;
const bare1 = await bareLoop(single, 1);
const del1 = await delivery(single, {}, 'single');
console.log(
  `unbatched: bare fetch loop ${fmt(bare1)} events/s, delivery ${fmt(del1)} events/s, ratio ${(del1 / bare1).toFixed(2)}`,
);
const batched = 40_000;
const bare100 = await bareLoop(batched, 100);
const del100 = await delivery(
  batched,
  { batch_enabled: true, batch_size: 100, batch_interval_ms: 20 },
  'batch',
);
console.log(
  `batched x100: bare fetch loop ${fmt(bare100)} events/s, delivery ${fmt(del100)} events/s, ratio ${(del100 / bare100).toFixed(2)}`,
);
const del1Traced = await delivery(single, {}, 'single_traced', true);
console.log(
  `unbatched, live debugger attached: delivery ${fmt(del1Traced)} events/s vs ${fmt(del1)} without (ratio ${(del1Traced / del1).toFixed(2)})`,
);
const del100Traced = await delivery(
  batched,
  { batch_enabled: true, batch_size: 100, batch_interval_ms: 20 },
  'batch_traced',
  true,
);
console.log(
  `batched x100, live debugger attached: delivery ${fmt(del100Traced)} events/s vs ${fmt(del100)} without (ratio ${(del100Traced / del100).toFixed(2)})`,
);
if (process.env.BENCH_SKIP_DOWN) process.exit(0);

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
