/**
 * The bus: port, adapters, and the one factory services use to pick an adapter.
 * `KAFKA_BROKERS` set → Kafka, on the client `KAFKA_CLIENT` names; unset → the in-process bus
 * (the local default).
 */
import { DEFAULT_KAFKA_CLIENT, type KafkaClient } from './clients.js';
import { createKafkaBus, type BusLogger } from './kafka.js';
import { createMemoryBus } from './memory.js';
import { createPlatformaticBus } from './platformatic.js';
import type { Bus, ProducedOffset, TopicRecords } from './types.js';

export type * from './types.js';
export { MemoryBus } from './memory.js';
export { DEFAULT_KAFKA_CLIENT, KAFKA_CLIENTS, type KafkaClient } from './clients.js';

interface BusConfig {
  /** Broker list; empty or absent means the in-process bus. */
  kafkaBrokers?: string[] | undefined;
  /** Which Kafka client library (default DEFAULT_KAFKA_CLIENT). */
  kafkaClient?: KafkaClient | undefined;
  clientId?: string;
  logger?: BusLogger;
  /** Kafka only: how long a fetch waits on the broker for new data (default 500 ms). */
  maxWaitTimeMs?: number;
  /** In-process bus only: drop messages every following group committed once this old (core/bus/memory.ts). */
  retainConsumedMs?: number;
  /** In-process bus only: most message text held, all topics; the oldest goes first, read or not. */
  retainBytes?: number;
  /** In-process bus only: told when `retainBytes` dropped messages a group had not committed. */
  onDrop?: (drop: { topic: string; partition: number; unread: number }) => void;
}

/**
 * Choose the bus from configuration.
 *
 * @example
 * const bus = createBus({ kafkaBrokers: config.KAFKA_BROKERS, clientId: 'bridge' });
 */
export function createBus(config: BusConfig): Bus {
  if (config.kafkaBrokers && config.kafkaBrokers.length > 0) {
    const options = {
      brokers: config.kafkaBrokers,
      ...(config.clientId ? { clientId: config.clientId } : {}),
      ...(config.logger ? { logger: config.logger } : {}),
      ...(config.maxWaitTimeMs === undefined ? {} : { maxWaitTimeMs: config.maxWaitTimeMs }),
    };
    return (config.kafkaClient ?? DEFAULT_KAFKA_CLIENT) === 'kafkajs'
      ? createKafkaBus(options)
      : createPlatformaticBus(options);
  }
  return createMemoryBus({
    ...(config.retainConsumedMs === undefined ? {} : { retainConsumedMs: config.retainConsumedMs }),
    ...(config.retainBytes === undefined ? {} : { retainBytes: config.retainBytes }),
    ...(config.onDrop ? { onDrop: config.onDrop } : {}),
  });
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
