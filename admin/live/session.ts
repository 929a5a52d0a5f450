/**
 * One live-debugger socket: its filters, what it may see (raw or masked personal data), and a
 * bounded queue in front of the socket. The pipeline never waits for a watcher: a step that
 * finds the queue full is dropped and counted (per event: once one step of an event is dropped,
 * the rest of that event is too, and the event counts once), the count is sent as soon as the
 * socket drains ("412 events not shown"), and a socket that stays stuck is cut off with a
 * message saying why.
 */
import { z } from 'zod';
import { maskStep } from '../../core/trace/mask.js';
import type { TraceStep } from '../../core/trace/step.js';

/** The filters of a socket (query string on connect, `{"type":"filter",…}` messages after). */
export const LiveFilters = z.object({
  pipeline_id: z.string().min(1).max(64),
  integration_id: z.string().min(1).max(64).optional(),
  event: z.string().min(1).max(200).optional(),
  user: z.string().min(1).max(200).optional(),
  /** `failed` matches `retrying` and `dead_lettered`. */
  status: z
    .enum([
      'delivered',
      'failed',
      'retrying',
      'dead_lettered',
      'blocked',
      'dropped',
      'skipped',
      'duplicate',
    ])
    .optional(),
});
export type LiveFilters = z.infer<typeof LiveFilters>;

/** The part of a WebSocket a session needs (ws's WebSocket has it). */
export interface LiveSocket {
  send(text: string): void;
  /** Bytes queued in the socket but not yet sent. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
  terminate?(): void;
}

export interface SessionLimits {
  /** Messages waiting in front of the socket before steps are dropped (default 1000). */
  maxQueue: number;
  /** Bytes in the socket's own buffer above which nothing more is written (default 1 MiB). */
  highWaterBytes: number;
  /** Cut the socket once this many events were not shown since it last drained (default 5000). */
  cutAfterDroppedEvents: number;
  /** Cut the socket when it made no progress for this long while full (default 15 s). */
  stuckMs: number;
  /** How long one session may watch (default 30 min); tracing for the pipeline stops after it. */
  sessionMs: number;
  /** Events held while waiting for a `status` filter's verdict (default 2000). */
  maxHeldEvents: number;
  /** After a cut, how long the peer has to read what is buffered and close (default 5 s). */
  closeGraceMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  maxQueue: 1000,
  highWaterBytes: 1024 * 1024,
  cutAfterDroppedEvents: 5000,
  stuckMs: 15_000,
  sessionMs: 30 * 60 * 1000,
  maxHeldEvents: 2000,
  closeGraceMs: 5_000,
};

interface SessionStats {
  sent: number;
  droppedSteps: number;
  droppedEvents: number;
}

/** Close codes (application range). */
export const CLOSE = { tooSlow: 4008, timeLimit: 4001, shutdown: 1001 } as const;

const eventKey = (s: TraceStep): string => `${s.pipeline_id}\u0000${s.event_id}`;
const SET_CAP = 50_000;

export class LiveSession {
  filters: LiveFilters;
  readonly raw: boolean;
  readonly #socket: LiveSocket;
  readonly #limits: SessionLimits;
  readonly #onClosed: () => void;
  readonly #queue: string[] = [];
  readonly #stats: SessionStats = { sent: 0, droppedSteps: 0, droppedEvents: 0 };
  /** Events with a dropped step (the rest of their steps are dropped too). */
  #dropping = new Set<string>();
  /** Events not shown since the last notice. */
  #unreported = 0;
  /** Status filter: steps held per event until a step decides; events that passed. */
  #held = new Map<string, TraceStep[]>();
  #passed = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stuckSince: number | undefined;
  #closed = false;

  constructor(
    socket: LiveSocket,
    filters: LiveFilters,
    raw: boolean,
    limits: Partial<SessionLimits> = {},
    onClosed: () => void = () => undefined,
  ) {
    this.#socket = socket;
    this.filters = filters;
    this.raw = raw;
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#onClosed = onClosed;
  }

  get limits(): Readonly<SessionLimits> {
    return this.#limits;
  }

  get stats(): Readonly<SessionStats> {
    return { ...this.#stats };
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Change the filters; what is held for the old `status` filter is let go. */
  setFilters(filters: LiveFilters): void {
    this.filters = filters;
    this.#held.clear();
    this.#passed.clear();
  }

  /** A control message (hello, errors, notices): queued like steps, never dropped silently. */
  message(body: Record<string, unknown>): void {
    this.#enqueue(JSON.stringify(body), undefined);
  }

  /** Offer a step from the trace stream; the session decides whether it is for this watcher. */
  offer(step: TraceStep): void {
    if (this.#closed || step.pipeline_id !== this.filters.pipeline_id) return;
    if (step.step === 'notice') {
      this.message({ type: 'notice', message: step.summary, dropped: step.data.dropped ?? 0 });
      return;
    }
    if (!this.#matches(step)) return;
    const status = this.filters.status;
    if (!status) {
      this.#deliver(step);
      return;
    }
    const key = eventKey(step);
    if (this.#passed.has(key)) {
      this.#deliver(step);
      return;
    }
    const held = this.#held.get(key) ?? [];
    held.push(step);
    const decides =
      step.status !== undefined &&
      (step.status === status ||
        (status === 'failed' && (step.status === 'retrying' || step.status === 'dead_lettered')));
    if (decides) {
      this.#held.delete(key);
      if (this.#passed.size >= SET_CAP) this.#passed.clear();
      this.#passed.add(key);
      for (const s of held) this.#deliver(s);
      return;
    }
    this.#held.set(key, held);
    // Oldest events that never matched leave first: they were filtered out, not dropped.
    while (this.#held.size > this.#limits.maxHeldEvents)
      this.#held.delete(this.#held.keys().next().value!);
  }

  /** Stop: send `reason` as the last message and close the socket. */
  end(code: number, reason: string): void {
    if (this.#closed) return;
    this.#queue.length = 0;
    try {
      this.#socket.send(JSON.stringify({ type: 'closing', code, reason, ...this.#dropSummary() }));
      this.#socket.close(code, reason.slice(0, 120));
    } catch {
      // Already gone.
    }
    // A peer that never reads never completes the closing handshake.
    setTimeout(() => this.#socket.terminate?.(), this.#limits.closeGraceMs).unref();
    this.#finish();
  }

  /** The socket closed from the other side. */
  closedByPeer(): void {
    this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#onClosed();
  }

  #matches(step: TraceStep): boolean {
    const f = this.filters;
    if (f.integration_id && step.integration_id && step.integration_id !== f.integration_id)
      return false;
    if (f.event && step.event !== f.event) return false;
    if (f.user && step.user_id !== f.user && step.anonymous_id !== f.user) return false;
    return true;
  }

  #deliver(step: TraceStep): void {
    const key = eventKey(step);
    if (this.#dropping.has(key)) {
      this.#stats.droppedSteps++;
      return;
    }
    this.#enqueue(JSON.stringify({ type: 'step', step: this.raw ? step : maskStep(step) }), key);
  }

  #enqueue(text: string, key: string | undefined): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#limits.maxQueue && key !== undefined) {
      this.#stats.droppedSteps++;
      if (this.#dropping.size >= SET_CAP) this.#dropping.clear();
      this.#dropping.add(key);
      this.#stats.droppedEvents++;
      this.#unreported++;
      if (this.#unreported >= this.#limits.cutAfterDroppedEvents) {
        this.end(
          CLOSE.tooSlow,
          `too slow: ${this.#unreported} events not shown; reconnect or narrow the filters`,
        );
        return;
      }
    } else {
      this.#queue.push(text);
    }
    this.#pump();
  }

  #dropSummary(): Record<string, number> {
    return {
      events_not_shown: this.#unreported,
      total_events_not_shown: this.#stats.droppedEvents,
    };
  }

  #pump(): void {
    if (this.#closed) return;
    let progressed = false;
    while (this.#socket.bufferedAmount < this.#limits.highWaterBytes) {
      if (this.#unreported > 0) {
        // Shown before anything else once the socket has room again, never lost.
        this.#socket.send(
          JSON.stringify({
            type: 'dropped',
            message: `${this.#unreported} events not shown`,
            ...this.#dropSummary(),
          }),
        );
        this.#unreported = 0;
        continue;
      }
      const next = this.#queue.shift();
      if (next === undefined) break;
      this.#socket.send(next);
      this.#stats.sent++;
      progressed = true;
    }
    if (this.#queue.length === 0 && this.#unreported === 0) {
      this.#stuckSince = undefined;
      return;
    }
    const now = Date.now();
    if (progressed || this.#stuckSince === undefined) this.#stuckSince = now;
    if (
      now - this.#stuckSince >= this.#limits.stuckMs &&
      this.#queue.length >= this.#limits.maxQueue
    ) {
      this.end(
        CLOSE.tooSlow,
        `stuck: nothing read for ${Math.round(this.#limits.stuckMs / 1000)} s; ${this.#unreported} events not shown`,
      );
      return;
    }
    if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, 25);
      this.#timer.unref();
    }
  }
}
