// `npm run processor`: the event processor. Config from the admin database (DATABASE_URL, or
// the embedded PGlite in DATAFLY_DATA_DIR), events from Kafka (KAFKA_BROKERS).
import { openDatabase } from '../../admin/db/client.js';
import { createDbConfigStore } from '../../admin/store/index.js';
import { createBus } from '../bus/index.js';
import { createLogger } from '../bus/log.js';
import { registerProcessorStats, startMetricsServer } from '../metrics/index.js';
import { loadProcessorConfig } from './config.js';
import { createProcessor } from './index.js';

const config = loadProcessorConfig(process.env);
const log = createLogger('processor', config.LOG_LEVEL);
if (config.KAFKA_BROKERS.length === 0) {
  log('warn', 'KAFKA_BROKERS is not set: using the in-process bus, which only the all-in-one start (npm start) shares with the bridge');
}
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATAFLY_DATA_DIR });
await database.migrate();
const bus = createBus({ kafkaBrokers: config.KAFKA_BROKERS, clientId: 'datafly-processor' });
const processor = createProcessor({
  bus,
  store: createDbConfigStore(database),
  groupId: config.PROCESSOR_GROUP_ID,
  partitions: config.DELIVERY_TOPIC_PARTITIONS,
  concurrency: config.PROCESSOR_CONCURRENCY,
  log,
});
await processor.start();
registerProcessorStats(() => processor.stats());
const metrics = config.PROCESSOR_METRICS_PORT > 0 ? await startMetricsServer(config.PROCESSOR_METRICS_PORT) : undefined;
if (metrics) log('info', 'metrics listening', { port: metrics.port });

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal, ...processor.stats() });
  (async () => {
    await metrics?.close();
    await processor.close();
    await bus.close();
    await database.close();
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      log('error', 'shutdown failed', { error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
