/**
 * Which real services the test run has. `npm test` on a fresh machine runs every suite on the
 * embedded defaults (in-process bus, PGlite, Miniflare); `.ci/run` also starts a real Kafka
 * broker and uses the machine's PostgreSQL, and sets these variables so the same suites run
 * against them too (as extra backends, not as a replacement).
 */
export const testServices = {
  kafkaBrokers: process.env.TEST_KAFKA_BROKERS?.split(',').filter(Boolean) ?? [],
  /** The Kafka client the suites' Kafka backend uses (`kafkajs` or `platformatic`; default the bus's default). */
  kafkaClient: process.env.TEST_KAFKA_CLIENT || undefined,
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  /** The browser the browser tests drive (Debian's chromium; `scripts/ensure-chromium.sh`). */
  chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
} as const;
