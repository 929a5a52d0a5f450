// `npm run db:migrate`: apply the migrations in migrations/ to the configured database.
import { loadConfig } from './config.js';
import { openDatabase } from '../core/db/client.js';

const config = loadConfig();
const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATAFLY_DATA_DIR,
  thread: config.DATAFLY_PGLITE_THREAD,
});
await database.migrate();
await database.close();
console.log(`migrations applied (${database.kind})`);
