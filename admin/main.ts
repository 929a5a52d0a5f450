// `npm run admin`: the Management API on PORT (default 8084).
import { loadConfig } from './config';
import { createAdminService } from './service';

const config = loadConfig();
const service = createAdminService(config);
const { url } = await service.start();
console.log(`admin: listening on ${url}/v1/admin (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.DATAFLY_DATA_DIR}`}, KV ${config.KV_DRIVER})`);

const shutdown = (): void => {
  service.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error('admin: error while closing', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
