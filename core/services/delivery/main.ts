// `npm run delivery`: delivery workers for every integration in the admin database, plus the
// DLQ replay pump and Prometheus /metrics. Config from the environment (config.ts).
import { openDatabase } from '../../db/client.js';
import { databaseOptions } from '../../db/env.js';
import { drizzleDeliveryStore } from '../../db/stores/delivery.js';
import { createDbConfigStore } from '../../db/stores/config.js';
import { createBus } from '../../bus/index.js';
import { createLogger } from '../../log/index.js';
import { retryUntil } from '../../bus/retry.js';
import { closeOnSignal } from '../../bus/shutdown.js';
import { createBusTracer } from '../../trace/tracer.js';
import { startMetricsServer } from '../../metrics/index.js';
import { loadDeliveryConfig } from './config.js';
import { createDeliveryService } from './service.js';

const config = loadDeliveryConfig(process.env);
const log = createLogger('delivery', config.LOG_LEVEL);
if (config.KAFKA_BROKERS.length === 0) {
  log(
    'warn',
    'KAFKA_BROKERS is not set: using the in-process bus, which only the all-in-one start (npm start) shares with the processor',
  );
}
// Never exits for a dependency that is away: /healthz answers at once, /readyz once delivering.
let ready = false;
let stopping = false;
const metrics =
  config.DELIVERY_METRICS_PORT > 0
    ? await startMetricsServer(config.DELIVERY_METRICS_PORT, '0.0.0.0', () => ready)
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
  clientId: 'datafly-delivery',
  kafkaClient: config.KAFKA_CLIENT,
});
// Live debugger steps for watched pipelines (off unless the admin API announces a watch).
const tracer = createBusTracer({ bus, log });
const delivery = createDeliveryService({
  bus,
  store: createDbConfigStore(database),
  ledger: drizzleDeliveryStore(database.db),
  log,
  tracer,
  maxInFlight: config.DELIVERY_MAX_IN_FLIGHT,
  maxConcurrentRequests: config.DELIVERY_CONCURRENCY,
  ...(config.DELIVERY_TEST_MODE ? { testMode: true } : {}),
});
closeOnSignal(log, [
  () => {
    stopping = true;
  },
  () => metrics?.close(),
  () => delivery.close(),
  () => tracer.close(),
  () => bus.close(),
  () => database.close(),
]);
await retryUntil('starting the live trace', () => tracer.start(), { log, stopped: () => stopping });
await retryUntil('starting delivery', () => delivery.start(), { log, stopped: () => stopping });
ready = true;
