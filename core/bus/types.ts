/**
 * The bus port: the only view of Kafka the rest of the code has (docs/design.md). Two adapters
 * implement it — `kafka.ts` (the only module that imports kafkajs) and `memory.ts` (the
 * in-process bus for the local default) — and one shared test suite runs against both.
 */

export interface ProduceRecord {
  key?: string | null;
  /** JSON text (the envelope, a delivery message…). */
  value: string;
  headers?: Record<string, string>;
  /** Explicit partition; by default the key's hash picks it (round-robin without a key). */
  partition?: number;
}

export interface TopicRecords {
  topic: string;
  records: ProduceRecord[];
}

export interface ProducedOffset {
  partition: number;
  offset: string;
}

export interface BusMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  /** Broker timestamp, ms since epoch. */
  timestamp: number;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** Retention; `dlq-delivery-*` topics keep 7 days. */
  retentionMs?: number;
}

/** A batch of messages from one partition, in offset order. */
export interface MessageBatch {
  topic: string;
  partition: number;
  messages: BusMessage[];
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** Start at the earliest offset when the group has none committed (default true). */
  fromBeginning?: boolean;
  /**
   * How many partitions' batches may be handled at once (default 1). Batches of one partition
   * are always handled in order. The in-process bus handles one batch at a time regardless.
   */
  concurrency?: number;
}

export interface Consumer {
  /**
   * Start consuming; `handler` is awaited per batch. Nothing is committed automatically: call
   * `commit` once the outcome of the messages is durable.
   */
  run(handler: (batch: MessageBatch) => Promise<void>): Promise<void>;
  /** Commit: the next message the group reads on this partition is `offset` + 1. */
  commit(topic: string, partition: number, offset: string): Promise<void>;
  pause(topics: string[]): void;
  resume(topics: string[]): void;
  close(): Promise<void>;
}

export interface Bus {
  createTopics(topics: TopicSpec[]): Promise<void>;
  produce(topic: string, records: ProduceRecord[]): Promise<ProducedOffset[]>;
  /**
   * Produce to several topics in one go (Kafka: one request per broker); answers offsets per
   * topic batch, in order. Optional: `produceAll` (core/bus/index.ts) falls back to `produce`.
   */
  produceBatch?(batches: TopicRecords[]): Promise<ProducedOffset[][]>;
  consumer(options: ConsumerOptions): Consumer;
  close(): Promise<void>;
}
