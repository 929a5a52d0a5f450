/**
 * Test helpers shared by the bus, bridge and processor suites: the list of bus backends to
 * run on (memory always, Kafka when TEST_KAFKA_BROKERS is set), unique topic names, polling.
 */
import { silentLogger } from '../log/index.js';
import { KAFKA_CLIENTS, createBus, type KafkaClient } from '../bus/index.js';
import { createMemoryBus } from '../bus/memory.js';
import type { Bus, BusMessage } from '../bus/types.js';
import { testServices } from './config.js';

interface BusBackend {
  name: 'memory' | 'kafka';
  make: () => Bus;
}

/**
 * Backends a suite runs on; use with `describe.each(busBackends())`.
 *
 * @example describe.each(busBackends())('bridge on $name', ({ make }) => { … });
 */
export function busBackends(): BusBackend[] {
  return [
    { name: 'memory', make: () => createMemoryBus({ defaultPartitions: 3 }) },
    ...(testServices.kafkaBrokers.length > 0
      ? [
          {
            name: 'kafka' as const,
            make: () =>
              createBus({
                kafkaBrokers: testServices.kafkaBrokers,
                kafkaClient: testKafkaClient(),
                clientId: 'test',
                logger: silentLogger,
              }),
          },
        ]
      : []),
  ];
}

/** The client TEST_KAFKA_CLIENT names (undefined: the bus's default). */
export function testKafkaClient(): KafkaClient | undefined {
  const wanted = testServices.kafkaClient;
  if (wanted === undefined) return undefined;
  const known = KAFKA_CLIENTS.find((c) => c === wanted);
  if (!known) throw new Error(`TEST_KAFKA_CLIENT must be one of ${KAFKA_CLIENTS.join(', ')}`);
  return known;
}

let seq = 0;
/** A topic or group name no other test (or earlier run on the shared broker) uses. */
export function uniqueName(base: string): string {
  return `test-${base}-${process.pid}-${Date.now().toString(36)}-${seq++}`;
}

/** Poll `check` until true; throws after `timeoutMs` naming what was awaited. */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Read `topics` with a fresh consumer group until `done(messagesSoFar)` is true, then close it.
 *
 * @example const msgs = await readUntil(bus, [topic], (ms) => new Set(ms.map((m) => m.value)).size === 10);
 */
export async function readUntil(
  bus: Bus,
  topics: string[],
  done: (messages: BusMessage[]) => boolean,
  timeoutMs = 20_000,
): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  const consumer = bus.consumer({ groupId: uniqueName('reader'), topics });
  await consumer.run(async (batch) => {
    got.push(...batch.messages);
  });
  try {
    await waitFor(
      () => done(got),
      `messages on ${topics.join(',')} (have ${got.length})`,
      timeoutMs,
    );
  } finally {
    await consumer.close();
  }
  return got;
}

/**
 * Read at least `count` messages from `topics` with a fresh consumer group, then close it.
 *
 * @example const msgs = await readMessages(bus, ['delivery-tmpl_1'], 3);
 */
export async function readMessages(
  bus: Bus,
  topics: string[],
  count: number,
  timeoutMs = 20_000,
): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  const consumer = bus.consumer({ groupId: uniqueName('reader'), topics });
  await consumer.run(async (batch) => {
    got.push(...batch.messages);
  });
  try {
    await waitFor(
      () => got.length >= count,
      `${count} messages on ${topics.join(',')} (have ${got.length})`,
      timeoutMs,
    );
  } finally {
    await consumer.close();
  }
  return got;
}
