/**
 * Backends the whole-stack tests run on: always the embedded defaults, plus real Kafka and
 * PostgreSQL (a fresh database per suite, dropped afterwards) when the test run has them.
 */
import postgres from 'postgres';
import { testServices } from '../../core/testkit/config.js';

interface StackBackend {
  name: string;
  /** Environment for `loadLocalConfig`, and how to clean up after the suite. */
  env(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

const embedded: StackBackend = {
  name: 'embedded defaults (in-process bus, PGlite)',
  env: async () => ({ env: {}, cleanup: async () => undefined }),
};

const real: StackBackend = {
  name: 'real Kafka and PostgreSQL',
  async env() {
    const dbName = `datafly_stack_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const sql = postgres(testServices.databaseUrl!, { max: 1, onnotice: () => undefined });
    await sql.unsafe(`CREATE DATABASE ${dbName}`);
    const url = new URL(testServices.databaseUrl!);
    url.pathname = `/${dbName}`;
    return {
      env: { KAFKA_BROKERS: testServices.kafkaBrokers.join(','), DATABASE_URL: url.toString() },
      cleanup: async () => {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await sql.end();
      },
    };
  },
};

/** @example describe.each(stackBackends())('… on $name', (backend) => { … }) */
export function stackBackends(): StackBackend[] {
  return testServices.kafkaBrokers.length > 0 && testServices.databaseUrl
    ? [embedded, real]
    : [embedded];
}
