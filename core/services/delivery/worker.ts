/**
 * The delivery worker for one integration (template): consumes `delivery-{id}` (group
 * `delivery-{id}`) and its durable retry schedule `retry-delivery-{id}`, and owns everything
 * about sending: config + params, consent for DLQ replays (the processor decided it for the rest), batching, rate limits, timeouts, per-event
 * classification, retries, the DLQ. Each event is claimed in the ledger just before it is sent
 * (a fenced lease: a copy or a second worker does not send it again) and its outcome, delivered
 * id and claim release are recorded in one transaction (docs/delivery-guarantees.md). Offsets
 * are committed only once each event's outcome (delivered, retry scheduled, dead-lettered) is
 * durable.
 */
import type { Bus, BusMessage, Consumer, MessageBatch } from '../../bus/types.js';
import type { ConfigStore } from '../../config-store/types.js';
import { consentAllows } from '../../consent.js';
import { DataflyError, toDataflyError } from '../../errors/index.js';
import { deliveryMetrics } from '../../metrics/index.js';
import {
  DLQ_RETENTION_MS,
  HEADERS,
  deliveryTopic,
  dlqTopic,
  retryTopic,
  DeliveryMessage,
} from '../../topics.js';
import { traceExchange } from '../../trace/delivery.js';
import { noTracer, type Tracer } from '../../trace/tracer.js';
import { getVendor } from '../../vendors/registry.js';
import { sendOutbound } from '../../vendors/send.js';
import type {
  EventOutcome,
  OutboundRequest,
  VendorDefinition,
  VendorResponse,
} from '../../vendors/types.js';
import { type Clock, systemClock } from '../../clock/index.js';
import { scopedKey } from '../../event/scope.js';
import type { ClaimResult, DeliveryLedger } from '../../dedup/delivered.js';
import { DeliveryContexts, type DeliveryContext } from './context.js';
import { FlowControl } from './flow.js';
import { CommitPoint } from './commits.js';
import { OutcomeRecorder } from './recorder.js';
import {
  outcomeBuilder,
  RETRY_HEADERS,
  scopedIdOf,
  type Item,
  type Resolution,
  type WorkerLog,
} from './outcomes.js';

export { RETRY_HEADERS, type WorkerLog };
import { parseRetryAfter } from '../../vendors/retry.js';
import { DLQ_BODY_LIMIT, scrub, truncate } from '../../secrets/scrub.js';

/**
 * A claim lasts the request timeout plus this: long enough to make the outcome durable after the
 * answer, short enough that a killed worker's claims are taken over soon after.
 */
const CLAIM_GRACE_MS = 20_000;
export interface WorkerOptions {
  bus: Bus;
  config: ConfigStore;
  ledger: DeliveryLedger;
  clock?: Clock;
  /** [0, 1) — jitter source. */
  random?: () => number;
  fetch?: typeof fetch;
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

const TOKEN_MARGIN_MS = 60_000;

interface Pending {
  ctx: DeliveryContext;
  items: Item[];
  bytes: number;
  cancelTimer: (() => void) | undefined;
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
  const { bus, config, ledger } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? fetch;
  const vendors = options.vendors ?? getVendor;
  const maxConcurrent = options.maxConcurrentRequests ?? 16;
  const log: WorkerLog = options.log ?? (() => {});
  const tracer = options.tracer ?? noTracer;
  const mainTopic = deliveryTopic(integrationId);
  const retryT = retryTopic(integrationId);
  const groupId = `delivery-${integrationId}`;
  const labels = { integration_id: integrationId };

  let main: Consumer | undefined;
  let retry: Consumer | undefined;
  const flow = new FlowControl({
    integrationId,
    maxInFlight: options.maxInFlight ?? 5_000,
    maxPendingRetries: options.maxPendingRetries ?? 10_000,
  });
  const contexts = new DeliveryContexts({
    integrationId,
    config,
    dailyCounts: ledger,
    clock,
    vendors,
    testMode: options.testMode,
  });
  const pending = new Map<string, Pending>();
  const retryTimers = new Set<() => void>();
  let closing = false;
  let activeRequests = 0;
  const requestWaiters: (() => void)[] = [];
  const work = new Set<Promise<void>>();
  let unsubscribe: (() => Promise<void>) | undefined;
  /** Events inside the rate limiter (all wait for the clock while one of them sleeps). */
  let acquiring = 0;

  const track = (p: Promise<void>): void => {
    const guarded = p.catch((e: unknown) =>
      log('error', 'delivery task failed', { integration_id: integrationId, error: String(e) }),
    );
    work.add(guarded);
    void guarded.finally(() => work.delete(guarded));
  };
  const isClosing = (): boolean => closing;

  const commits = new CommitPoint({
    consumerFor: (topic) => (topic === retryT ? retry : main),
    resolved: (raw) => flow.resolved(raw.topic === retryT),
    track,
    isClosing,
    log,
  });

  // ---- intake ---------------------------------------------------------------------------

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
      const parsed = DeliveryMessage.safeParse(JSON.parse(raw.value));
      if (!parsed.success)
        throw new DataflyError(
          'invalid_request',
          `bad delivery message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      msg = parsed.data;
    } catch (e) {
      const err = toDataflyError(e);
      track(recorder.poison(raw, poisonRecord(raw, attempt, firstAt, err.code, err.message)));
      return;
    }
    const item: Item = { raw, fromRetry, msg, attempt, firstAt, bytes: raw.value.length };
    track(route(item));
  }

  async function route(item: Item): Promise<void> {
    let ctx: DeliveryContext;
    try {
      ctx = await contexts.for(item.msg);
    } catch (e) {
      const err = toDataflyError(e);
      if (err.retryable)
        return finish([item], schedule([item], err.code, err.message, null, null, undefined));
      return finish([item], deadLetters([item], err.code, err.message, null, null, undefined));
    }
    // Consent is decided once, by the processor, against this same (immutable) revision: a message
    // on the topic is one it allowed. A DLQ replay may name another revision (retargeted to the
    // pipeline's current one), so only a replay is decided again, against the revision it names.
    const replay = item.raw.headers[RETRY_HEADERS.replayOf] !== undefined;
    if (replay && !consentAllows(ctx.consent, item.msg.envelope.context?.consent)) {
      return finish([item], {
        rows: [row(item, 'consent_blocked', null, null)],
        retries: [],
        dead: [],
      });
    }
    let p = pending.get(ctx.key);
    if (!p) pending.set(ctx.key, (p = { ctx, items: [], bytes: 0, cancelTimer: undefined }));
    p.items.push(item);
    p.bytes += item.bytes;
    if (p.items.length >= ctx.batchMax || p.bytes >= ctx.batchBytes || ctx.batchMax === 1)
      flush(ctx.key);
    else if (!p.cancelTimer) p.cancelTimer = clock.setTimer(() => flush(ctx.key), ctx.intervalMs);
  }

  function flush(key: string): void {
    const p = pending.get(key);
    if (!p || p.items.length === 0) return;
    pending.delete(key);
    p.cancelTimer?.();
    track(deliver(p.ctx, p.items));
  }

  // ---- sending ---------------------------------------------------------------------------

  /** Format a batch, then send each request (claiming its events first unless `claimed`). */
  async function deliver(ctx: DeliveryContext, todo: Item[], claimed = false): Promise<void> {
    let formatted: ReturnType<VendorDefinition<unknown>['format']>;
    try {
      const accessToken = await tokenFor(ctx);
      formatted = ctx.vendor.format(
        todo.map((i) => i.msg.envelope),
        ctx.settings,
        { testMode: ctx.testMode, now: clock.now(), ...(accessToken ? { accessToken } : {}) },
      );
    } catch (e) {
      const err = toDataflyError(e);
      return finish(
        todo,
        err.retryable
          ? schedule(todo, err.code, err.message, null, null, undefined)
          : deadLetters(todo, err.code, err.message, null, null, ctx),
      );
    }
    const byId = new Map(todo.map((i) => [i.msg.envelope.event_id, i]));
    const skipped = formatted.skipped.flatMap((s) => {
      const item = byId.get(s.event_id);
      byId.delete(s.event_id);
      return item ? [item] : [];
    });
    if (skipped.length > 0) {
      // Say why, once per distinct reason: a vendor skipping every event is a config problem to see.
      const reasons = [...new Set(formatted.skipped.map((s) => s.reason))];
      log('info', 'events skipped by the vendor definition', {
        integration_id: integrationId,
        count: skipped.length,
        reasons,
      });
      await finish(skipped, {
        rows: skipped.map((i) => row(i, 'skipped', null, null)),
        retries: [],
        dead: [],
      });
    }

    await Promise.all(
      formatted.requests.map(async (req) => {
        const reqItems = req.event_ids.flatMap((id) => {
          const item = byId.get(id);
          byId.delete(id);
          return item ? [item] : [];
        });
        if (reqItems.length === 0) return;
        await send(ctx, req, reqItems, claimed);
      }),
    );
    // Events the vendor neither formatted nor skipped: a definition bug, kept visible in the DLQ.
    const orphans = [...byId.values()];
    if (orphans.length > 0)
      await finish(
        orphans,
        deadLetters(
          orphans,
          'internal',
          'vendor format returned no request for the event',
          null,
          null,
          ctx,
        ),
      );
  }

  /** The vendor's access token (cached per revision and parameter values), or undefined when it needs none. */
  async function tokenFor(ctx: DeliveryContext): Promise<string | undefined> {
    const authorize = ctx.vendor.authorize;
    if (!authorize) return undefined;
    const current = ctx.token ? await ctx.token.catch(() => undefined) : undefined;
    if (!current || current.expiresAt - TOKEN_MARGIN_MS <= clock.now()) {
      // One fetch at a time per context: concurrent batches share it.
      if (!ctx.token || current)
        ctx.token = authorize(ctx.settings, doFetch).then(({ token, expiresAt }) => ({
          value: token,
          expiresAt,
        }));
      try {
        return (await ctx.token).value;
      } catch (e) {
        ctx.token = undefined;
        const err = toDataflyError(e);
        // A token endpoint that fails transiently is retried like the vendor itself.
        throw new DataflyError(
          err.code === 'internal' ? 'upstream_unavailable' : err.code,
          `authorization failed: ${scrub(err.message, ctx.secrets)}`,
        );
      }
    }
    return current.value;
  }

  async function slot(): Promise<void> {
    while (activeRequests >= maxConcurrent) await new Promise<void>((r) => requestWaiters.push(r));
    activeRequests++;
  }
  function releaseSlot(): void {
    activeRequests--;
    requestWaiters.shift()?.();
  }

  /**
   * Claim the events of a request just before sending it (after the request slot and the rate
   * limiter, so the lease covers only the request itself). Copies already delivered are recorded
   * as duplicates; copies another worker holds wait on the retry topic until that lease ends.
   * Returns the items this worker may send, or undefined when the ledger could not be asked.
   */
  async function claimFor(ctx: DeliveryContext, items: Item[]): Promise<Item[] | undefined> {
    let claim: ClaimResult;
    try {
      claim = await ledger.claim(
        integrationId,
        items.map(scopedIdOf),
        clock.now(),
        ctx.timeoutMs + CLAIM_GRACE_MS,
      );
    } catch (e) {
      // The claim record is unreachable: try these events again later rather than risk a double send.
      log('warn', 'delivery claim failed', { integration_id: integrationId, error: String(e) });
      track(
        finish(
          items,
          schedule(items, 'upstream_unavailable', 'delivery ledger unavailable', null, null, ctx),
        ),
      );
      return undefined;
    }
    const mine: Item[] = [];
    const dupes: Item[] = [];
    const held: Item[] = [];
    const taken = new Set<string>();
    for (const item of items) {
      const id = scopedKey(scopedIdOf(item));
      const fence = claim.claimed.get(id);
      if (fence !== undefined && !taken.has(id)) {
        taken.add(id);
        item.fence = fence;
        mine.push(item);
      } else if (claim.delivered.has(id)) dupes.push(item);
      else held.push(item);
    }
    if (dupes.length > 0)
      track(
        finish(dupes, {
          rows: dupes.map((i) => row(i, 'duplicate', null, null)),
          retries: [],
          dead: [],
        }),
      );
    for (const item of held) {
      const id = scopedKey(scopedIdOf(item));
      // A second copy in this very request waits for the first one's outcome.
      const until = claim.held.get(id) ?? clock.now() + ctx.timeoutMs + CLAIM_GRACE_MS;
      track(
        finish([item], {
          rows: [],
          retries: [retryRecord(item, item.attempt, Math.max(until, clock.now()) + 100)],
          dead: [],
        }),
      );
    }
    return mine;
  }

  async function send(
    ctx: DeliveryContext,
    req: OutboundRequest,
    items: Item[],
    claimed: boolean,
  ): Promise<void> {
    await slot();
    let response: VendorResponse | undefined;
    /** The step of a multi-step request that gave the answer (the request itself for one step). */
    let answered: OutboundRequest = req;
    let failure: DataflyError | undefined;
    /** Set when only some events were claimed: they are formatted again without the others. */
    let reformat: Item[] | undefined;
    try {
      let waited = false;
      acquiring += items.length;
      let acquired = true;
      try {
        await ctx.limiter.acquire(() => {
          // Over the limit: pause consumption until a token is free (nothing is dropped).
          if (waited) flow.update();
          else flow.rateWaitBegan();
          waited = true;
        });
      } catch (e) {
        if (!closing) throw e;
        acquired = false;
      }
      acquiring -= items.length;
      if (waited) flow.rateWaitEnded();
      // Shutting down while rate-limited: leave the events uncommitted for the next worker.
      if (!acquired) return;
      if (!claimed) {
        const mine = await claimFor(ctx, items);
        if (mine === undefined || mine.length === 0) return;
        // The others were answered above; the claimed ones are formatted again without them
        // (after this slot is released), not left unsent and uncommitted.
        if (mine.length < items.length) reformat = mine;
      }
      if (!reformat) {
        const started = performance.now();
        try {
          // The vendor seals each step (compression, request signing) just before it goes out; a `then` step follows a 2xx.
          const sent = await sendOutbound(ctx.vendor, ctx.settings, req, doFetch, {
            now: () => clock.now(),
            timeoutMs: ctx.timeoutMs,
          });
          answered = sent.step;
          response = sent.response;
          deliveryMetrics.requests.observe(
            { ...labels, status_class: `${Math.floor(response.status / 100)}xx` },
            (performance.now() - started) / 1000,
          );
        } catch (e) {
          // A seal that cannot sign (a bad key in the settings) fails as itself, not as the network.
          if (e instanceof DataflyError) failure = e;
          const timedOut =
            e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
          failure ??= new DataflyError(
            timedOut ? 'timeout' : 'network',
            timedOut
              ? `no answer within ${ctx.timeoutMs} ms`
              : `request failed: ${scrub(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e), ctx.secrets)}`,
          );
          deliveryMetrics.requests.observe(
            { ...labels, status_class: timedOut ? 'timeout' : 'network' },
            (performance.now() - started) / 1000,
          );
        }
      }
    } finally {
      releaseSlot();
    }
    if (reformat) return deliver(ctx, reformat, true);
    if (!response) {
      traceExchange(tracer, integrationId, ctx.secrets, req, items, { failure: failure! });
      return finish(items, schedule(items, failure!.code, failure!.message, null, null, ctx));
    }
    let outcomes: EventOutcome[];
    try {
      outcomes = ctx.vendor.classify(response, answered, ctx.settings);
    } catch (e) {
      const err = toDataflyError(e);
      outcomes = req.event_ids.map((event_id) => ({
        event_id,
        status: 'failed',
        code: err.code,
        reason: `classify failed: ${err.message}`,
      }));
    }
    traceExchange(tracer, integrationId, ctx.secrets, answered, items, { response, outcomes });
    const byEvent = new Map(outcomes.map((o) => [o.event_id, o]));
    const body = truncate(scrub(response.body, ctx.secrets), DLQ_BODY_LIMIT);
    const retryAfterHeader = parseRetryAfter(response.headers['retry-after'], clock.now());
    const res: Resolution = { rows: [], retries: [], dead: [] };
    for (const item of items) {
      const o = byEvent.get(item.msg.envelope.event_id) ?? {
        event_id: item.msg.envelope.event_id,
        status: 'retry' as const,
        code: 'internal' as const,
        reason: 'vendor answer named no outcome for the event',
      };
      if (o.status === 'delivered') {
        res.rows.push(row(item, 'delivered', response.status, clock.now() - item.firstAt));
      } else if (o.status === 'retry') {
        merge(
          res,
          schedule(
            [item],
            o.code,
            o.reason,
            response.status,
            body,
            ctx,
            o.retryAfterMs ?? retryAfterHeader,
          ),
        );
      } else {
        merge(res, deadLetters([item], o.code, o.reason, response.status, body, ctx));
      }
    }
    // A refused token is fetched afresh for the next request.
    if (
      ctx.vendor.authorize &&
      outcomes.some((o) => o.status !== 'delivered' && o.code === 'vendor_auth')
    )
      ctx.token = undefined;
    await finish(items, res);
  }

  // ---- outcomes (outcomes.ts) -------------------------------------------------------------

  const { row, merge, schedule, deadLetters, poisonRecord, retryRecord } = outcomeBuilder({
    integrationId,
    clock,
    random,
  });
  const recorder = new OutcomeRecorder({
    integrationId,
    bus,
    ledger,
    retryTopic: retryT,
    tracer,
    log,
    resolved: (raw) => commits.resolve(raw),
    isClosing,
  });
  const finish = (items: Item[], res: Resolution): Promise<void> => recorder.finish(items, res);

  // ---- consumers --------------------------------------------------------------------------

  async function onMain(batch: MessageBatch): Promise<void> {
    for (const m of batch.messages) {
      intake(m);
      accept(m, false);
    }
    flow.update();
  }

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
      return flow.idle(() => {
        let batched = 0;
        for (const p of pending.values()) batched += p.items.length;
        return retryTimers.size + batched + (flow.rateLimited ? acquiring : 0);
      });
    },
    async close() {
      closing = true;
      contexts.close();
      main?.pause([mainTopic]);
      retry?.pause([retryT]);
      // Scheduled retries stay uncommitted on the retry topic: the next worker picks them up.
      for (const cancel of retryTimers) cancel();
      retryTimers.clear();
      for (const key of [...pending.keys()]) flush(key);
      await Promise.allSettled([...work]);
      await Promise.all([main?.close(), retry?.close()]);
      await unsubscribe?.();
    },
  };
}
