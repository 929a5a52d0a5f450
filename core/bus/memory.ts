/**
 * The in-process bus: the local default when `KAFKA_BROKERS` is unset, and the bus most tests
 * run on. It keeps Kafka's semantics that our code relies on, so that a test on it means
 * something: topics with partitions (key hash → partition), consumer groups sharing the
 * partitions of a topic, committed offsets per group, manual commit, pause/resume, and
 * redelivery from the last commit when a member leaves (or fails a batch) without committing.
 *
 * Retention: a topic created with `retentionMs` loses older messages whether read or not, as on
 * Kafka (the live trace). With `retainConsumedMs` (the local stack sets it) every other topic loses
 * the messages that every consumer group following it has committed past, once they are that old;
 * a message no group has committed yet is kept, however old, so nothing unread is ever dropped.
 * Without it (tests) the log lives as long as the process. With `retainBytes` (the local stack
 * sets it) the whole bus holds at most that much message text (keys, values and header values, one
 * byte per character): past it the oldest messages go first, read or not, like Kafka's
 * `retention.bytes` (which counts per partition), and `onDrop` is told how many unread ones went.
 * Offsets keep counting up across drops; a consumer whose position fell below the oldest kept
 * message starts at the oldest.
 */
import { DataflyError } from '../errors/index.js';
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

interface MemoryBusOptions {
  /** Partitions of topics created implicitly by a produce or a subscription (default 1). */
  defaultPartitions?: number;
  /** Most messages handed to a handler at once (default 500). */
  maxBatchSize?: number;
  /** Broker clock (tests inject one). */
  now?: () => number;
  /** Called when a handler throws; the batch is then redelivered from the last commit. */
  onHandlerError?: (error: unknown, batch: { topic: string; partition: number }) => void;
  /** Drop messages every following group has committed past once they are this old (default: keep). */
  retainConsumedMs?: number;
  /** Most message text the bus holds, all topics (default: no bound); the oldest goes first. */
  retainBytes?: number;
  /** Told when `retainBytes` dropped messages some following group had not committed. */
  onDrop?: (drop: { topic: string; partition: number; unread: number }) => void;
}

/** One partition's log: `messages[i]` has offset `base + i`. */
interface Log {
  base: number;
  messages: BusMessage[];
  /** The text its messages hold (`sizeOf`). */
  bytes: number;
}

interface Topic {
  partitions: Log[];
  retentionMs: number | undefined;
  roundRobin: number;
}

const newLog = (): Log => ({ base: 0, messages: [], bytes: 0 });

/** A message's size for `retainBytes`: its key, value and header values, a byte per character. */
function sizeOf(m: BusMessage): number {
  let n = m.value.length + (m.key?.length ?? 0);
  for (const v of Object.values(m.headers)) n += v.length;
  return n;
}

/** Drop the first `count` messages of a log. */
function dropFront(log: Log, count: number): void {
  for (let i = 0; i < count; i++) log.bytes -= sizeOf(log.messages[i]!);
  log.messages.splice(0, count);
  log.base += count;
}
/** The next offset a partition will give. */
const endOf = (log: Log): number => log.base + log.messages.length;
/** How often, at most, a produce also drops what retention lets go. */
const PRUNE_EVERY_MS = 1_000;

interface Group {
  /** `topic:partition` → next offset to read. */
  committed: Map<string, number>;
  members: MemoryConsumer[];
}

const tp = (topic: string, partition: number): string => `${topic}:${partition}`;

/** FNV-1a over the key's UTF-16 code units: stable, cheap, well spread. */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Create an in-process bus.
 *
 * @example
 * const bus = createMemoryBus();
 * await bus.createTopics([{ topic: 'raw-events', partitions: 4 }]);
 * await bus.produce('raw-events', [{ key: 'anon-1', value: '{"type":"page"}' }]);
 */
export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  return new MemoryBus(options);
}

export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Topic>();
  readonly #groups = new Map<string, Group>();
  readonly #options: Required<
    Omit<MemoryBusOptions, 'onHandlerError' | 'retainConsumedMs' | 'retainBytes' | 'onDrop'>
  > &
    Pick<MemoryBusOptions, 'onHandlerError' | 'retainConsumedMs' | 'retainBytes' | 'onDrop'>;
  #closed = false;
  #prunedAt = 0;
  /** The text all logs hold (`retainBytes`). */
  #bytes = 0;

  constructor(options: MemoryBusOptions) {
    this.#options = {
      defaultPartitions: options.defaultPartitions ?? 1,
      maxBatchSize: options.maxBatchSize ?? 500,
      now: options.now ?? Date.now,
      onHandlerError: options.onHandlerError,
      retainConsumedMs: options.retainConsumedMs,
      retainBytes: options.retainBytes,
      onDrop: options.onDrop,
    };
    if (options.retainBytes !== undefined && !(options.retainBytes > 0))
      throw new DataflyError('invalid_request', 'retainBytes must be a positive number', {
        field: 'retainBytes',
      });
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    this.#assertOpen();
    for (const spec of specs) {
      const existing = this.#topics.get(spec.topic);
      if (existing) {
        // Like Kafka: partitions only ever grow.
        while (spec.partitions && existing.partitions.length < spec.partitions)
          existing.partitions.push(newLog());
        continue;
      }
      this.#topics.set(spec.topic, {
        partitions: Array.from(
          { length: Math.max(1, spec.partitions ?? this.#options.defaultPartitions) },
          newLog,
        ),
        retentionMs: spec.retentionMs,
        roundRobin: 0,
      });
    }
    this.#rebalanceAll();
  }

  async produce(topic: string, records: ProduceRecord[]): Promise<ProducedOffset[]> {
    this.#assertOpen();
    const t = this.#topic(topic);
    const timestamp = this.#options.now();
    const out: ProducedOffset[] = [];
    // Validate the whole request first: a produce is all-or-nothing, as one Kafka request is.
    for (const record of records) {
      if (
        record.partition !== undefined &&
        (record.partition < 0 || record.partition >= t.partitions.length)
      ) {
        throw new DataflyError(
          'not_found',
          `partition ${record.partition} does not exist in ${topic}`,
          { field: 'partition' },
        );
      }
    }
    for (const record of records) {
      const partition =
        record.partition ??
        (record.key != null
          ? keyHash(record.key) % t.partitions.length
          : t.roundRobin++ % t.partitions.length);
      const log = t.partitions[partition]!;
      const offset = String(endOf(log));
      const message: BusMessage = {
        topic,
        partition,
        offset,
        key: record.key ?? null,
        value: record.value,
        headers: { ...(record.headers ?? {}) },
        timestamp,
      };
      log.messages.push(message);
      const size = sizeOf(message);
      log.bytes += size;
      this.#bytes += size;
      out.push({ partition, offset });
    }
    if (timestamp - this.#prunedAt >= PRUNE_EVERY_MS) this.prune(timestamp);
    const budget = this.#options.retainBytes;
    if (budget !== undefined && this.#bytes > budget) this.#trimTo(budget);
    this.#wakeReaders(topic);
    return out;
  }

  /**
   * Drop what retention lets go (see the module comment); runs on produce at most once a second.
   * Answers how many messages went.
   */
  prune(now = this.#options.now()): number {
    this.#prunedAt = now;
    let dropped = 0;
    for (const [name, topic] of this.#topics) {
      const followers = [...this.#groups.values()].filter(
        (g) =>
          g.members.some((m) => m.topics.includes(name)) ||
          [...g.committed.keys()].some((k) => k.startsWith(`${name}:`)),
      );
      topic.partitions.forEach((log, partition) => {
        let limit = log.base;
        if (topic.retentionMs !== undefined)
          limit = Math.max(limit, this.#olderThan(log, now - topic.retentionMs, endOf(log)));
        const keep = this.#options.retainConsumedMs;
        if (keep !== undefined && followers.length > 0) {
          const consumed = Math.min(
            ...followers.map((g) => g.committed.get(tp(name, partition)) ?? log.base),
          );
          limit = Math.max(limit, this.#olderThan(log, now - keep, consumed));
        }
        if (limit > log.base) {
          dropped += limit - log.base;
          this.#bytes -= log.bytes;
          dropFront(log, limit - log.base);
          this.#bytes += log.bytes;
        }
      });
    }
    return dropped;
  }

  /** The bus's message text, all topics (what `retainBytes` bounds). */
  bytes(): number {
    return this.#bytes;
  }

  /** Drop the oldest messages, whichever partition holds them, until the bus holds at most `budget`. */
  #trimTo(budget: number): void {
    const unread = new Map<
      Log,
      { topic: string; partition: number; from: number; count: number }
    >();
    while (this.#bytes > budget) {
      let oldest: { log: Log; topic: string; partition: number } | undefined;
      for (const [topic, t] of this.#topics)
        t.partitions.forEach((log, partition) => {
          const first = log.messages[0];
          if (first && (!oldest || first.timestamp < oldest.log.messages[0]!.timestamp))
            oldest = { log, topic, partition };
        });
      if (!oldest) break;
      const { log } = oldest;
      // A tenth of the excess at a time (at least one message), not one splice per message.
      let count = 0;
      let freed = 0;
      const goal = Math.max(1, Math.ceil((this.#bytes - budget) / 10));
      while (count < log.messages.length && freed < goal) freed += sizeOf(log.messages[count++]!);
      const entry = unread.get(log) ?? {
        ...oldest,
        from: this.#readBy(oldest.topic, oldest.partition, log),
        count: 0,
      };
      entry.count += Math.max(0, log.base + count - Math.max(entry.from, log.base));
      entry.from = Math.max(entry.from, log.base + count);
      unread.set(log, entry);
      this.#bytes -= log.bytes;
      dropFront(log, count);
      this.#bytes += log.bytes;
    }
    for (const { topic, partition, count } of unread.values())
      if (count > 0) this.#options.onDrop?.({ topic, partition, unread: count });
  }

  /** The offset below which every group following the topic has committed (the oldest kept if none follows: all unread). */
  #readBy(topic: string, partition: number, log: Log): number {
    const followers = [...this.#groups.values()].filter(
      (g) =>
        g.members.some((m) => m.topics.includes(topic)) ||
        [...g.committed.keys()].some((k) => k.startsWith(`${topic}:`)),
    );
    if (followers.length === 0) return log.base;
    return Math.min(...followers.map((g) => g.committed.get(tp(topic, partition)) ?? log.base));
  }

  /** The first offset below `before` whose message is not older than `cutoff`. */
  #olderThan(log: Log, cutoff: number, before: number): number {
    let offset = log.base;
    while (offset < before && log.messages[offset - log.base]!.timestamp < cutoff) offset++;
    return offset;
  }

  async produceBatch(batches: TopicRecords[]): Promise<ProducedOffset[][]> {
    const out: ProducedOffset[][] = [];
    for (const b of batches) out.push(await this.produce(b.topic, b.records));
    return out;
  }

  consumer(options: ConsumerOptions): Consumer {
    this.#assertOpen();
    return new MemoryConsumer(
      this,
      options,
      this.#options.maxBatchSize,
      this.#options.onHandlerError,
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const members = [...this.#groups.values()].flatMap((g) => g.members);
    await Promise.all(members.map((m) => m.close()));
    this.#closed = true;
  }

  /** Messages of a partition from `offset` on (tests and debugging). */
  read(topic: string, partition = 0, offset = 0): BusMessage[] {
    const log = this.#topics.get(topic)?.partitions[partition];
    return log ? log.messages.slice(Math.max(0, offset - log.base)) : [];
  }

  /** Every message of a topic, all partitions (tests and debugging). */
  readAll(topic: string): BusMessage[] {
    return this.#topics.get(topic)?.partitions.flatMap((log) => log.messages) ?? [];
  }

  /** Messages held, all topics (the local stack's memory check). */
  size(): number {
    let n = 0;
    for (const t of this.#topics.values()) for (const log of t.partitions) n += log.messages.length;
    return n;
  }

  topicNames(): string[] {
    return [...this.#topics.keys()];
  }

  /** The retention a topic was created with. */
  retentionOf(topic: string): number | undefined {
    return this.#topics.get(topic)?.retentionMs;
  }

  // ---- internals used by MemoryConsumer -------------------------------------------------

  /** @internal */
  join(groupId: string, member: MemoryConsumer): void {
    const group = this.#group(groupId);
    for (const topic of member.topics) this.#topic(topic);
    group.members.push(member);
    this.#rebalance(group);
  }

  /** @internal */
  leave(groupId: string, member: MemoryConsumer): void {
    const group = this.#group(groupId);
    group.members = group.members.filter((m) => m !== member);
    member.assign([]);
    this.#rebalance(group);
  }

  /** @internal */
  committed(groupId: string, topic: string, partition: number): number | undefined {
    return this.#group(groupId).committed.get(tp(topic, partition));
  }

  /** @internal */
  commit(groupId: string, topic: string, partition: number, next: number): void {
    this.#group(groupId).committed.set(tp(topic, partition), next);
  }

  /** @internal */
  log(topic: string, partition: number): Log {
    return this.#topics.get(topic)?.partitions[partition] ?? newLog();
  }

  #topic(name: string): Topic {
    let t = this.#topics.get(name);
    if (!t) {
      t = {
        partitions: Array.from({ length: this.#options.defaultPartitions }, newLog),
        retentionMs: undefined,
        roundRobin: 0,
      };
      this.#topics.set(name, t);
      this.#rebalanceAll();
    }
    return t;
  }

  #group(groupId: string): Group {
    let g = this.#groups.get(groupId);
    if (!g) {
      g = { committed: new Map(), members: [] };
      this.#groups.set(groupId, g);
    }
    return g;
  }

  /** Range-style assignment: each subscribed partition to one member, spread evenly. */
  #rebalance(group: Group): void {
    const assignments = new Map<MemoryConsumer, { topic: string; partition: number }[]>();
    for (const m of group.members) assignments.set(m, []);
    const topics = [...new Set(group.members.flatMap((m) => m.topics))].sort();
    let i = 0;
    for (const topic of topics) {
      const subscribers = group.members.filter((m) => m.topics.includes(topic));
      const count = this.#topics.get(topic)?.partitions.length ?? 0;
      for (let p = 0; p < count; p++) {
        const member = subscribers[i++ % subscribers.length]!;
        assignments.get(member)!.push({ topic, partition: p });
      }
    }
    for (const [member, parts] of assignments) member.assign(parts);
  }

  #rebalanceAll(): void {
    for (const g of this.#groups.values()) if (g.members.length > 0) this.#rebalance(g);
  }

  /** Wake the members that read `topic`: the others have nothing new to read. */
  #wakeReaders(topic: string): void {
    for (const g of this.#groups.values())
      for (const m of g.members) if (m.topics.includes(topic)) m.wake();
  }

  #assertOpen(): void {
    if (this.#closed) throw new DataflyError('upstream_unavailable', 'the bus is closed');
  }
}

class MemoryConsumer implements Consumer {
  readonly topics: string[];
  readonly #bus: MemoryBus;
  readonly #groupId: string;
  readonly #fromBeginning: boolean;
  readonly #maxBatch: number;
  readonly #onError: MemoryBusOptions['onHandlerError'];
  /** Fetch position per assigned partition (`topic:partition` → next offset). */
  #positions = new Map<string, { topic: string; partition: number; next: number }>();
  readonly #paused = new Set<string>();
  #generation = 0;
  #running = false;
  #closing = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** Set by `wake`; a wake-up that arrives while a round is running is not lost. */
  #signalled = false;

  constructor(
    bus: MemoryBus,
    options: ConsumerOptions,
    maxBatch: number,
    onError: MemoryBusOptions['onHandlerError'],
  ) {
    this.#bus = bus;
    this.topics = [...options.topics];
    this.#groupId = options.groupId;
    this.#fromBeginning = options.fromBeginning ?? true;
    this.#maxBatch = maxBatch;
    this.#onError = onError;
  }

  async run(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    if (this.#running) throw new DataflyError('conflict', 'consumer is already running');
    this.#running = true;
    this.#bus.join(this.#groupId, this);
    this.#loop = this.#consume(handler);
  }

  async commit(topic: string, partition: number, offset: string): Promise<void> {
    // A member may only commit partitions it owns (Kafka rejects the others after a rebalance).
    if (!this.#positions.has(tp(topic, partition))) {
      throw new DataflyError(
        'conflict',
        `partition ${topic}:${partition} is not assigned to this consumer`,
      );
    }
    this.#bus.commit(this.#groupId, topic, partition, Number(offset) + 1);
  }

  pause(topics: string[]): void {
    for (const t of topics) this.#paused.add(t);
  }

  resume(topics: string[]): void {
    for (const t of topics) this.#paused.delete(t);
    this.wake();
  }

  async close(): Promise<void> {
    if (this.#closing) return this.#loop;
    this.#closing = true;
    this.wake();
    await this.#loop;
    if (this.#running) this.#bus.leave(this.#groupId, this);
  }

  /** @internal Called by the bus on every rebalance: positions restart from the commits. */
  assign(parts: { topic: string; partition: number }[]): void {
    this.#generation++;
    this.#positions = new Map(
      parts.map(({ topic, partition }) => [
        tp(topic, partition),
        { topic, partition, next: this.#startOffset(topic, partition) },
      ]),
    );
    this.wake();
  }

  /** @internal */
  wake(): void {
    this.#signalled = true;
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  #startOffset(topic: string, partition: number): number {
    const committed = this.#bus.committed(this.#groupId, topic, partition);
    const log = this.#bus.log(topic, partition);
    // A position retention has passed starts at the oldest message kept (Kafka's "earliest").
    if (committed !== undefined) return Math.max(committed, log.base);
    return this.#fromBeginning ? log.base : endOf(log);
  }

  async #consume(handler: (batch: MessageBatch) => Promise<void>): Promise<void> {
    while (!this.#closing) {
      this.#signalled = false;
      let didWork = false;
      for (const pos of [...this.#positions.values()]) {
        if (this.#closing) break;
        if (this.#paused.has(pos.topic)) continue;
        const log = this.#bus.log(pos.topic, pos.partition);
        if (pos.next < log.base) pos.next = log.base;
        if (pos.next >= endOf(log)) continue;
        const messages = log.messages.slice(
          pos.next - log.base,
          pos.next - log.base + this.#maxBatch,
        );
        const generation = this.#generation;
        didWork = true;
        try {
          await handler({ topic: pos.topic, partition: pos.partition, messages });
          if (generation === this.#generation) pos.next += messages.length;
        } catch (error) {
          this.#onError?.(error, { topic: pos.topic, partition: pos.partition });
          // Redeliver from the last commit, as a Kafka consumer does after a failed batch.
          if (generation === this.#generation)
            pos.next = this.#startOffset(pos.topic, pos.partition);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      if (!didWork && !this.#closing && !this.#signalled) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
      // Let other tasks (producers, timers) run between rounds.
      await new Promise((r) => setImmediate(r));
    }
  }
}
