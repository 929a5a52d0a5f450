// A processor in its own process, for the test that kills one with SIGKILL mid-stream
// (processor.test.ts). Config comes as JSON in argv[2]; prints `received N` lines as it goes.
import { createBus } from '../bus/index.js';
import { silentLogger } from '../log/index.js';
import { createMemoryConfigStore } from '../config-store/memory.js';
import type { OrgDataLayer, PipelineConfig, RevisionConfig } from '../config-store/types.js';
import { createProcessor } from '../services/processor/index.js';
import { testKafkaClient } from './bus.js';

interface ChildConfig {
  brokers: string[];
  raw: string;
  dlq: string;
  group: string;
  pipeline: PipelineConfig;
  revisions: RevisionConfig[];
  layer: OrgDataLayer;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const store = createMemoryConfigStore();
for (const r of config.revisions) store.setRevision(r);
store.setOrgDataLayer(config.pipeline.org_id, config.layer);
store.setPipeline(config.pipeline);
// The same client as the test's own Kafka backend (TEST_KAFKA_CLIENT).
const bus = createBus({
  kafkaBrokers: config.brokers,
  kafkaClient: testKafkaClient(),
  clientId: 'kill-child',
  logger: silentLogger,
});
const processor = createProcessor({
  bus,
  store,
  groupId: config.group,
  rawTopic: config.raw,
  dlqTopic: config.dlq,
  log: silentLogger,
  partitions: 2,
});
await processor.start();
setInterval(() => process.stdout.write(`received ${processor.stats().received}\n`), 20);
