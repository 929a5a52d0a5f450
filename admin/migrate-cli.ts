// `npm run db:migrate`: apply the migrations in migrations/ to the configured database.
import { loadConfig } from './config.js';
import { openDatabase } from '../core/db/client.js';
import { databaseOptions } from '../core/db/env.js';

const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
await database.migrate();
await database.close();
console.log(`migrations applied (${database.kind})`);
