/**
 * The Kafka adapter of the bus port — the only module that imports kafkajs (docs/style.md 8).
 * Producer: idempotent, `acks=-1` (all in-sync replicas), one request in flight per broker
 * connection (what kafkajs needs to keep idempotent sequences in order). Consumers: manual
 * commit (`autoCommit` off), `eachBatch`, pause/resume. Topics are created explicitly with
 * their retention.
 */
import kafkajs from 'kafkajs';
import type {
  Admin,
  Consumer as KafkaConsumer,
  ICustomPartitioner,
  LogEntry,
  Message,
  Producer,
} from 'kafkajs';
import { DataflyError } from '../errors/index.js';
import { chunkByTopic } from './chunks.js';
import type {
  Bus,
  BusMessage,
  Consumer,
  ConsumerOptions,
  MessageBatch,
  ProduceRecord,
  ProducedOffset,
  TopicRecords,
  TopicSpec,
} from './types.js';

const { Kafka, Partitioners, logLevel: KafkaLogLevel } = kafkajs;

export type BusLogLevel = 'error' | 'warn' | 'info' | 'debug';
/** Where the adapter's (and kafkajs') log lines go. */
export type BusLogger = (
  level: BusLogLevel,
  message: string,
  extra?: Record<string, unknown>,
) => void;

interface KafkaBusOptions {
  brokers: string[];
  clientId?: string;
  /** kafkajs log lines at this level and above are passed to `logger` (default 'warn'). */
  logLevel?: BusLogLevel;
  logger?: BusLogger;
  /** Partitions for topics created without an explicit count (default 3). */
  defaultPartitions?: number;
  /** Max bytes fetched per partition per request (default 1 MiB). */
  maxBytesPerPartition?: number;
  /**
   * How long a fetch waits on the broker for new data (default 500 ms). Short keeps idle
   * consumers quick to leave a group on close; the cost is one empty fetch per interval.
   */
  maxWaitTimeMs?: number;
  /** Most bytes per topic in one produce request before it is split (default 900 KB, under the broker's 1 MB). */
  maxRequestBytes?: number;
}

/** Writes JSON lines to stderr; the default logger. */
const stderrLogger: BusLogger = (level, message, extra) => {
  process.stderr.write(`${JSON.stringify({ level, component: 'bus', message, ...extra })}\n`);
};

const LEVELS: Record<BusLogLevel, number> = { error: 1, warn: 2, info: 4, debug: 5 };

function adaptLogger(logger: BusLogger) {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, timestamp: _ts, logger: _l, ...extra } = log;
      let ours: BusLogLevel =
        level === KafkaLogLevel.ERROR
          ? 'error'
          : level === KafkaLogLevel.WARN
            ? 'warn'
            : level === KafkaLogLevel.INFO
              ? 'info'
              : 'debug';
      // kafkajs logs every retriable broker answer ("Response Heartbeat…: rebalancing") as an
      // error and then retries it; what matters is whether the retries fail, which surfaces as
      // a thrown error.
      if (ours === 'error' && message.startsWith('Response ')) ours = 'info';
      logger(ours, message, extra);
    };
}

/**
 * Create the Kafka bus.
 *
 * @example
 * const bus = createKafkaBus({ brokers: ['127.0.0.1:9092'] });
 * await bus.createTopics([{ topic: 'raw-events', partitions: 3 }]);
 * await bus.produce('raw-events', [{ key: 'anon-1', value: '{}' }]);
 * await bus.close();
 */
export function createKafkaBus(options: KafkaBusOptions): Bus {
  return new KafkaBus(options);
}

class KafkaBus implements Bus {
  readonly #kafka: InstanceType<typeof Kafka>;
  readonly #options: KafkaBusOptions;
  readonly #partitionOf = new WeakMap<Message, number>();
  readonly #partitions = new Map<string, number>();
  #producer: Producer | undefined;
  #producerReady: Promise<Producer> | undefined;
  #admin: Promise<Admin> | undefined;
  readonly #consumers = new Set<KafkaBusConsumer>();
  #closed = false;

  constructor(options: KafkaBusOptions) {
    this.#options = options;
    const logger = options.logger ?? stderrLogger;
    this.#kafka = new Kafka({
      clientId: options.clientId ?? 'datafly',
      brokers: options.brokers,
      logLevel: LEVELS[options.logLevel ?? 'warn'],
      logCreator: adaptLogger(logger),
      // Backoff capped at 2 s: a restarted broker is used again within seconds (kafkajs grows it
      // to 30 s by default). Consumers that run out of tries restart themselves (kafkajs'
      // restartOnFailure), so an outage of any length only pauses them.
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 2_000 },
    });
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    const admin = await this.#adminClient();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions ?? this.#options.defaultPartitions ?? 3,
          replicationFactor: -1,
          configEntries:
            s.retentionMs === undefined
              ? []
              : [{ name: 'retention.ms', value: String(s.retentionMs) }],
        })),
      });
    } catch (error) {
      // Another process may have created it between listTopics and createTopics.
      if (!(error instanceof kafkajs.KafkaJSProtocolError && error.type === 'TOPIC_ALREADY_EXISTS'))
        throw asBusError(error);
    }
  }

  async produce(topic: string, records: ProduceRecord[]): Promise<ProducedOffset[]> {
    if (records.length === 0) return [];
    const [offsets] = await this.produceBatch([{ topic, records }]);
    return offsets!;
  }

  async produceBatch(batches: TopicRecords[]): Promise<ProducedOffset[][]> {
    const nonEmpty = batches.filter((b) => b.records.length > 0);
    if (nonEmpty.length === 0) return batches.map(() => []);
    const producer = await this.#producerClient();
    for (const { topic, records } of nonEmpty) {
      const explicit = records.filter((r) => r.partition !== undefined).map((r) => r.partition!);
      if (explicit.length === 0) continue;
      const count = await this.#partitionCount(topic);
      const bad = explicit.find((p) => p >= count);
      if (bad !== undefined)
        throw new DataflyError('not_found', `partition ${bad} does not exist in ${topic}`, {
          field: 'partition',
        });
    }
    const topicMessages = batches.map(({ topic, records }) => ({
      topic,
      messages: records.map((r): Message => ({
        key: r.key ?? null,
        value: r.value,
        headers: r.headers,
        ...(r.partition === undefined ? {} : { partition: r.partition }),
      })),
    }));
    // Split into requests the broker accepts (core/bus/chunks.ts), sent one after the other.
    const flat = topicMessages.flatMap(({ topic, messages }) =>
      messages.map((m) => ({ topic, m })),
    );
    const chunks = chunkByTopic(
      flat,
      (x) => x.topic,
      (x) => sizeOf(x.m),
      this.#options.maxRequestBytes,
    ).map((items) => {
      const byTopic = new Map<string, Message[]>();
      for (const { topic, m } of items) {
        const list = byTopic.get(topic);
        if (list) list.push(m);
        else byTopic.set(topic, [m]);
      }
      return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    });

    const offsets = new Map<Message, ProducedOffset>();
    for (const chunk of chunks) {
      let metadata;
      try {
        metadata = await producer.sendBatch({ topicMessages: chunk, acks: -1 });
      } catch (error) {
        throw asBusError(error);
      }
      // One base offset per topic-partition per request; records of a partition keep their order.
      const base = new Map(
        metadata.map((m) => [`${m.topicName}:${m.partition}`, BigInt(m.baseOffset ?? '0')]),
      );
      const seen = new Map<string, bigint>();
      for (const { topic, messages } of chunk) {
        for (const m of messages) {
          const partition = m.partition ?? this.#partitionOf.get(m) ?? 0;
          const k = `${topic}:${partition}`;
          const index = seen.get(k) ?? 0n;
          seen.set(k, index + 1n);
          offsets.set(m, { partition, offset: String((base.get(k) ?? 0n) + index) });
        }
      }
    }
    return topicMessages.map(({ messages }) => messages.map((m) => offsets.get(m)!));
  }

  consumer(options: ConsumerOptions): Consumer {
    const consumer = new KafkaBusConsumer(
      this.#kafka.consumer({
        groupId: options.groupId,
        allowAutoTopicCreation: false,
        maxBytesPerPartition: this.#options.maxBytesPerPartition ?? 1024 * 1024,
        maxWaitTimeInMs: this.#options.maxWaitTimeMs ?? 500,
        sessionTimeout: 10_000,
        heartbeatInterval: 1000,
        rebalanceTimeout: 20_000,
        retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2_000 },
      }),
      options,
      () => this.#consumers.delete(consumer),
    );
    this.#consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#consumers].map((c) => c.close()));
    if (this.#producerReady) await (await this.#producerReady.catch(() => undefined))?.disconnect();
    if (this.#admin) await (await this.#admin.catch(() => undefined))?.disconnect();
  }

  /** Partitions of a topic, cached (partitions only grow; a miss refreshes). */
  async #partitionCount(topic: string): Promise<number> {
    const cached = this.#partitions.get(topic);
    if (cached !== undefined) return cached;
    const admin = await this.#adminClient();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const count = topics[0]?.partitions.length ?? 0;
      this.#partitions.set(topic, count);
      return count;
    } catch (error) {
      throw asBusError(error);
    }
  }

  #producerClient(): Promise<Producer> {
    if (this.#closed)
      return Promise.reject(new DataflyError('upstream_unavailable', 'the bus is closed'));
    if (!this.#producerReady) {
      const partitionOf = this.#partitionOf;
      // The default (murmur2, Java-compatible) partitioner, remembering each message's choice so
      // that produce can answer an offset per record.
      const recording: ICustomPartitioner = () => {
        const inner = Partitioners.DefaultPartitioner();
        return (args) => {
          const p = inner(args);
          partitionOf.set(args.message, p);
          return p;
        };
      };
      const producer = this.#kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: recording,
        // A send fails within about 3 s while the broker is away, so callers (the bridge with its
        // 4 s deadline) hear of it before their clients give up.
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
      });
      this.#producer = producer;
      this.#producerReady = producer.connect().then(
        () => producer,
        (error: unknown) => {
          this.#producerReady = undefined;
          throw asBusError(error);
        },
      );
    }
    return this.#producerReady;
  }

  #adminClient(): Promise<Admin> {
    if (!this.#admin) {
      const admin = this.#kafka.admin();
      this.#admin = admin.connect().then(
        () => admin,
        (error: unknown) => {
          this.#admin = undefined;
          throw asBusError(error);
        },
      );
    }
    return this.#admin;
  }
}

class KafkaBusConsumer implements Consumer {
  readonly #consumer: KafkaConsumer;
  readonly #options: ConsumerOptions;
  readonly #onClose: () => void;
  #running = false;
  #closed = false;

  constructor(consumer: KafkaConsumer, options: ConsumerOptions, onClose: () => void) {
    this.#consumer = consumer;
    this.#options = options;
    this.#onClose = onClose;
  }

  async run(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    if (this.#running) throw new DataflyError('conflict', 'consumer is already running');
    this.#running = true;
    // kafkajs restarts a crashed consumer only for errors it calls retriable; a connection
    // refused for longer than its tries (a broker outage) ends the consumer for good. Start it
    // again every 2 s until the broker is back, so an outage of any length only pauses it.
    this.#consumer.on(this.#consumer.events.CRASH, (event) => {
      if (event.payload.restart || this.#closed) return;
      void this.#restartAfterCrash(handler);
    });
    await this.#start(handler);
  }

  async #restartAfterCrash(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    while (!this.#closed) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (this.#closed) return;
      try {
        await this.#consumer.disconnect().catch(() => undefined);
        await this.#start(handler);
        return;
      } catch {
        // still away: the next round tries again
      }
    }
  }

  async #start(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    try {
      await this.#consumer.connect();
      await this.#consumer.subscribe({
        topics: this.#options.topics,
        fromBeginning: this.#options.fromBeginning ?? true,
      });
      await this.#consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.#options.concurrency ?? 1,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const messages: BusMessage[] = batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value?.toString() ?? '',
            headers: headersOf(m.headers),
            timestamp: Number(m.timestamp),
          }));
          await handler({ topic: batch.topic, partition: batch.partition, messages });
          await heartbeat();
        },
      });
    } catch (error) {
      throw asBusError(error);
    }
  }

  async commit(topic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.#consumer.commitOffsets([
        { topic, partition, offset: (BigInt(offset) + 1n).toString() },
      ]);
    } catch (error) {
      throw asBusError(error);
    }
  }

  pause(topics: string[]): void {
    this.#consumer.pause(topics.map((topic) => ({ topic })));
  }

  resume(topics: string[]): void {
    this.#consumer.resume(topics.map((topic) => ({ topic })));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose();
    await this.#consumer.disconnect();
  }
}

function sizeOf(m: Message): number {
  let n = 70 + (typeof m.value === 'string' ? Buffer.byteLength(m.value) : (m.value?.length ?? 0));
  n += typeof m.key === 'string' ? m.key.length : (m.key?.length ?? 0);
  for (const [k, v] of Object.entries(m.headers ?? {}))
    n += k.length + (typeof v === 'string' ? Buffer.byteLength(v) : 16);
  return n;
}

function headersOf(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = (Array.isArray(v) ? v[v.length - 1] : v)?.toString() ?? '';
  }
  return out;
}

/** kafkajs errors → our taxonomy: topic problems are `not_found`, the rest `upstream_unavailable`. */
function asBusError(error: unknown): DataflyError {
  if (error instanceof DataflyError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof kafkajs.KafkaJSProtocolError &&
    error.type === 'UNKNOWN_TOPIC_OR_PARTITION'
  ) {
    return new DataflyError('not_found', message, { cause: error });
  }
  return new DataflyError('upstream_unavailable', `kafka: ${message}`, { cause: error });
}
