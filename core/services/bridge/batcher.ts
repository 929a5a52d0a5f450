/**
 * Micro-batching of produce calls. Concurrent HTTP requests for the same topic are merged
 * into one `bus.produce` while a previous send is in flight ("natural batching": no linger
 * timer, so an idle bridge adds no latency, and a busy one sends big batches). Every caller
 * gets back its own records' offsets, or the error of the send its records were in.
 *
 * Bounded: records waiting to be sent are capped (a full queue refuses at once with
 * `rate_limited`, so memory stays flat while the broker is away), and a call may carry a
 * deadline: records still waiting when it passes are taken out of the queue and never sent,
 * so nothing is stored after the caller was told it failed (records already in a send cannot
 * be taken back; they fail with `timeout` too and may still land).
 */
import { DataflyError } from '../../errors/index.js';
import type { Bus, ProduceRecord, ProducedOffset } from '../../bus/types.js';

interface BatcherOptions {
  /** Most records per send (default 2000). */
  maxRecords?: number;
  /**
   * Most value+key bytes per send (default 900 KB): one send becomes one record batch per
   * partition, and the broker rejects batches above `message.max.bytes` (1 MB by default).
   */
  maxBytes?: number;
  /** Most records waiting to be sent, all topics together (default 20 000). */
  maxQueuedRecords?: number;
  /** Most value+key bytes waiting to be sent (default 32 MiB). */
  maxQueuedBytes?: number;
}

interface Pending {
  records: ProduceRecord[];
  bytes: number;
  resolve: (offsets: ProducedOffset[]) => void;
  reject: (error: unknown) => void;
  /** Taken out of the queue into a send. */
  sent: boolean;
  settled: boolean;
  cancelDeadline: (() => void) | undefined;
}

interface TopicQueue {
  queue: Pending[];
  sending: boolean;
}

export interface Batcher {
  /**
   * Queue records; `deadlineMs` (from now) bounds the wait for the answer. Rejects with
   * `rate_limited` when the queue is full, `timeout` past the deadline.
   */
  produce(topic: string, records: ProduceRecord[], deadlineMs?: number): Promise<ProducedOffset[]>;
  /** Records waiting to be sent. */
  readonly queued: number;
  /** Resolves once every queued record has been sent (or failed). */
  drain(): Promise<void>;
}

const sizeOf = (r: ProduceRecord): number => r.value.length + (r.key?.length ?? 0) + 64;

/**
 * @example
 * const batcher = createBatcher(bus);
 * const offsets = await batcher.produce('raw-events', [{ key: 'a', value: '{}' }]);
 */
export function createBatcher(bus: Bus, options: BatcherOptions = {}): Batcher {
  const maxRecords = options.maxRecords ?? 2000;
  const maxBytes = options.maxBytes ?? 900 * 1024;
  const maxQueuedRecords = options.maxQueuedRecords ?? 20_000;
  const maxQueuedBytes = options.maxQueuedBytes ?? 32 * 1024 * 1024;
  const topics = new Map<string, TopicQueue>();
  const inFlight = new Set<Promise<void>>();
  let queuedRecords = 0;
  let queuedBytes = 0;

  const dequeued = (p: Pending): void => {
    queuedRecords -= p.records.length;
    queuedBytes -= p.bytes;
  };
  const settle = (
    p: Pending,
    outcome: { offsets: ProducedOffset[] } | { error: unknown },
  ): void => {
    if (p.settled) return;
    p.settled = true;
    p.cancelDeadline?.();
    if ('offsets' in outcome) p.resolve(outcome.offsets);
    else p.reject(outcome.error);
  };

  function pump(topic: string, q: TopicQueue): void {
    if (q.sending || q.queue.length === 0) return;
    // Take whole requests (never split one) up to the limits; a single oversized request goes alone.
    const take: Pending[] = [];
    let records = 0;
    let bytes = 0;
    while (q.queue.length > 0) {
      const next = q.queue[0]!;
      if (
        take.length > 0 &&
        (records + next.records.length > maxRecords || bytes + next.bytes > maxBytes)
      )
        break;
      q.queue.shift();
      dequeued(next);
      next.sent = true;
      take.push(next);
      records += next.records.length;
      bytes += next.bytes;
    }
    if (take.length === 0) return;
    q.sending = true;
    const send = (async () => {
      try {
        const offsets = await bus.produce(
          topic,
          take.flatMap((p) => p.records),
        );
        let at = 0;
        for (const p of take) {
          settle(p, { offsets: offsets.slice(at, at + p.records.length) });
          at += p.records.length;
        }
      } catch (error) {
        for (const p of take) settle(p, { error });
      } finally {
        q.sending = false;
        pump(topic, q);
      }
    })();
    inFlight.add(send);
    void send.finally(() => inFlight.delete(send));
  }

  return {
    get queued() {
      return queuedRecords;
    },
    produce(topic, records, deadlineMs) {
      if (records.length === 0) return Promise.resolve([]);
      const bytes = records.reduce((n, r) => n + sizeOf(r), 0);
      if (
        queuedRecords > 0 &&
        (queuedRecords + records.length > maxQueuedRecords || queuedBytes + bytes > maxQueuedBytes)
      ) {
        return Promise.reject(
          new DataflyError(
            'rate_limited',
            `the bridge has ${queuedRecords} records waiting for Kafka; retry later`,
          ),
        );
      }
      let q = topics.get(topic);
      if (!q) {
        q = { queue: [], sending: false };
        topics.set(topic, q);
      }
      const queue = q;
      const result = new Promise<ProducedOffset[]>((resolve, reject) => {
        const p: Pending = {
          records,
          bytes,
          resolve,
          reject,
          sent: false,
          settled: false,
          cancelDeadline: undefined,
        };
        queue.queue.push(p);
        queuedRecords += records.length;
        queuedBytes += bytes;
        if (deadlineMs !== undefined) {
          const timer = setTimeout(() => {
            if (!p.sent) {
              // Never sent: out of the queue, so the failure the caller hears is the whole truth.
              queue.queue.splice(queue.queue.indexOf(p), 1);
              dequeued(p);
            }
            settle(p, {
              error: new DataflyError(
                'timeout',
                `Kafka did not acknowledge within ${deadlineMs} ms`,
              ),
            });
          }, deadlineMs);
          p.cancelDeadline = () => clearTimeout(timer);
        }
      });
      pump(topic, queue);
      return result;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
