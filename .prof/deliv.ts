import { createMemoryBus } from '../core/bus/memory.js';
import { createBus } from '../core/bus/index.js';
import { deliveryRecord, orderEvent, staticConfigStore } from '../core/testkit/delivery-fixtures.js';
import { memoryLedger } from '../core/dedup/delivered.js';
import { createIntegrationWorker } from '../core/services/delivery/worker.js';
import { startVendorDouble } from '../core/doubles/index.js';
import { deliveryTopic } from '../core/topics.js';
let received = 0;
const double = await startVendorDouble({ maxRecorded: 0, onRequest: (req) => { received += Array.isArray(req.json) ? req.json.length : 1; } });
const url = `${double.url}/events`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function run(total: number, tag: string) {
  const fixture = { integrationId: `tmpl_p_${tag}_${Date.now().toString(36)}`, revisionId: 'rev', pipelineId: 'pip_1' };
  const store = staticConfigStore({ url, rate_limit_rps: 100_000, ...(process.env.BATCH ? { batch_enabled: true, batch_size: 100, batch_interval_ms: 20 } : {}) }, fixture);
  const bus = process.env.KAFKA ? createBus({ kafkaBrokers: ['127.0.0.1:9092'], clientId: 'prof' }) : createMemoryBus();
  const topic = deliveryTopic(fixture.integrationId);
  await bus.createTopics([{ topic, partitions: 1 }]);
  for (let i = 0; i < total; i += 1000)
    await bus.produce(topic, Array.from({ length: Math.min(1000, total - i) }, (_, j) => deliveryRecord(orderEvent(i + j), fixture)));
  received = 0;
  const worker = createIntegrationWorker(fixture.integrationId, { bus, config: store, ledger: memoryLedger({ keepRows: false }), maxConcurrentRequests: 16 });
  await worker.start();
  while (received === 0) await sleep(1);
  const t = performance.now(); const c = process.cpuUsage();
  while (received < total) await sleep(2);
  const u = process.cpuUsage(c);
  console.log(tag, Math.round(total / ((performance.now() - t) / 1000)), 'ev/s', ((u.user + u.system) / total).toFixed(1), 'µs');
  await worker.close(); await bus.close();
}
for (let i = 0; i < Number(process.env.N ?? 6); i++) await run(Number(process.env.TOTAL ?? 4000), 'r' + i);
await double.close?.();
process.exit(0);
