// `npm run processor`: the event processor. Config from the admin database (DATABASE_URL, or
// the embedded PGlite in DATAFLY_DATA_DIR), events from Kafka (KAFKA_BROKERS).
import { openDatabase } from '../../db/client.js';
import { databaseOptions } from '../../db/env.js';
import { createDbConfigStore } from '../../db/stores/config.js';
import { drizzleIdentityGraph } from '../../db/stores/identity.js';
import { drizzleSeenStore } from '../../db/stores/seen.js';
import { createBus } from '../../bus/index.js';
import { createLogger } from '../../log/index.js';
import { retryUntil } from '../../bus/retry.js';
import { closeOnSignal } from '../../bus/shutdown.js';
import { createBusTracer } from '../../trace/tracer.js';
import { registerProcessorStats, startMetricsServer } from '../../metrics/index.js';
import { loadProcessorConfig } from './config.js';
import { createProcessor } from './index.js';

const config = loadProcessorConfig(process.env);
const log = createLogger('processor', config.LOG_LEVEL);
if (config.KAFKA_BROKERS.length === 0) {
  log(
    'warn',
    'KAFKA_BROKERS is not set: using the in-process bus, which only the all-in-one start (npm start) shares with the bridge',
  );
}
// Never exits for a dependency that is away: /healthz answers at once, /readyz once consuming.
let ready = false;
let stopping = false;
const metrics =
  config.PROCESSOR_METRICS_PORT > 0
    ? await startMetricsServer(config.PROCESSOR_METRICS_PORT, '0.0.0.0', () => ready)
    : undefined;
if (metrics) log('info', 'metrics listening', { port: metrics.port });
const database = await retryUntil(
  'opening the database',
  () => openDatabase(databaseOptions(config)),
  { log },
);
await retryUntil('migrating the database', () => database.migrate(), { log });
const bus = createBus({
  kafkaBrokers: config.KAFKA_BROKERS,
  kafkaClient: config.KAFKA_CLIENT,
  clientId: 'datafly-processor',
});
// Live debugger steps for watched pipelines (off unless the admin API announces a watch).
const tracer = createBusTracer({ bus, log });
const processor = createProcessor({
  bus,
  store: createDbConfigStore(database),
  groupId: config.PROCESSOR_GROUP_ID,
  partitions: config.DELIVERY_TOPIC_PARTITIONS,
  concurrency: config.PROCESSOR_CONCURRENCY,
  seen: drizzleSeenStore(database.db),
  identity: drizzleIdentityGraph(database.db),
  dedupWindowMs: config.PROCESSOR_DEDUP_WINDOW_HOURS * 3_600_000,
  log,
  tracer,
});
registerProcessorStats(() => processor.stats());
closeOnSignal(
  log,
  [
    () => {
      stopping = true;
    },
    () => metrics?.close(),
    () => processor.close(),
    () => tracer.close(),
    () => bus.close(),
    () => database.close(),
  ],
  () => ({ ...processor.stats() }),
);
await retryUntil('starting the live trace', () => tracer.start(), { log, stopped: () => stopping });
await retryUntil('starting the processor', () => processor.start(), {
  log,
  stopped: () => stopping,
});
ready = true;
