/**
 * Flow control of one integration's worker: how many events are read and not yet resolved, and
 * whether its two consumers should read more. The main consumer pauses at the in-flight cap and
 * while a send waits for the rate limiter; the retry consumer pauses then too, and also when too
 * many scheduled retries wait in memory for their due time. Memory stays bounded under a slow or
 * absent vendor and nothing is dropped: the rest waits on the topics (docs/delivery.md).
 */
import type { Consumer } from '../../bus/types.js';
import { deliveryMetrics } from '../../metrics/index.js';

interface FlowLimits {
  integrationId: string;
  /** Events read but unresolved before both consumers pause. */
  maxInFlight: number;
  /** Scheduled retries held in memory before the retry consumer pauses. */
  maxPendingRetries: number;
}

interface Paused {
  consumer: Consumer;
  topic: string;
  paused: boolean;
}

/**
 * @example
 * const flow = new FlowControl({ integrationId, maxInFlight: 5000, maxPendingRetries: 10000 });
 * flow.attach(main, mainTopic, retry, retryTopic);
 * flow.read(); flow.update(); … flow.resolved(1, 0);
 */
export class FlowControl {
  private unresolved = 0;
  private pendingRetries = 0;
  /** Sends waiting for the rate limiter. */
  private rateWaiting = 0;
  private main: Paused | undefined;
  private retry: Paused | undefined;
  private readonly labels: { integration_id: string };

  constructor(private readonly limits: FlowLimits) {
    this.labels = { integration_id: limits.integrationId };
  }

  /** The consumers to pause and resume (none before the worker starts). */
  attach(main: Consumer, mainTopic: string, retry: Consumer, retryTopic: string): void {
    this.main = { consumer: main, topic: mainTopic, paused: false };
    this.retry = { consumer: retry, topic: retryTopic, paused: false };
  }

  /** Events read and not yet resolved. */
  get inFlight(): number {
    return this.unresolved;
  }

  /** True while the main consumer is paused. */
  get paused(): boolean {
    return this.main?.paused ?? false;
  }

  /** True while a send waits for the rate limiter. */
  get rateLimited(): boolean {
    return this.rateWaiting > 0;
  }

  /** A message was read (call `update` once the batch is in). */
  read(): void {
    this.unresolved++;
  }

  /** A message read from the retry topic waits in memory until it is resolved. */
  heldForRetry(): void {
    this.pendingRetries++;
  }

  /** The outcomes of `count` messages are durable, `fromRetryTopic` of them read from the retry topic. */
  resolved(count: number, fromRetryTopic: number): void {
    this.unresolved -= count;
    this.pendingRetries -= fromRetryTopic;
    this.update();
  }

  /** A send started waiting for the rate limiter: consumption pauses until it goes. */
  rateWaitBegan(): void {
    this.rateWaiting++;
    this.update();
  }

  rateWaitEnded(): void {
    this.rateWaiting--;
    this.update();
  }

  /** Pause or resume each consumer as the counts now say, and publish the gauges. */
  update(): void {
    const { maxInFlight, maxPendingRetries } = this.limits;
    const full = this.unresolved >= maxInFlight || this.rateWaiting > 0;
    setPaused(this.main, full);
    setPaused(this.retry, full || this.pendingRetries >= maxPendingRetries);
    deliveryMetrics.inFlight.set(this.labels, this.unresolved);
    deliveryMetrics.paused.set(this.labels, this.paused ? 1 : 0);
  }

  /**
   * Resolves once every unresolved event is one that waits on purpose (`parked`: retries not yet
   * due, events in open batches or in the rate limiter), checking every 2 ms (tests).
   */
  idle(parked: () => number): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.unresolved <= parked()) resolve();
        else setTimeout(check, 2);
      };
      check();
    });
  }
}

function setPaused(c: Paused | undefined, paused: boolean): void {
  if (!c || c.paused === paused) return;
  c.paused = paused;
  if (paused) c.consumer.pause([c.topic]);
  else c.consumer.resume([c.topic]);
}
