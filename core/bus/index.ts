/**
 * The bus: port, adapters, and the one factory services use to pick an adapter.
 * `KAFKA_BROKERS` set → Kafka; unset → the in-process bus (the local default).
 */
import { createKafkaBus, type BusLogger } from './kafka.js';
import { createMemoryBus } from './memory.js';
import type { Bus, ProducedOffset, TopicRecords } from './types.js';

export type * from './types.js';
export { MemoryBus } from './memory.js';

interface BusConfig {
  /** Broker list; empty or absent means the in-process bus. */
  kafkaBrokers?: string[] | undefined;
  clientId?: string;
  logger?: BusLogger;
  /** In-process bus only: drop messages every following group committed once this old (core/bus/memory.ts). */
  retainConsumedMs?: number;
}

/**
 * Choose the bus from configuration.
 *
 * @example
 * const bus = createBus({ kafkaBrokers: config.KAFKA_BROKERS, clientId: 'bridge' });
 */
export function createBus(config: BusConfig): Bus {
  if (config.kafkaBrokers && config.kafkaBrokers.length > 0) {
    return createKafkaBus({
      brokers: config.kafkaBrokers,
      ...(config.clientId ? { clientId: config.clientId } : {}),
      ...(config.logger ? { logger: config.logger } : {}),
    });
  }
  return createMemoryBus(
    config.retainConsumedMs === undefined ? {} : { retainConsumedMs: config.retainConsumedMs },
  );
}

/**
 * Produce to several topics, in one request where the adapter supports it.
 *
 * @example await produceAll(bus, [{ topic: 'delivery-a', records }, { topic: 'delivery-b', records }]);
 */
export async function produceAll(bus: Bus, batches: TopicRecords[]): Promise<ProducedOffset[][]> {
  if (bus.produceBatch) return bus.produceBatch(batches);
  return Promise.all(batches.map((b) => bus.produce(b.topic, b.records)));
}
