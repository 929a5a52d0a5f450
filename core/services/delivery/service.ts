/**
 * The delivery service: one process serving every integration in the config store — a worker
 * (consumer group `delivery-{integration_id}`) per integration, started and stopped as
 * integrations appear and go — plus the replay pump that re-queues DLQ entries the admin API
 * marked for replay (attempts reset).
 */
import type { Bus } from '../../bus/types.js';
import type { Logger } from '../../log/index.js';
import type { ConfigStore } from '../../config-store/types.js';
import { HEADERS, deliveryTopic } from '../../topics.js';
import { type Clock, systemClock } from '../../clock/index.js';
import { type DeliveryLedger, memoryLedger } from '../../dedup/delivered.js';
import {
  RETRY_HEADERS,
  createIntegrationWorker,
  type IntegrationWorker,
  type WorkerOptions,
} from './worker.js';

interface DeliveryServiceOptions extends Omit<WorkerOptions, 'config' | 'ledger' | 'log'> {
  bus: Bus;
  store: ConfigStore;
  /** Where outcomes, DLQ entries and counters go (the entry point passes the database's); default memory. */
  ledger?: DeliveryLedger;
  log?: Logger;
  /** How often the replay pump looks for requested replays (default 1000 ms). */
  replayPollMs?: number;
}

export interface DeliveryService {
  start(): Promise<void>;
  close(): Promise<void>;
  /** Integration id → its running worker. */
  readonly workers: ReadonlyMap<string, IntegrationWorker>;
  /** Re-queue requested replays now; returns how many. */
  replayOnce(): Promise<number>;
}

/**
 * @example
 * const delivery = createDeliveryService({ bus, store: createDbConfigStore(database), ledger: drizzleDeliveryStore(database.db) });
 * await delivery.start(); … await delivery.close();
 */
export function createDeliveryService(options: DeliveryServiceOptions): DeliveryService {
  const { bus, store } = options;
  const clock: Clock = options.clock ?? systemClock;
  const log: Logger = options.log ?? (() => undefined);
  const ledger = options.ledger ?? memoryLedger({ keepRows: false });
  const workers = new Map<string, IntegrationWorker>();
  let unsubscribe: (() => Promise<void>) | undefined;
  let stopReplay: (() => void) | undefined;
  let refreshing: Promise<void> = Promise.resolve();
  let closed = false;

  async function refresh(): Promise<void> {
    const wanted = new Set((await store.listIntegrations()).map((i) => i.integration_id));
    for (const id of wanted) {
      if (workers.has(id) || closed) continue;
      const worker = createIntegrationWorker(id, { ...options, config: store, ledger, clock, log });
      workers.set(id, worker);
      try {
        await worker.start();
      } catch (error) {
        // Kafka away: the next refresh (or start) tries this integration again.
        workers.delete(id);
        await worker.close().catch(() => undefined);
        throw error;
      }
      log('info', 'delivery worker started', { integration_id: id });
    }
    for (const [id, worker] of workers) {
      if (wanted.has(id)) continue;
      workers.delete(id);
      await worker.close();
      log('info', 'delivery worker stopped', { integration_id: id });
    }
  }
  const scheduleRefresh = (): void => {
    refreshing = refreshing
      .then(refresh)
      .catch((e: unknown) => log('error', 'refreshing integrations failed', { error: String(e) }));
  };

  async function replayOnce(): Promise<number> {
    const claimed = await ledger.claimReplays(100, clock.now());
    if (claimed.length === 0) return 0;
    const byIntegration = new Map<string, typeof claimed>();
    for (const e of claimed)
      byIntegration.set(e.integration_id, [...(byIntegration.get(e.integration_id) ?? []), e]);
    for (const [integrationId, entries] of byIntegration) {
      await bus.produce(
        deliveryTopic(integrationId),
        entries.map((e) => ({
          key: e.event_id,
          value: e.message,
          headers: {
            [HEADERS.pipelineId]: e.pipeline_id,
            [HEADERS.revisionId]: e.revision_id,
            [HEADERS.attempt]: '1',
            [RETRY_HEADERS.replayOf]: e.id,
          },
        })),
      );
      await ledger.markReplayed(
        entries.map((e) => e.id),
        clock.now(),
      );
    }
    log('info', 'replayed dead-lettered events', { count: claimed.length });
    return claimed.length;
  }

  function pumpReplays(): void {
    const every = options.replayPollMs ?? 1_000;
    let cancel = clock.setTimer(function tick() {
      replayOnce()
        .catch((e: unknown) => log('warn', 'replay pump failed', { error: String(e) }))
        .finally(() => {
          if (!closed) cancel = clock.setTimer(tick, every);
        });
    }, every);
    stopReplay = () => cancel();
  }

  return {
    workers,
    replayOnce,
    /** Safe to call again after a failure (a dependency away): each step is done once. */
    async start() {
      await refresh();
      unsubscribe ??= await store.subscribe(() => scheduleRefresh());
      if (!stopReplay) pumpReplays();
    },
    async close() {
      closed = true;
      stopReplay?.();
      await unsubscribe?.();
      await refreshing;
      await Promise.all([...workers.values()].map((w) => w.close()));
      workers.clear();
    },
  };
}
