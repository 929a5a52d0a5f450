/**
 * The event processor as a `{ start, close }` service: a consumer group on `raw-events` that
 * enriches and transforms each event and fans it out to `delivery-{integration_id}`.
 * Offsets are committed only after the fan-out (and any dead letters) of a batch is
 * acknowledged, so a crash redelivers instead of losing (at-least-once). A poison event goes
 * to `dlq-processor` with its reason and never stops the partition. A copy of an event already
 * fanned out from the same source within the dedup window is dropped (core/dedup/seen.ts).
 */
import { produceAll } from '../../bus/index.js';
import { createLogger, type Logger } from '../../log/index.js';
import type { Bus, BusMessage, Consumer, MessageBatch, ProduceRecord } from '../../bus/types.js';
import type { ConfigStore } from '../../config-store/types.js';
import { PROCESSOR_DLQ, RAW_EVENTS, deliveryTopic } from '../../topics.js';
import { cachedGraph } from '../../identity/cache.js';
import type { IdentityGraph } from '../../identity/types.js';
import { noTracer, type Tracer } from '../../trace/tracer.js';
import { ConfigCache } from '../../config-store/cache.js';
import {
  DEDUP_WINDOW_MS,
  memorySeenStore,
  seenId,
  type SeenKey,
  type SeenStore,
} from '../../dedup/seen.js';
import { processEvent } from './process-event.js';

export { memorySeenStore } from '../../dedup/seen.js';

interface ProcessorOptions {
  bus: Bus;
  store: ConfigStore;
  groupId?: string;
  /** Partitions for topics the processor creates (default 3). */
  partitions?: number;
  log?: Logger;
  /**
   * Partitions handled at once (default 3): while one batch waits for its fan-out to be
   * acknowledged, another is being transformed.
   */
  concurrency?: number;
  /** Source topic (default `raw-events`); tests on a shared broker use their own. */
  rawTopic?: string;
  /** Dead-letter topic (default `dlq-processor`). */
  dlqTopic?: string;
  /** Clock for dead-letter timestamps and the dedup record (tests inject one). */
  now?: () => number;
  /** Events already fanned out, per source (default: in memory, lost on restart). */
  seen?: SeenStore;
  /** How long an event id is remembered (default 24 h). */
  dedupWindowMs?: number;
  /** Live debugger steps (core/trace); default: none. */
  tracer?: Tracer;
  /** The identity graph (core/identity); absent: no identity hub. */
  identity?: IdentityGraph;
}

export interface ProcessorStats {
  received: number;
  delivered: number;
  dropped: number;
  consentDenied: number;
  deadLettered: number;
  /** Copies of an event already fanned out from the same source, dropped. */
  duplicates: number;
  batches: number;
  configReloads: number;
}

export interface Processor {
  start(): Promise<void>;
  /** Finish the batch in hand (commit included), leave the group, stop listening for config. */
  close(): Promise<void>;
  stats(): Readonly<ProcessorStats>;
}

/** The value of a message on `dlq-processor`. */
export interface ProcessorDeadLetter {
  v: 1;
  reason: string;
  integration_id?: string;
  source: { topic: string; partition: number; offset: string; key: string | null };
  failed_at: string;
  /** The original message value, unchanged (for replay). */
  value: string;
}

/** How often entries older than the dedup window are pruned. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * @example
 * const processor = createProcessor({ bus, store });
 * await processor.start();
 */
export function createProcessor(options: ProcessorOptions): Processor {
  const { bus, store } = options;
  const log = options.log ?? createLogger('processor');
  const now = options.now ?? Date.now;
  const partitions = options.partitions ?? 3;
  const rawTopic = options.rawTopic ?? RAW_EVENTS;
  const dlq = options.dlqTopic ?? PROCESSOR_DLQ;
  const cache = new ConfigCache(store);
  const tracer = options.tracer ?? noTracer;
  // A short-lived cache in front of the graph (core/identity/cache.ts), cleared on every change notification.
  const identityGraph = options.identity ? cachedGraph(options.identity) : undefined;
  const identity = identityGraph ? { graph: identityGraph, now } : undefined;
  const ensured = new Set<string>();
  const stats: ProcessorStats = {
    received: 0,
    delivered: 0,
    dropped: 0,
    consentDenied: 0,
    deadLettered: 0,
    duplicates: 0,
    batches: 0,
    configReloads: 0,
  };
  const seen = options.seen ?? memorySeenStore();
  const windowMs = options.dedupWindowMs ?? DEDUP_WINDOW_MS;
  let lastPrune = 0;
  let consumer: Consumer | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;

  async function ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !ensured.has(t));
    if (missing.length === 0) return;
    await bus.createTopics(missing.map((topic) => ({ topic, partitions })));
    for (const t of missing) ensured.add(t);
  }

  async function ensureDeliveryTopics(): Promise<void> {
    const integrations = await store.listIntegrations();
    await ensureTopics(integrations.map((i) => deliveryTopic(i.integration_id)));
  }

  const deadLetter = (m: BusMessage, reason: string, integrationId?: string): ProduceRecord => {
    const letter: ProcessorDeadLetter = {
      v: 1,
      reason,
      ...(integrationId ? { integration_id: integrationId } : {}),
      source: { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key },
      failed_at: new Date(now()).toISOString(),
      value: m.value,
    };
    return {
      key: m.key,
      value: JSON.stringify(letter),
      headers: { 'x-reason': reason.slice(0, 200) },
    };
  };

  async function handle(batch: MessageBatch): Promise<void> {
    const out = new Map<string, ProduceRecord[]>();
    const push = (topic: string, record: ProduceRecord): void => {
      const list = out.get(topic);
      if (list) list.push(record);
      else out.set(topic, [record]);
    };
    const counts = { delivered: 0, dropped: 0, consentDenied: 0, deadLettered: 0, duplicates: 0 };
    // A throw here (store unreachable) fails the whole batch: nothing committed, redelivered.
    const outcomes = [];
    for (const m of batch.messages) outcomes.push(await processEvent(m, cache, tracer, identity));
    const already = await seenBefore(
      outcomes.flatMap((o) => (o.kind === 'fanout' ? [o.seen] : [])),
    );
    const fresh: SeenKey[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const m = batch.messages[i]!;
      if (outcome.kind === 'fanout') {
        const id = seenId(outcome.seen);
        if (already.has(id)) {
          counts.duplicates++;
          continue;
        }
        already.add(id);
        fresh.push(outcome.seen);
      }
      if (outcome.kind === 'poison') {
        push(dlq, deadLetter(m, outcome.reason, outcome.integrationId));
        counts.deadLettered++;
        log('warn', 'event dead-lettered', {
          reason: outcome.reason,
          partition: m.partition,
          offset: m.offset,
        });
      } else if (outcome.kind === 'dropped') {
        counts.dropped++;
      } else {
        for (const d of outcome.deliveries) push(d.topic, d.record);
        for (const e of outcome.configErrors) push(dlq, deadLetter(m, e.reason, e.integrationId));
        counts.delivered += outcome.deliveries.length;
        counts.deadLettered += outcome.configErrors.length;
        counts.consentDenied += outcome.consentDenied;
      }
    }
    if (out.size > 0) {
      await ensureTopics([...out.keys()]);
      await produceAll(
        bus,
        [...out].map(([topic, records]) => ({ topic, records })),
      );
    }
    // Remembered only once fanned out: a crash before this re-sends (delivery's claims catch it), never loses.
    await rememberSeen(fresh);
    await consumer!.commit(batch.topic, batch.partition, batch.messages.at(-1)!.offset);
    stats.received += batch.messages.length;
    stats.delivered += counts.delivered;
    stats.dropped += counts.dropped;
    stats.consentDenied += counts.consentDenied;
    stats.deadLettered += counts.deadLettered;
    stats.duplicates += counts.duplicates;
    stats.batches++;
  }

  /**
   * The keys fanned out within the window. The dedup record failing open is deliberate: an
   * unreachable record lets copies through to delivery (whose claims stop them before the
   * vendor) rather than stop the pipeline.
   */
  async function seenBefore(keys: SeenKey[]): Promise<Set<string>> {
    try {
      return await seen.seenAmong(keys, now() - windowMs);
    } catch (error) {
      log('warn', 'dedup record unreachable; copies pass to delivery', {
        error: error instanceof Error ? error.message : String(error),
      });
      return new Set();
    }
  }

  async function rememberSeen(keys: SeenKey[]): Promise<void> {
    try {
      await seen.remember(keys, now());
      if (now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = now();
        await seen.prune(now() - windowMs);
      }
    } catch (error) {
      log('warn', 'dedup record not written', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    async start() {
      // Safe to call again after a failure (a dependency away): each step is done once.
      unsubscribe ??= await store.subscribe((change) => {
        cache.invalidate();
        identityGraph?.invalidate();
        stats.configReloads++;
        log('info', 'config changed; reloading', {
          kind: change.kind,
          ...(change.id ? { id: change.id } : {}),
        });
        ensureDeliveryTopics().catch((error: unknown) =>
          log('warn', 'could not create delivery topics', {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      });
      await ensureTopics([rawTopic, dlq]);
      await ensureDeliveryTopics();
      if (consumer) return;
      const c = bus.consumer({
        groupId: options.groupId ?? 'datafly-processor',
        topics: [rawTopic],
        concurrency: options.concurrency ?? 3,
      });
      consumer = c;
      try {
        await c.run(handle);
      } catch (error) {
        consumer = undefined;
        await c.close().catch(() => undefined);
        throw error;
      }
      log('info', 'consuming', { topic: rawTopic, group: options.groupId ?? 'datafly-processor' });
    },
    async close() {
      await consumer?.close();
      consumer = undefined;
      await unsubscribe?.();
      unsubscribe = undefined;
    },
    stats: () => ({ ...stats }),
  };
}
