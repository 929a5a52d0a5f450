/**
 * The delivery worker for one integration (template): consumes `delivery-{id}` (group
 * `delivery-{id}`) and its durable retry schedule `retry-delivery-{id}`, and owns everything
 * about sending: config + params, consent for DLQ replays (the processor decided it for the
 * rest), batching, rate limits, timeouts, per-event classification, retries, the DLQ. Each event
 * is claimed in the ledger just before it is sent (a fenced lease: a copy or a second worker does
 * not send it again) and its outcome, delivered id and claim release are recorded in one
 * transaction (docs/delivery-guarantees.md). Offsets are committed only once each event's outcome
 * (delivered, retry scheduled, dead-lettered) is durable.
 *
 * This file is the composition: the two consumers, routing a message to its batch, and the
 * wiring of the parts, each in its own module —
 *   context.ts   per-revision contexts (config, params, settings, limits, the rate limiter)
 *   batching.ts  batches per context, flushed by count, bytes or interval
 *   sender.ts    format, request slots, access token, rate limiter, claim, send, classify
 *   outcomes.ts  outcome rows, retry records and dead letters (pure)
 *   recorder.ts  outcomes made durable, then handed to the commit point
 *   commits.ts   commit watermarks per partition (offsets.ts), refused commits tried again
 *   flow.ts      in-flight counts, pausing and resuming the consumers, idle
 */
import type { Bus, BusMessage, Consumer, MessageBatch } from '../../bus/types.js';
import { type Clock, systemClock } from '../../clock/index.js';
import type { ConfigStore } from '../../config-store/types.js';
import { consentAllows } from '../../consent.js';
import type { DeliveryLedger } from '../../dedup/delivered.js';
import { groupCommits } from '../../dedup/group-commit.js';
import { DataflyError, toDataflyError } from '../../errors/index.js';
import {
  DLQ_RETENTION_MS,
  HEADERS,
  deliveryTopic,
  dlqTopic,
  retryTopic,
  DeliveryMessage,
  readDeliveryMessage,
} from '../../topics.js';
import { noTracer, type Tracer } from '../../trace/tracer.js';
import { getVendor } from '../../vendors/registry.js';
import {
  fetchTransport,
  undiciTransport,
  withoutRedirects,
  type Transport,
} from '../../vendors/transport.js';
import type { VendorDefinition } from '../../vendors/types.js';
import { Batcher } from './batching.js';
import { CommitPoint } from './commits.js';
import { DeliveryContexts, type DeliveryContext } from './context.js';
import { FlowControl } from './flow.js';
import { outcomeBuilder, RETRY_HEADERS, type Item, type WorkerLog } from './outcomes.js';
import { OutcomeRecorder } from './recorder.js';
import { Sender } from './sender.js';

export { RETRY_HEADERS, type WorkerLog };

export interface WorkerOptions {
  bus: Bus;
  config: ConfigStore;
  ledger: DeliveryLedger;
  clock?: Clock;
  /** [0, 1) — jitter source. */
  random?: () => number;
  /** Access-token requests; also the vendor requests when no `transport` is given. */
  fetch?: typeof fetch;
  /** Vendor requests (default: `undiciTransport()`, or `fetchTransport(fetch)` when `fetch` is given). */
  transport?: Transport;
  vendors?: (key: string) => VendorDefinition<unknown> | undefined;
  /** Events read but unresolved before consumption pauses (default 5000). */
  maxInFlight?: number;
  /** Scheduled retries held in memory before the retry consumer pauses (default 10000). */
  maxPendingRetries?: number;
  /** Concurrent vendor requests per integration (default 16). */
  maxConcurrentRequests?: number;
  /** Send to vendors' test endpoints (FormatContext.testMode) regardless of config. */
  testMode?: boolean;
  log?: WorkerLog;
  /** Live debugger steps (core/trace); default: none. */
  tracer?: Tracer;
}

export interface IntegrationWorker {
  readonly integrationId: string;
  start(): Promise<void>;
  /** Resolves when nothing is in flight (tests). Scheduled-but-not-due retries count as idle. */
  idle(): Promise<void>;
  close(): Promise<void>;
  /** Events read and not yet resolved. */
  readonly inFlight: number;
  /** True while consumption of `delivery-{id}` is paused (rate limit or in-flight cap). */
  readonly paused: boolean;
}

/**
 * A worker for one integration.
 *
 * @example
 * const worker = createIntegrationWorker('tmpl_1', { bus, config, ledger });
 * await worker.start();
 */
export function createIntegrationWorker(
  integrationId: string,
  options: WorkerOptions,
): IntegrationWorker {
  const { bus, config } = options;
  const ledger = groupCommits(options.ledger);
  const clock = options.clock ?? systemClock;
  const log: WorkerLog = options.log ?? (() => {});
  const tracer = options.tracer ?? noTracer;
  const mainTopic = deliveryTopic(integrationId);
  const retryT = retryTopic(integrationId);
  const groupId = `delivery-${integrationId}`;

  let main: Consumer | undefined;
  let retry: Consumer | undefined;
  let closing = false;
  let unsubscribe: (() => Promise<void>) | undefined;
  /** Retries read before they are due, each waiting on its timer. */
  const retryTimers = new Set<() => void>();
  /** Background tasks, awaited on close. */
  const work = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    const guarded = p.catch((e: unknown) =>
      log('error', 'delivery task failed', { integration_id: integrationId, error: String(e) }),
    );
    work.add(guarded);
    void guarded.finally(() => work.delete(guarded));
  };
  const isClosing = (): boolean => closing;

  // ---- the parts ------------------------------------------------------------------------

  const flow = new FlowControl({
    integrationId,
    maxInFlight: options.maxInFlight ?? 5_000,
    maxPendingRetries: options.maxPendingRetries ?? 10_000,
  });
  const commits = new CommitPoint({
    consumerFor: (topic) => (topic === retryT ? retry : main),
    resolved: (raws) => {
      let fromRetry = 0;
      for (const raw of raws) if (raw.topic === retryT) fromRetry++;
      flow.resolved(raws.length, fromRetry);
    },
    track,
    isClosing,
    log,
  });
  const outcomes = outcomeBuilder({ integrationId, clock, random: options.random ?? Math.random });
  const recorder = new OutcomeRecorder({
    integrationId,
    bus,
    ledger,
    retryTopic: retryT,
    tracer,
    log,
    resolved: (raws) => commits.resolve(raws),
    isClosing,
  });
  const sender = new Sender({
    integrationId,
    ledger,
    clock,
    fetch: withoutRedirects(options.fetch ?? fetch),
    transport:
      options.transport ?? (options.fetch ? fetchTransport(options.fetch) : undiciTransport()),
    maxConcurrent: options.maxConcurrentRequests ?? 16,
    tracer,
    log,
    outcomes,
    recorder,
    flow,
    track,
    isClosing,
  });
  const batcher = new Batcher<DeliveryContext>(clock, (ctx, items) =>
    track(sender.deliver(ctx, items)),
  );
  const contexts = new DeliveryContexts({
    integrationId,
    config,
    dailyCounts: ledger,
    clock,
    vendors: options.vendors ?? getVendor,
    testMode: options.testMode,
  });

  // ---- routing --------------------------------------------------------------------------

  /** Count a message in (offsets must be added in the order they are read). */
  function intake(raw: BusMessage): void {
    commits.read(raw);
    flow.read();
  }

  function accept(raw: BusMessage, fromRetry: boolean): void {
    const attempt = Math.max(1, Number(raw.headers[HEADERS.attempt] ?? '1') || 1);
    const firstAt = Number(raw.headers[RETRY_HEADERS.firstAt] ?? raw.timestamp) || raw.timestamp;
    let msg: DeliveryMessage;
    try {
      const value: unknown = JSON.parse(raw.value);
      // The schema's checks written out (no copy); the schema itself judges what they refuse.
      const read = readDeliveryMessage(value);
      if (read) msg = read;
      else {
        const parsed = DeliveryMessage.safeParse(value);
        if (!parsed.success)
          throw new DataflyError(
            'invalid_request',
            `bad delivery message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          );
        msg = parsed.data;
      }
    } catch (e) {
      // Not a delivery message at all: straight to the DLQ as received.
      const err = toDataflyError(e);
      track(
        recorder.poison(raw, outcomes.poisonRecord(raw, attempt, firstAt, err.code, err.message)),
      );
      return;
    }
    const item: Item = { raw, fromRetry, msg, attempt, firstAt, bytes: raw.value.length };
    const ctx = contexts.built(msg);
    if (ctx) route(item, ctx);
    else track(routeOnceBuilt(item));
  }

  /** An event whose context is still being built: to its batch once it is. */
  async function routeOnceBuilt(item: Item): Promise<void> {
    let ctx: DeliveryContext;
    try {
      ctx = await contexts.for(item.msg);
    } catch (e) {
      const err = toDataflyError(e);
      return recorder.finish(
        [item],
        err.retryable
          ? outcomes.schedule([item], err.code, err.message, null, null, undefined)
          : outcomes.deadLetters([item], err.code, err.message, null, null, undefined),
      );
    }
    route(item, ctx);
  }

  /** An event to its context's batch, unless a replay's consent refuses it. */
  function route(item: Item, ctx: DeliveryContext): void {
    // Consent is decided once, by the processor, against this same (immutable) revision: a message
    // on the topic is one it allowed. A DLQ replay may name another revision (retargeted to the
    // pipeline's current one), so only a replay is decided again, against the revision it names.
    const replay = item.raw.headers[RETRY_HEADERS.replayOf] !== undefined;
    if (replay && !consentAllows(ctx.consent, item.msg.envelope.context?.consent)) {
      track(
        recorder.finish([item], {
          rows: [outcomes.row(item, 'consent_blocked', null, null)],
          retries: [],
          dead: [],
        }),
      );
      return;
    }
    batcher.add(ctx, item);
  }

  // ---- consumers ------------------------------------------------------------------------

  async function onMain(batch: MessageBatch): Promise<void> {
    for (const m of batch.messages) {
      intake(m);
      accept(m, false);
    }
    flow.update();
  }

  /** Retries wait in memory until due, without holding up later ones (docs/delivery.md). */
  async function onRetry(batch: MessageBatch): Promise<void> {
    for (const m of batch.messages) {
      intake(m);
      flow.heldForRetry();
      const due = Number(m.headers[HEADERS.dueAt] ?? '0') || 0;
      const wait = due - clock.now();
      if (wait <= 0) {
        accept(m, true);
        continue;
      }
      const cancel = clock.setTimer(() => {
        retryTimers.delete(cancel);
        if (!closing) accept(m, true);
      }, wait);
      retryTimers.add(cancel);
    }
    flow.update();
  }

  return {
    integrationId,
    get inFlight() {
      return flow.inFlight;
    },
    get paused() {
      return flow.paused;
    },
    async start() {
      await bus.createTopics([
        { topic: mainTopic },
        { topic: retryT },
        { topic: dlqTopic(integrationId), retentionMs: DLQ_RETENTION_MS },
      ]);
      main = bus.consumer({ groupId, topics: [mainTopic], fromBeginning: true });
      retry = bus.consumer({ groupId: `${groupId}-retry`, topics: [retryT], fromBeginning: true });
      flow.attach(main, mainTopic, retry, retryT);
      await main.run(onMain);
      await retry.run(onRetry);
      config
        .subscribe(() => {
          contexts.clear();
        })
        .then((unsub) => {
          unsubscribe = unsub;
        })
        .catch((e: unknown) => log('warn', 'config subscribe failed', { error: String(e) }));
    },
    idle() {
      // Waiting on purpose: retries not yet due, open batches, sends held by the rate limiter.
      return flow.idle(
        () => retryTimers.size + batcher.waiting + (flow.rateLimited ? sender.acquiring : 0),
      );
    },
    async close() {
      closing = true;
      contexts.close();
      main?.pause([mainTopic]);
      retry?.pause([retryT]);
      // Scheduled retries stay uncommitted on the retry topic: the next worker picks them up.
      for (const cancel of retryTimers) cancel();
      retryTimers.clear();
      batcher.flushAll();
      await Promise.allSettled([...work]);
      await Promise.all([main?.close(), retry?.close()]);
      await unsubscribe?.();
    },
  };
}
