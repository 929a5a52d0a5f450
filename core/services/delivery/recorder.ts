/**
 * Making outcomes durable: a resolution's retries go to the retry topic and its dead letters to
 * the DLQ topic and table, then its outcome rows, the delivered ids and the release of this
 * worker's claims are written in one ledger transaction (docs/delivery-guarantees.md). Each step
 * is tried until it succeeds (unless the worker is closing); only then are the messages handed to
 * the commit point, so no offset is committed before its outcome is durable.
 */
import type { Bus, BusMessage } from '../../bus/types.js';
import type { ClaimToken, DeliveryLedger, DlqRecord } from '../../dedup/delivered.js';
import { deliveryMetrics } from '../../metrics/index.js';
import { dlqTopic } from '../../topics.js';
import { traceOutcomes } from '../../trace/delivery.js';
import type { Tracer } from '../../trace/tracer.js';
import { claimTokens, type Item, type Resolution, type WorkerLog } from './outcomes.js';

/** The longest wait between tries to make an outcome durable (a database or broker back in < 10 s is used at once). */
const PERSIST_MAX_WAIT_MS = 2_000;

interface RecorderOptions {
  integrationId: string;
  bus: Bus;
  ledger: DeliveryLedger;
  retryTopic: string;
  tracer: Tracer;
  log: WorkerLog;
  /** These messages' outcomes are durable (the commit point). */
  resolved: (raws: readonly BusMessage[]) => void;
  isClosing: () => boolean;
}

/**
 * @example
 * const recorder = new OutcomeRecorder({ integrationId, bus, ledger, retryTopic, tracer, log, resolved, isClosing });
 * await recorder.finish(items, schedule(items, 'timeout', 'no answer', null, null, ctx));
 */
export class OutcomeRecorder {
  private readonly labels: { integration_id: string };
  /** Outcomes whose last try to be made durable failed, and that are waiting to try again. */
  private failing = 0;

  constructor(private readonly o: RecorderOptions) {
    this.labels = { integration_id: o.integrationId };
  }

  /**
   * Whether outcomes cannot be made durable just now (the database or the broker is away). The
   * sender starts no new request meanwhile: every answer it got then would wait unrecorded, and
   * a worker killed in that time would send it again.
   */
  get troubled(): boolean {
    return this.failing > 0;
  }

  /** Make a resolution durable (with the release of the items' claims), then release offsets. */
  async finish(items: Item[], res: Resolution): Promise<void> {
    const { integrationId } = this.o;
    await this.persist(res, claimTokens(integrationId, items));
    traceOutcomes(this.o.tracer, integrationId, items, res);
    const counts = new Map<string, number>();
    for (const r of res.rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    for (const [outcome, n] of counts) deliveryMetrics.events.inc({ ...this.labels, outcome }, n);
    for (const r of res.rows)
      if (r.outcome === 'delivered' && r.latency_ms !== null)
        deliveryMetrics.latency.observe(this.labels, r.latency_ms / 1000);
    this.o.resolved(items.map((i) => i.raw));
  }

  /** A message that is not a delivery message at all: its dead letter, then its offset. */
  async poison(raw: BusMessage, record: DlqRecord): Promise<void> {
    await this.persist({ rows: [], retries: [], dead: [record] });
    this.o.resolved([raw]);
  }

  /**
   * Retries and dead letters first, then the outcome rows with the delivered ids and the release
   * of this worker's claims in one transaction: a released claim's next try is already durable.
   * Each step is done once, whatever the step after it needs in tries.
   */
  private async persist(res: Resolution, claims: ClaimToken[] = []): Promise<void> {
    const { bus, ledger, integrationId } = this.o;
    const steps: (() => Promise<unknown>)[] = [];
    if (res.retries.length > 0) steps.push(() => bus.produce(this.o.retryTopic, res.retries));
    if (res.dead.length > 0) {
      steps.push(() =>
        bus.produce(
          dlqTopic(integrationId),
          res.dead.map((d) => ({ key: d.event_id, value: JSON.stringify(d) })),
        ),
      );
      steps.push(() => ledger.deadLetter(res.dead));
    }
    if (res.rows.length > 0 || claims.length > 0) steps.push(() => ledger.record(res.rows, claims));
    let done = 0;
    let failed = false;
    try {
      for (let wait = 250; ; wait = Math.min(wait * 2, PERSIST_MAX_WAIT_MS)) {
        try {
          for (; done < steps.length; done++) await steps[done]!();
          return;
        } catch (e) {
          if (this.o.isClosing()) throw e;
          if (!failed) this.failing++;
          failed = true;
          this.o.log('warn', 'delivery outcome not yet durable, retrying', {
            integration_id: integrationId,
            error: String(e),
          });
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    } finally {
      if (failed) this.failing--;
    }
  }
}
