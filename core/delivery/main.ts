// `npm run delivery`: delivery workers for every integration in the admin database, plus the
// DLQ replay pump and Prometheus /metrics. Config from the environment (config.ts).
import { openDatabase } from '../../admin/db/client.js';
import { createDbConfigStore } from '../../admin/store/index.js';
import { createBus } from '../bus/index.js';
import { createLogger } from '../bus/log.js';
import { closeOnSignal } from '../bus/shutdown.js';
import { createBusTracer } from '../trace/tracer.js';
import { startMetricsServer } from '../metrics/index.js';
import { loadDeliveryConfig } from './config.js';
import { createDeliveryService } from './service.js';

const config = loadDeliveryConfig(process.env);
const log = createLogger('delivery', config.LOG_LEVEL);
if (config.KAFKA_BROKERS.length === 0) {
  log('warn', 'KAFKA_BROKERS is not set: using the in-process bus, which only the all-in-one start (npm start) shares with the processor');
}
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATAFLY_DATA_DIR });
await database.migrate();
const bus = createBus({ kafkaBrokers: config.KAFKA_BROKERS, clientId: 'datafly-delivery' });
// Live debugger steps for watched pipelines (off unless the admin API announces a watch).
const tracer = createBusTracer({ bus, log });
await tracer.start();
const delivery = createDeliveryService({
  bus,
  store: createDbConfigStore(database),
  database,
  log,
  tracer,
  maxInFlight: config.DELIVERY_MAX_IN_FLIGHT,
  maxConcurrentRequests: config.DELIVERY_CONCURRENCY,
  ...(config.DELIVERY_TEST_MODE ? { testMode: true } : {}),
});
await delivery.start();

const metrics = config.DELIVERY_METRICS_PORT > 0 ? await startMetricsServer(config.DELIVERY_METRICS_PORT) : undefined;
if (metrics) log('info', 'metrics listening', { port: metrics.port });

closeOnSignal(log, [() => metrics?.close(), () => delivery.close(), () => tracer.close(), () => bus.close(), () => database.close()]);
