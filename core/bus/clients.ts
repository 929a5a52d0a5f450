/**
 * The Kafka client libraries the bus has an adapter for, and the default one (docs/design.md
 * "Kafka client"). Apart from the factory so that configuration schemas can name them without
 * loading a client.
 */
export const KAFKA_CLIENTS = ['platformatic', 'kafkajs'] as const;
export type KafkaClient = (typeof KAFKA_CLIENTS)[number];
/** Chosen by measurement (docs/backbone.md "Kafka client"). */
export const DEFAULT_KAFKA_CLIENT: KafkaClient = 'platformatic';
