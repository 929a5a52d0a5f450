// `npm run admin`: the Management API on PORT (default 8084).
import { createBus } from '../core/bus/index.js';
import { loadConfig } from './config.js';
import { createAdminService } from './service.js';

const config = loadConfig();
// The live debugger follows the trace topic on Kafka; without brokers it is off.
const bus =
  config.KAFKA_BROKERS.length > 0
    ? createBus({
        kafkaBrokers: config.KAFKA_BROKERS,
        kafkaClient: config.KAFKA_CLIENT,
        clientId: 'datafly-admin',
      })
    : undefined;
const service = createAdminService(config, bus ? { bus } : {});
const { url } = await service.start();
console.log(
  `admin: listening on ${url}/v1/admin (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.DATAFLY_DATA_DIR}`}, KV ${config.KV_DRIVER})`,
);

const shutdown = (): void => {
  service
    .close()
    .then(() => bus?.close())
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('admin: error while closing', e instanceof Error ? e.message : e);
        process.exit(1);
      },
    );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
