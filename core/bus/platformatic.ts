/**
 * The Kafka adapter of the bus port on `@platformatic/kafka` (the only module that imports it),
 * beside `kafka.ts` on kafkajs; `KAFKA_CLIENT` picks one (core/bus/index.ts, docs/design.md
 * "Kafka client"). Same behaviour as `kafka.ts`:
 * - Producer: idempotent, `acks=-1`. Partitions are chosen here with the Java client's (and
 *   kafkajs') murmur2 rule, so a key lands on the same partition whichever client wrote it, and
 *   each record's offset is its partition's base offset plus its index in the request.
 * - Consumers: manual commit only; batches per partition, in offset order, at most
 *   `concurrency` partitions at once; a batch whose handler throws is handed to the handler
 *   again (backoff up to 2 s) while the partition stays assigned; pause/resume per topic.
 * - A broker away: sends fail within about 3 s; a consumer whose fetch loop gives up starts
 *   again every 2 s (a new group member, from the committed offsets) until the broker is back,
 *   so an outage of any length only pauses it.
 */
import {
  Admin,
  Consumer as PlatformaticConsumer,
  Producer,
  findErrorBy,
  stringDeserializers,
  stringSerializers,
  type Message,
  type MessageToProduce,
  type MessagesStream,
} from '@platformatic/kafka';
import { DataflyError } from '../errors/index.js';
import { chunkByTopic } from './chunks.js';
import { murmur2 } from './murmur2.js';
import type { BusLogger, BusLogLevel } from './kafka.js';
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

interface PlatformaticBusOptions {
  brokers: string[];
  clientId?: string;
  /** Adapter log lines at this level and above are passed to `logger` (default 'warn'). */
  logLevel?: BusLogLevel;
  logger?: BusLogger;
  /** Partitions for topics created without an explicit count (default 3). */
  defaultPartitions?: number;
  /** Max bytes fetched per partition per request (default 1 MiB). */
  maxBytesPerPartition?: number;
  /** How long a fetch waits on the broker for new data (default 500 ms). */
  maxWaitTimeMs?: number;
  /** Most bytes per topic in one produce request before it is split (default 900 KB). */
  maxRequestBytes?: number;
}

type StringConsumer = PlatformaticConsumer<string, string, string, string>;
/** Values are encoded by the adapter (their size decides the request split), keys and headers by the client. */
type BusProducer = Producer<string, Buffer, string, string>;
type StringMessage = Message<string, string, string, string>;

const LEVELS: Record<BusLogLevel, number> = { error: 1, warn: 2, info: 4, debug: 5 };
const stderrLogger: BusLogger = (level, message, extra) => {
  process.stderr.write(`${JSON.stringify({ level, component: 'bus', message, ...extra })}\n`);
};

/** Backoff between tries of one request: 100 ms doubling, capped (ms). */
const backoff =
  (capMs: number) =>
  (_client: unknown, _op: string, attempt: number): number =>
    Math.min(100 * 2 ** Math.max(0, attempt - 1), capMs);

/** Messages held in memory per consumer before its fetch loop is paused. */
const MAX_BUFFERED = 4_000;
/** Murmur2 positive mask of the Java client's default partitioner. */
const POSITIVE = 0x7fffffff;
/** Partition counts are looked up again after this long (new partitions get keys). */
const PARTITIONS_TTL_MS = 60_000;

/**
 * Create the Kafka bus on @platformatic/kafka.
 *
 * @example
 * const bus = createPlatformaticBus({ brokers: ['127.0.0.1:9092'] });
 * await bus.createTopics([{ topic: 'raw-events', partitions: 3 }]);
 * await bus.produce('raw-events', [{ key: 'anon-1', value: '{}' }]);
 * await bus.close();
 */
export function createPlatformaticBus(options: PlatformaticBusOptions): Bus {
  return new PlatformaticBus(options);
}

class PlatformaticBus implements Bus {
  readonly #options: PlatformaticBusOptions;
  readonly #log: (level: BusLogLevel, message: string, extra?: Record<string, unknown>) => void;
  readonly #partitions = new Map<string, { count: number; at: number }>();
  readonly #roundRobin = new Map<string, number>();
  #producer: BusProducer | undefined;
  #admin: Admin | undefined;
  readonly #consumers = new Set<PlatformaticBusConsumer>();
  #closed = false;

  constructor(options: PlatformaticBusOptions) {
    this.#options = options;
    const logger = options.logger ?? stderrLogger;
    const threshold = LEVELS[options.logLevel ?? 'warn'];
    this.#log = (level, message, extra) => {
      if (LEVELS[level] <= threshold) logger(level, message, extra);
    };
  }

  get #base() {
    return {
      clientId: this.#options.clientId ?? 'datafly',
      bootstrapBrokers: this.#options.brokers,
      connectTimeout: 3_000,
    };
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    const admin = this.#adminClient();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      // One request per topic: the configuration entries of a request apply to all its topics.
      await Promise.all(
        missing.map(async (s) => {
          try {
            await admin.createTopics({
              topics: [s.topic],
              partitions: s.partitions ?? this.#options.defaultPartitions ?? 3,
              replicas: -1,
              configs:
                s.retentionMs === undefined
                  ? []
                  : [{ name: 'retention.ms', value: String(s.retentionMs) }],
            });
          } catch (error) {
            // Another process may have created it between listTopics and createTopics.
            if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
          }
        }),
      );
      if (missing.length > 0) await this.#waitForLeaders(missing.map((s) => s.topic));
    } catch (error) {
      throw asBusError(error);
    }
  }

  /** Until every partition of `topics` has a leader (what kafkajs' `waitForLeaders` does), at most 10 s. */
  async #waitForLeaders(topics: string[]): Promise<void> {
    const admin = this.#adminClient();
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const metadata = await admin.metadata({ topics, forceUpdate: true });
        const ready = topics.every((t) => {
          const m = metadata.topics.get(t);
          return m !== undefined && m.partitions.every((p) => p.leader >= 0);
        });
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async produce(topic: string, records: ProduceRecord[]): Promise<ProducedOffset[]> {
    if (records.length === 0) return [];
    const [offsets] = await this.produceBatch([{ topic, records }]);
    return offsets!;
  }

  async produceBatch(batches: TopicRecords[]): Promise<ProducedOffset[][]> {
    if (batches.every((b) => b.records.length === 0)) return batches.map(() => []);
    const producer = this.#producerClient();
    const counts = new Map<string, number>();
    for (const { topic, records } of batches) {
      if (records.length === 0 || counts.has(topic)) continue;
      counts.set(topic, await this.#partitionCount(producer, topic));
    }
    // Every record gets its partition here (explicit, the key's murmur2 as the Java client and
    // kafkajs compute it, or round-robin), so its offset can be answered.
    const items: {
      topic: string;
      record: ProduceRecord;
      value: Buffer;
      bytes: number;
      partition: number;
      out: ProducedOffset;
    }[] = [];
    const answers = batches.map(({ topic, records }) => {
      const count = counts.get(topic) ?? 1;
      return records.map((record) => {
        let partition: number;
        if (record.partition !== undefined) {
          if (record.partition >= count)
            throw new DataflyError(
              'not_found',
              `partition ${record.partition} does not exist in ${topic}`,
              { field: 'partition' },
            );
          partition = record.partition;
        } else if (record.key !== undefined && record.key !== null) {
          partition = (murmur2(record.key) & POSITIVE) % count;
        } else {
          const next = this.#roundRobin.get(topic) ?? 0;
          this.#roundRobin.set(topic, next + 1);
          partition = next % count;
        }
        const out: ProducedOffset = { partition, offset: '' };
        const value = Buffer.from(record.value);
        let bytes = 70 + value.length + (record.key?.length ?? 0);
        if (record.headers)
          for (const h in record.headers) bytes += h.length + record.headers[h]!.length;
        items.push({ topic, record, value, bytes, partition, out });
        return out;
      });
    });
    const chunks = chunkByTopic(
      items,
      (i) => i.topic,
      (i) => i.bytes,
      this.#options.maxRequestBytes,
    );
    for (const chunk of chunks) {
      const messages = chunk.map(
        ({
          topic,
          record,
          value,
          partition,
        }): MessageToProduce<string, Buffer, string, string> => ({
          topic,
          partition,
          ...(record.key === undefined || record.key === null ? {} : { key: record.key }),
          value,
          ...(record.headers ? { headers: record.headers } : {}),
        }),
      );
      let result;
      try {
        result = await producer.send({ messages, acks: -1 });
      } catch (error) {
        throw asBusError(error);
      }
      // One base offset per topic-partition per request; records of a partition keep their order.
      const base = new Map<string, bigint>();
      for (const o of result.offsets ?? []) base.set(`${o.topic}:${o.partition}`, o.offset);
      const index = new Map<string, bigint>();
      for (const item of chunk) {
        const k = `${item.topic}:${item.partition}`;
        const i = index.get(k) ?? 0n;
        index.set(k, i + 1n);
        item.out.offset = String((base.get(k) ?? 0n) + i);
      }
    }
    return answers;
  }

  consumer(options: ConsumerOptions): Consumer {
    const consumer = new PlatformaticBusConsumer(
      () =>
        new PlatformaticConsumer<string, string, string, string>({
          ...this.#base,
          groupId: options.groupId,
          // kafkajs' name for the round-robin assignment (both encode it the same way), so a group
          // may hold members of either client while a deployment moves from one to the other.
          protocols: [{ name: 'RoundRobinAssigner', version: 0 }],
          deserializers: stringDeserializers,
          autocommit: false,
          sessionTimeout: 10_000,
          heartbeatInterval: 1_000,
          rebalanceTimeout: 20_000,
          maxBytesPerPartition: this.#options.maxBytesPerPartition ?? 1024 * 1024,
          maxWaitTime: this.#options.maxWaitTimeMs ?? 500,
          retries: 8,
          retryDelay: backoff(2_000),
        }),
      options,
      this.#log,
      () => this.#consumers.delete(consumer),
    );
    this.#consumers.add(consumer);
    return consumer;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#consumers].map((c) => c.close()));
    await this.#producer?.close().catch(() => undefined);
    await this.#admin?.close().catch(() => undefined);
  }

  /** Partitions of a topic, cached for a minute (created on first use, as kafkajs' producer does). */
  async #partitionCount(producer: BusProducer, topic: string): Promise<number> {
    const cached = this.#partitions.get(topic);
    if (cached && Date.now() - cached.at < PARTITIONS_TTL_MS) return cached.count;
    try {
      const metadata = await producer.metadata({ topics: [topic], autocreateTopics: true });
      const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
      if (count === 0) throw new DataflyError('not_found', `topic ${topic} has no partitions`);
      this.#partitions.set(topic, { count, at: Date.now() });
      return count;
    } catch (error) {
      throw asBusError(error);
    }
  }

  #producerClient(): BusProducer {
    if (this.#closed) throw new DataflyError('upstream_unavailable', 'the bus is closed');
    // A send fails within about 3 s while the broker is away, so callers (the bridge with its
    // 4 s deadline) hear of it before their clients give up.
    this.#producer ??= new Producer<string, Buffer, string, string>({
      ...this.#base,
      serializers: { ...stringSerializers, value: (b?: Buffer) => b },
      idempotent: true,
      acks: -1,
      autocreateTopics: true,
      retries: 5,
      retryDelay: backoff(1_000),
    });
    return this.#producer;
  }

  #adminClient(): Admin {
    if (this.#closed) throw new DataflyError('upstream_unavailable', 'the bus is closed');
    this.#admin ??= new Admin({ ...this.#base, retries: 5, retryDelay: backoff(1_000) });
    return this.#admin;
  }
}

class PlatformaticBusConsumer implements Consumer {
  readonly #make: () => StringConsumer;
  readonly #options: ConsumerOptions;
  readonly #log: (level: BusLogLevel, message: string, extra?: Record<string, unknown>) => void;
  readonly #onClose: () => void;
  readonly #concurrency: number;
  #handler: ((batch: MessageBatch) => Promise<void>) | undefined;
  #client: StringConsumer | undefined;
  #stream: MessagesStream<string, string, string, string> | undefined;
  /** Bumped on every (re)start: work of an earlier member is not handed on. */
  #generation = 0;
  /** Messages received and not yet handed to the handler, per `topic:partition`. */
  readonly #queues = new Map<string, BusMessage[]>();
  /** The next offset expected per `topic:partition` (lower ones are a re-fetch: dropped). */
  readonly #next = new Map<string, bigint>();
  readonly #busy = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #paused = new Set<string>();
  readonly #epochs = new Map<string, number>();
  readonly #commits = new Map<string, Promise<void>>();
  readonly #committed = new Map<string, bigint>();
  #buffered = 0;
  #dispatchQueued = false;
  #restarting = false;
  #running = false;
  #closed = false;

  constructor(
    make: () => StringConsumer,
    options: ConsumerOptions,
    log: (level: BusLogLevel, message: string, extra?: Record<string, unknown>) => void,
    onClose: () => void,
  ) {
    this.#make = make;
    this.#options = options;
    this.#log = log;
    this.#onClose = onClose;
    this.#concurrency = Math.max(1, options.concurrency ?? 1);
  }

  async run(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    if (this.#running) throw new DataflyError('conflict', 'consumer is already running');
    this.#running = true;
    this.#handler = handler;
    try {
      await this.#start();
    } catch (error) {
      this.#running = false;
      throw asBusError(error);
    }
  }

  /** A new group member and messages stream, from the committed offsets. */
  async #start(): Promise<void> {
    const generation = ++this.#generation;
    const client = this.#make();
    // The client reports failures through its callers; an 'error' event must not end the process.
    client.on('error', () => undefined);
    client.on('consumer:group:join', () => this.#onRebalance(generation));
    this.#client = client;
    let stream;
    try {
      stream = await client.consume({
        topics: this.#options.topics,
        mode: 'committed',
        fallbackMode: this.#options.fromBeginning === false ? 'latest' : 'earliest',
        autocommit: false,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        rebalanceTimeout: 20_000,
      });
    } catch (error) {
      this.#client = undefined;
      await client.close(true).catch(() => undefined);
      throw error;
    }
    if (this.#closed || generation !== this.#generation) {
      await stream.close().catch(() => undefined);
      await client.close(true).catch(() => undefined);
      return;
    }
    this.#stream = stream;
    stream.on('data', (m: StringMessage) => this.#receive(generation, m));
    stream.on('error', (error: Error) => this.#failed(generation, error));
    stream.on('close', () => this.#failed(generation, new Error('the messages stream closed')));
    if (this.#buffered >= MAX_BUFFERED || this.#allPaused()) stream.pause();
  }

  #receive(generation: number, m: StringMessage): void {
    if (generation !== this.#generation || this.#closed) return;
    const key = `${m.topic}:${m.partition}`;
    const next = this.#next.get(key);
    if (next !== undefined && m.offset < next) return;
    this.#next.set(key, m.offset + 1n);
    this.#epochs.set(key, m.leaderEpoch);
    const headers: Record<string, string> = {};
    for (const [k, v] of m.headers) headers[k] = v ?? '';
    const message: BusMessage = {
      topic: m.topic,
      partition: m.partition,
      offset: String(m.offset),
      key: m.key ?? null,
      value: m.value ?? '',
      headers,
      timestamp: Number(m.timestamp),
    };
    const queue = this.#queues.get(key);
    if (queue) queue.push(message);
    else this.#queues.set(key, [message]);
    this.#buffered++;
    if (this.#buffered >= MAX_BUFFERED) this.#stream?.pause();
    // The records of one fetch arrive synchronously: hand them on together, as one batch.
    if (!this.#dispatchQueued) {
      this.#dispatchQueued = true;
      queueMicrotask(() => {
        this.#dispatchQueued = false;
        this.#dispatch();
      });
    }
  }

  /** The group was joined again: partitions no longer assigned are dropped (their new owner reads them). */
  #onRebalance(generation: number): void {
    if (generation !== this.#generation) return;
    const assigned = this.#assigned();
    for (const [key, queue] of this.#queues) {
      if (assigned.has(key)) continue;
      this.#buffered -= queue.length;
      this.#queues.delete(key);
      this.#next.delete(key);
    }
    for (const key of this.#next.keys()) if (!assigned.has(key)) this.#next.delete(key);
    this.#flowControl();
    this.#dispatch();
  }

  #assigned(): Set<string> {
    const out = new Set<string>();
    for (const a of this.#client?.assignments ?? [])
      for (const p of a.partitions) out.add(`${a.topic}:${p}`);
    return out;
  }

  #dispatch(): void {
    if (this.#closed || this.#restarting) return;
    for (const [key, queue] of this.#queues) {
      if (this.#busy.size >= this.#concurrency) return;
      if (queue.length === 0 || this.#busy.has(key) || this.#paused.has(queue[0]!.topic)) continue;
      this.#queues.delete(key);
      this.#busy.add(key);
      const work = this.#handle(this.#generation, key, queue);
      this.#inFlight.add(work);
      void work.finally(() => {
        this.#inFlight.delete(work);
        this.#busy.delete(key);
        this.#buffered -= queue.length;
        this.#flowControl();
        this.#dispatch();
      });
    }
  }

  /** The handler on one batch until it succeeds, or the batch is no longer this member's to handle. */
  async #handle(generation: number, key: string, messages: BusMessage[]): Promise<void> {
    const { topic, partition } = messages[0]!;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#handler!({ topic, partition, messages });
        return;
      } catch (error) {
        this.#log(attempt === 1 ? 'warn' : 'debug', 'batch handler failed; handing it on again', {
          topic,
          partition,
          offset: messages[0]!.offset,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** (attempt - 1), 2_000)));
      // Revoked, restarted or closed: the group redelivers from the last commit.
      if (this.#closed || generation !== this.#generation || !this.#assigned().has(key)) {
        this.#next.delete(key);
        return;
      }
    }
  }

  /** The fetch loop gave up (a broker away): start a new member every 2 s until one runs. */
  #failed(generation: number, error: Error): void {
    if (this.#closed || generation !== this.#generation || this.#restarting) return;
    this.#restarting = true;
    this.#log('warn', 'consumer stopped; starting it again', {
      group: this.#options.groupId,
      error: error.message,
    });
    void (async () => {
      const client = this.#client;
      const stream = this.#stream;
      this.#generation++;
      this.#stream = undefined;
      this.#client = undefined;
      await Promise.allSettled([...this.#inFlight]);
      this.#queues.clear();
      this.#next.clear();
      this.#buffered = 0;
      stream?.removeAllListeners('close');
      await stream?.close().catch(() => undefined);
      await client?.close(true).catch(() => undefined);
      while (!this.#closed) {
        await new Promise((r) => setTimeout(r, 2_000));
        if (this.#closed) break;
        try {
          await this.#start();
          break;
        } catch {
          // still away: the next round tries again
        }
      }
      this.#restarting = false;
      this.#dispatch();
    })();
  }

  #allPaused(): boolean {
    return this.#options.topics.every((t) => this.#paused.has(t));
  }

  /** Fetch while fewer than MAX_BUFFERED messages wait and some topic flows. */
  #flowControl(): void {
    const stream = this.#stream;
    if (!stream) return;
    const hold = this.#buffered >= MAX_BUFFERED || this.#allPaused();
    if (hold && !stream.isPaused()) stream.pause();
    else if (!hold && stream.isPaused()) stream.resume();
  }

  async commit(topic: string, partition: number, offset: string): Promise<void> {
    const key = `${topic}:${partition}`;
    const next = BigInt(offset) + 1n;
    // One commit at a time per partition, never moving it back: concurrent commits could land
    // out of order.
    const previous = this.#commits.get(key) ?? Promise.resolve();
    const current = previous
      .catch(() => undefined)
      .then(async () => {
        if ((this.#committed.get(key) ?? -1n) >= next) return;
        const client = this.#client;
        if (!client) throw new DataflyError('upstream_unavailable', 'kafka: consumer restarting');
        await client.commit({
          offsets: [{ topic, partition, offset: next, leaderEpoch: this.#epochs.get(key) ?? -1 }],
        });
        this.#committed.set(key, next);
      });
    this.#commits.set(key, current);
    try {
      await current;
    } catch (error) {
      throw asBusError(error);
    } finally {
      if (this.#commits.get(key) === current) this.#commits.delete(key);
    }
  }

  pause(topics: string[]): void {
    for (const t of topics) this.#paused.add(t);
    this.#flowControl();
  }

  resume(topics: string[]): void {
    for (const t of topics) this.#paused.delete(t);
    this.#flowControl();
    this.#dispatch();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose();
    // The batches in hand finish (their commits included) before the member leaves the group.
    await Promise.allSettled([...this.#inFlight]);
    await Promise.allSettled([...this.#commits.values()]);
    const stream = this.#stream;
    const client = this.#client;
    this.#stream = undefined;
    this.#client = undefined;
    stream?.removeAllListeners('close');
    await stream?.close().catch(() => undefined);
    if (!client) return;
    // Leaving the group politely takes one request; with the broker away it would retry for
    // seconds, so after 5 s the member just goes (the group drops it after its session timeout).
    let timer: NodeJS.Timeout | undefined;
    const left = await Promise.race([
      client.close().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5_000))),
    ]);
    clearTimeout(timer);
    if (!left) await client.close(true).catch(() => undefined);
  }
}

/** @platformatic/kafka errors → our taxonomy: topic problems are `not_found`, the rest `upstream_unavailable`. */
function asBusError(error: unknown): DataflyError {
  if (error instanceof DataflyError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && findErrorBy(error, 'apiId', 'UNKNOWN_TOPIC_OR_PARTITION')) {
    return new DataflyError('not_found', message, { cause: error });
  }
  return new DataflyError('upstream_unavailable', `kafka: ${message}`, { cause: error });
}
