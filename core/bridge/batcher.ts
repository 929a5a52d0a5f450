/**
 * Micro-batching of produce calls. Concurrent HTTP requests for the same topic are merged
 * into one `bus.produce` while a previous send is in flight ("natural batching": no linger
 * timer, so an idle bridge adds no latency, and a busy one sends big batches). Every caller
 * gets back its own records' offsets, or the error of the send its records were in.
 */
import type { Bus, ProduceRecord, ProducedOffset } from '../bus/types.js';

export interface BatcherOptions {
  /** Most records per send (default 2000). */
  maxRecords?: number;
  /**
   * Most value+key bytes per send (default 900 KB): one send becomes one record batch per
   * partition, and the broker rejects batches above `message.max.bytes` (1 MB by default).
   */
  maxBytes?: number;
}

interface Pending {
  records: ProduceRecord[];
  bytes: number;
  resolve: (offsets: ProducedOffset[]) => void;
  reject: (error: unknown) => void;
}

interface TopicQueue {
  queue: Pending[];
  sending: boolean;
}

export interface Batcher {
  produce(topic: string, records: ProduceRecord[]): Promise<ProducedOffset[]>;
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
  const topics = new Map<string, TopicQueue>();
  const inFlight = new Set<Promise<void>>();

  function pump(topic: string, q: TopicQueue): void {
    if (q.sending || q.queue.length === 0) return;
    // Take whole requests (never split one) up to the limits; a single oversized request goes alone.
    const take: Pending[] = [];
    let records = 0;
    let bytes = 0;
    while (q.queue.length > 0) {
      const next = q.queue[0]!;
      if (take.length > 0 && (records + next.records.length > maxRecords || bytes + next.bytes > maxBytes)) break;
      take.push(q.queue.shift()!);
      records += next.records.length;
      bytes += next.bytes;
    }
    q.sending = true;
    const send = (async () => {
      try {
        const offsets = await bus.produce(topic, take.flatMap((p) => p.records));
        let at = 0;
        for (const p of take) {
          p.resolve(offsets.slice(at, at + p.records.length));
          at += p.records.length;
        }
      } catch (error) {
        for (const p of take) p.reject(error);
      } finally {
        q.sending = false;
        pump(topic, q);
      }
    })();
    inFlight.add(send);
    void send.finally(() => inFlight.delete(send));
  }

  return {
    produce(topic, records) {
      if (records.length === 0) return Promise.resolve([]);
      let q = topics.get(topic);
      if (!q) {
        q = { queue: [], sending: false };
        topics.set(topic, q);
      }
      const queue = q;
      const result = new Promise<ProducedOffset[]>((resolve, reject) => {
        queue.queue.push({ records, bytes: records.reduce((n, r) => n + sizeOf(r), 0), resolve, reject });
      });
      pump(topic, queue);
      return result;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
