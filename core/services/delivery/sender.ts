/**
 * Sending one integration's batches: a batch is formatted into the vendor's requests (with its
 * access token, cached per context), and each request claims its events in the ledger while it
 * waits for a request slot, then waits for the rate limiter, goes out with the timeout, and has its
 * answer classified per event into a resolution the recorder makes durable. Claiming ahead keeps
 * the claim's round trip out of the slot's time; at most one request per slot is claimed and
 * waiting, and a claim whose lease no longer covers the request is renewed before it goes
 * (docs/delivery-guarantees.md).
 */
import type { Clock } from '../../clock/index.js';
import type { DeliveryLedger } from '../../dedup/delivered.js';
import { DataflyError, toDataflyError } from '../../errors/index.js';
import { scopedKey, type ScopedId } from '../../event/scope.js';
import { deliveryMetrics } from '../../metrics/index.js';
import { DLQ_BODY_LIMIT, scrub, truncate } from '../../secrets/scrub.js';
import { traceExchange } from '../../trace/delivery.js';
import type { Tracer } from '../../trace/tracer.js';
import { parseRetryAfter } from '../../vendors/retry.js';
import { sendOutbound } from '../../vendors/send.js';
import type { Transport } from '../../vendors/transport.js';
import type {
  EventOutcome,
  OutboundRequest,
  VendorDefinition,
  VendorResponse,
} from '../../vendors/types.js';
import type { DeliveryContext } from './context.js';
import type { FlowControl } from './flow.js';
import {
  claimTokens,
  scopedIdOf,
  scopedKeyOf,
  type Item,
  type OutcomeBuilder,
  type Resolution,
  type WorkerLog,
} from './outcomes.js';
import type { OutcomeRecorder } from './recorder.js';

/** The longest wait between tries to claim or count while the ledger is unreachable. */
const LEDGER_MAX_WAIT_MS = 2_000;
/**
 * A claim lasts the request timeout plus this: long enough to make the outcome durable after the
 * answer, short enough that a killed worker's claims are taken over soon after.
 */
const CLAIM_GRACE_MS = 20_000;
/**
 * A claim is renewed before its request goes when less than the request timeout plus this is left
 * of its lease (the request, then the outcome's record, must fit in it).
 */
const RENEW_MARGIN_MS = 10_000;
/** How often a request waiting for outcomes to be durable again looks (`recordable`). */
const TROUBLE_POLL_MS = 50;
/** An access token is fetched afresh this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

interface SenderOptions {
  integrationId: string;
  /** Where events are claimed before they are sent. */
  ledger: DeliveryLedger;
  clock: Clock;
  /** Access-token requests (`VendorDefinition.authorize`). */
  fetch: typeof fetch;
  /** The vendor requests themselves (core/vendors/transport.ts: no redirect is followed). */
  transport: Transport;
  /** Concurrent vendor requests. */
  maxConcurrent: number;
  tracer: Tracer;
  log: WorkerLog;
  outcomes: OutcomeBuilder;
  recorder: Pick<OutcomeRecorder, 'finish' | 'troubled'>;
  /** Told when a send starts and stops waiting for the rate limiter (consumption pauses). */
  flow: Pick<FlowControl, 'update' | 'rateWaitBegan' | 'rateWaitEnded'>;
  /** Keeps a background task until the worker closes. */
  track: (task: Promise<void>) => void;
  isClosing: () => boolean;
}

/** What came of one request: the answer (and the step that gave it), or why there was none. */
type Exchange =
  | { response: VendorResponse; answered: OutboundRequest; failure?: undefined }
  | { response?: undefined; failure: DataflyError };

/**
 * @example
 * const sender = new Sender({ integrationId, ledger, clock, fetch, transport, maxConcurrent: 16, tracer, log, outcomes, recorder, flow, track, isClosing });
 * track(sender.deliver(ctx, items));
 */
export class Sender {
  private readonly slots: RequestSlots;
  /** Requests claimed (or claiming) and waiting for a slot: as many as there are slots. */
  private readonly ahead: RequestSlots;
  private readonly labels: { integration_id: string };
  /** Events inside the rate limiter (all wait for the clock while one of them sleeps). */
  private acquiringEvents = 0;

  constructor(private readonly o: SenderOptions) {
    this.slots = new RequestSlots(o.maxConcurrent);
    this.ahead = new RequestSlots(o.maxConcurrent);
    this.labels = { integration_id: o.integrationId };
  }

  /** Events of requests waiting in the rate limiter. */
  get acquiring(): number {
    return this.acquiringEvents;
  }

  /** Format a batch, then send each request (claiming its events first unless `claimed`). */
  async deliver(ctx: DeliveryContext, todo: Item[], claimed = false): Promise<void> {
    const { clock, recorder, outcomes } = this.o;
    let formatted: ReturnType<VendorDefinition<unknown>['format']>;
    try {
      const accessToken = await tokenFor(ctx, clock, this.o.fetch);
      formatted = ctx.vendor.format(
        todo.map((i) => i.msg.envelope),
        ctx.settings,
        { testMode: ctx.testMode, now: clock.now(), ...(accessToken ? { accessToken } : {}) },
      );
    } catch (e) {
      const err = toDataflyError(e);
      return recorder.finish(
        todo,
        err.retryable
          ? outcomes.schedule(todo, err.code, err.message, null, null, undefined)
          : outcomes.deadLetters(todo, err.code, err.message, null, null, ctx),
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
      this.o.log('info', 'events skipped by the vendor definition', {
        integration_id: this.o.integrationId,
        count: skipped.length,
        reasons,
      });
      await recorder.finish(skipped, {
        rows: skipped.map((i) => outcomes.row(i, 'skipped', null, null)),
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
        await this.send(ctx, req, reqItems, claimed);
      }),
    );
    // Events the vendor neither formatted nor skipped: a definition bug, kept visible in the DLQ.
    const orphans = [...byId.values()];
    if (orphans.length > 0)
      await recorder.finish(
        orphans,
        outcomes.deadLetters(
          orphans,
          'internal',
          'vendor format returned no request for the event',
          null,
          null,
          ctx,
        ),
      );
  }

  /**
   * One request: its events claimed while it waits for a request slot, then the rate limiter, the
   * send, and its outcomes made durable; then the slot is free.
   */
  private async send(
    ctx: DeliveryContext,
    req: OutboundRequest,
    items: Item[],
    claimed: boolean,
  ): Promise<void> {
    // Set when only some events are still this worker's: they are formatted again without the
    // others (after this request lets go of its place), not left unsent and uncommitted.
    const reformat = await this.sendClaimed(ctx, req, items, claimed);
    if (reformat) await this.deliver(ctx, reformat, true);
  }

  /** `send` up to a reformat: the events to format again when only some are still this worker's. */
  private async sendClaimed(
    ctx: DeliveryContext,
    req: OutboundRequest,
    items: Item[],
    claimed: boolean,
  ): Promise<Item[] | undefined> {
    await this.ahead.take();
    let waiting = true;
    try {
      if (!claimed) {
        // The others were answered by `claim`.
        const mine = await this.claim(ctx, items);
        if (mine === undefined || mine.length === 0) return undefined;
        if (mine.length < items.length) return mine;
      }
      await this.slots.take();
      this.ahead.release();
      waiting = false;
      try {
        const kept =
          (await this.waitForRate(ctx, items)) && (await this.recordable())
            ? await this.renewIfShort(ctx, items)
            : undefined;
        if (kept === undefined) {
          // The worker is closing: the events stay uncommitted for the next one.
          await this.letGo(items);
          return undefined;
        }
        if (kept.length < items.length) return kept;
        const exchange = await this.exchange(ctx, req);
        // The slot is held until the outcome is durable: at most `maxConcurrent` requests are
        // ever answered but unrecorded (what a killed worker sends again), and sending slows to
        // what the ledger can record instead of running ahead of it.
        await this.o.recorder.finish(items, this.classify(ctx, req, items, exchange));
        return undefined;
      } finally {
        this.slots.release();
      }
    } finally {
      if (waiting) this.ahead.release();
    }
  }

  /**
   * A closing worker leaves its unsent events uncommitted for the next worker, and releases their
   * claims so that it need not wait for the leases to end.
   */
  private async letGo(items: Item[]): Promise<void> {
    await this.o.ledger.record([], claimTokens(this.o.integrationId, items)).catch(() => undefined);
  }

  /**
   * The items still this worker's to send: when a claim's lease no longer covers the request and
   * the record after it (it waited long for a slot or the rate limiter), it is renewed; an event
   * delivered or taken over meanwhile is claimed again, which answers it as a duplicate or holds
   * it. Undefined when the worker closed before the ledger answered.
   */
  private async renewIfShort(ctx: DeliveryContext, items: Item[]): Promise<Item[] | undefined> {
    const { clock, integrationId } = this.o;
    const short = clock.now() + ctx.timeoutMs + RENEW_MARGIN_MS;
    if (items.every((i) => (i.leaseUntil ?? Infinity) > short)) return items;
    const until = clock.now() + ctx.timeoutMs + CLAIM_GRACE_MS;
    const renewed = await this.askLedger('delivery claim renewal failed, asking again', () =>
      this.o.ledger.renew(integrationId, claimTokens(integrationId, items), until),
    );
    if (renewed === undefined) return undefined;
    const kept = items.filter((i) => renewed.has(scopedKeyOf(i)));
    for (const i of kept) i.leaseUntil = until;
    const lost = items.filter((i) => !renewed.has(scopedKeyOf(i)));
    if (lost.length === 0) return kept;
    for (const i of lost) delete i.fence;
    const again = await this.claim(ctx, lost);
    if (again === undefined) return undefined;
    return [...kept, ...again];
  }

  /**
   * Wait for the rate limiter; over the limit consumption pauses until a token is free (nothing
   * is dropped). False when the worker closed meanwhile (the events stay uncommitted for the next
   * worker).
   */
  private async waitForRate(ctx: DeliveryContext, items: Item[]): Promise<boolean> {
    const { flow } = this.o;
    let waited = false;
    this.acquiringEvents += items.length;
    try {
      // The daily count lives in the database: like a claim, the request keeps its slot and asks
      // again (nothing goes out over the cap unnoticed).
      const acquired = await this.askLedger('delivery rate limiter failed, asking again', () =>
        ctx.limiter
          .acquire(() => {
            if (waited) flow.update();
            else flow.rateWaitBegan();
            waited = true;
          })
          .then(() => true),
      );
      return acquired === true;
    } finally {
      this.acquiringEvents -= items.length;
      if (waited) flow.rateWaitEnded();
    }
  }

  /**
   * Claim the events of a request while it waits for a request slot (at most one request per slot
   * waits claimed; `renewIfShort` keeps the lease covering the send). Copies already delivered are recorded
   * as duplicates; copies another worker holds wait on the retry topic until that lease ends.
   * Returns the items this worker may send, or undefined when the worker closed before the ledger
   * answered.
   */
  private async claim(ctx: DeliveryContext, items: Item[]): Promise<Item[] | undefined> {
    const { integrationId, clock, outcomes, recorder, track } = this.o;
    let at = clock.now();
    const claim = await this.askLedger('delivery claim failed, asking again', () => {
      at = clock.now();
      return this.o.ledger.claim(
        integrationId,
        items.map(scopedIdOf),
        at,
        ctx.timeoutMs + CLAIM_GRACE_MS,
      );
    });
    if (claim === undefined) return undefined;
    const mine: Item[] = [];
    const dupes: Item[] = [];
    const held: Item[] = [];
    const taken = new Set<string>();
    for (const item of items) {
      const id = scopedKeyOf(item);
      const fence = claim.claimed.get(id);
      if (fence !== undefined && !taken.has(id)) {
        taken.add(id);
        item.fence = fence;
        item.leaseUntil = at + ctx.timeoutMs + CLAIM_GRACE_MS;
        mine.push(item);
      } else if (claim.delivered.has(id)) dupes.push(item);
      else held.push(item);
    }
    if (dupes.length > 0)
      track(
        recorder.finish(dupes, {
          rows: dupes.map((i) => outcomes.row(i, 'duplicate', null, null)),
          retries: [],
          dead: [],
        }),
      );
    for (const item of held) {
      const id = scopedKeyOf(item);
      // A second copy in this very request waits for the first one's outcome.
      const until = claim.held.get(id) ?? clock.now() + ctx.timeoutMs + CLAIM_GRACE_MS;
      track(
        recorder.finish([item], {
          rows: [],
          retries: [outcomes.retryRecord(item, item.attempt, Math.max(until, clock.now()) + 100)],
          dead: [],
        }),
      );
    }
    return mine;
  }

  /**
   * Wait while outcomes cannot be made durable (`OutcomeRecorder.troubled`): a request sent then
   * would be answered and wait unrecorded with those already waiting, and a worker killed meanwhile
   * sends every such request again. So at a database cut only the requests already under way can
   * be answered unrecorded, not every request slot's. False when the worker closed meanwhile.
   */
  private async recordable(): Promise<boolean> {
    while (this.o.recorder.troubled) {
      if (this.o.isClosing()) return false;
      await new Promise((r) => setTimeout(r, TROUBLE_POLL_MS));
    }
    return true;
  }

  /**
   * Ask the ledger (or the daily count behind the rate limiter) until it answers. It is our own
   * dependency, not the vendor: the request keeps its slot and asks again (no try is used up,
   * nothing goes out unclaimed, no burst of retries later), 250 ms doubling to
   * LEDGER_MAX_WAIT_MS, so sending resumes soon after the database's return. Undefined when the
   * worker closed meanwhile: the events stay uncommitted for the next worker.
   */
  private async askLedger<T>(failure: string, ask: () => Promise<T>): Promise<T | undefined> {
    for (let wait = 250; ; wait = Math.min(wait * 2, LEDGER_MAX_WAIT_MS)) {
      try {
        return await ask();
      } catch (e) {
        if (this.o.isClosing()) return undefined;
        this.o.log('warn', failure, { integration_id: this.o.integrationId, error: String(e) });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** Send a request with the context's timeout; the vendor seals each step just before it goes. */
  private async exchange(ctx: DeliveryContext, req: OutboundRequest): Promise<Exchange> {
    const started = performance.now();
    try {
      // The vendor seals each step (compression, request signing) just before it goes out; a `then` step follows a 2xx.
      const sent = await sendOutbound(ctx.vendor, ctx.settings, req, this.o.transport, {
        now: () => this.o.clock.now(),
        timeoutMs: ctx.timeoutMs,
      });
      deliveryMetrics.requests.observe(
        { ...this.labels, status_class: `${Math.floor(sent.response.status / 100)}xx` },
        (performance.now() - started) / 1000,
      );
      return { response: sent.response, answered: sent.step };
    } catch (e) {
      // A seal that cannot sign (a bad key in the settings) fails as itself, not as the network.
      let failure = e instanceof DataflyError ? e : undefined;
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      failure ??= new DataflyError(
        timedOut ? 'timeout' : 'network',
        timedOut
          ? `no answer within ${ctx.timeoutMs} ms`
          : `request failed: ${scrub(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e), ctx.secrets)}`,
      );
      deliveryMetrics.requests.observe(
        { ...this.labels, status_class: timedOut ? 'timeout' : 'network' },
        (performance.now() - started) / 1000,
      );
      return { failure };
    }
  }

  /**
   * Each event's outcome from the vendor's answer (or retries for all when there was none), with
   * the live trace told; a refused access token is dropped so the next request fetches another.
   */
  private classify(
    ctx: DeliveryContext,
    req: OutboundRequest,
    items: Item[],
    exchange: Exchange,
  ): Resolution {
    const { integrationId, tracer, clock, outcomes } = this.o;
    if (!exchange.response) {
      const { failure } = exchange;
      traceExchange(tracer, integrationId, ctx.secrets, req, items, { failure });
      return outcomes.schedule(items, failure.code, failure.message, null, null, ctx);
    }
    const { response, answered } = exchange;
    let classified: EventOutcome[];
    try {
      classified =
        response.status >= 300 && response.status < 400
          ? redirected(req, response, ctx.secrets)
          : ctx.vendor.classify(response, answered, ctx.settings);
    } catch (e) {
      const err = toDataflyError(e);
      classified = req.event_ids.map((event_id) => ({
        event_id,
        status: 'failed',
        code: err.code,
        reason: `classify failed: ${err.message}`,
      }));
    }
    traceExchange(tracer, integrationId, ctx.secrets, answered, items, {
      response,
      outcomes: classified,
    });
    const byEvent = new Map(classified.map((o) => [o.event_id, o]));
    // The answer as records keep it (scrubbed, truncated): made once, for the first event not delivered.
    let kept: string | undefined;
    const body = (): string =>
      (kept ??= truncate(scrub(response.body, ctx.secrets), DLQ_BODY_LIMIT));
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
        res.rows.push(outcomes.row(item, 'delivered', response.status, clock.now() - item.firstAt));
      } else if (o.status === 'retry') {
        outcomes.merge(
          res,
          outcomes.schedule(
            [item],
            o.code,
            o.reason,
            response.status,
            body(),
            ctx,
            o.retryAfterMs ?? retryAfterHeader,
          ),
        );
      } else {
        outcomes.merge(
          res,
          outcomes.deadLetters([item], o.code, o.reason, response.status, body(), ctx),
        );
      }
    }
    // A refused token is fetched afresh for the next request.
    if (
      ctx.vendor.authorize &&
      classified.some((o) => o.status !== 'delivered' && o.code === 'vendor_auth')
    )
      ctx.token = undefined;
    return res;
  }
}

/**
 * A redirect fails every event of the request, whatever the vendor would make of it: delivery
 * sends only to the address that was configured (and checked when it was saved), never onward.
 */
function redirected(
  req: OutboundRequest,
  response: VendorResponse,
  secrets: DeliveryContext['secrets'],
): EventOutcome[] {
  const location = response.headers.location;
  const to = location ? ` to ${truncate(scrub(location, secrets), 200)}` : '';
  const reason =
    `HTTP ${response.status} redirect${to} not followed: delivery sends only to the configured ` +
    'URL; set it to the final address';
  return req.event_ids.map((event_id) => ({
    event_id,
    status: 'failed',
    code: 'vendor_rejected',
    reason,
  }));
}

/** At most `max` requests at a time; the others wait their turn in order. */
class RequestSlots {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async take(): Promise<void> {
    while (this.active >= this.max) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
  }

  release(): void {
    this.active--;
    this.waiters.shift()?.();
  }
}

/**
 * `fetcher` with a deadline on every request that names none: a token endpoint that never answers
 * fails like a vendor that never answers (and is tried again later) instead of holding its batch.
 */
function withTimeout(fetcher: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) =>
    fetcher(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

/** The vendor's access token (cached per revision and parameter values), or undefined when it needs none. */
async function tokenFor(
  ctx: DeliveryContext,
  clock: Clock,
  doFetch: typeof fetch,
): Promise<string | undefined> {
  const authorize = ctx.vendor.authorize;
  if (!authorize) return undefined;
  const current = ctx.token ? await ctx.token.catch(() => undefined) : undefined;
  if (!current || current.expiresAt - TOKEN_MARGIN_MS <= clock.now()) {
    // One fetch at a time per context: concurrent batches share it.
    if (!ctx.token || current)
      ctx.token = authorize(ctx.settings, withTimeout(doFetch, ctx.timeoutMs)).then(
        ({ token, expiresAt }) => ({
          value: token,
          expiresAt,
        }),
      );
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
