/**
 * Getting events to the edge. One event goes to `/v1/{t|p|i|g}`, several to `/v1/batch` as
 * `{"batch": […]}`, the pipeline key in `?k=`; bodies are strings, so the browser sends them
 * as `text/plain` and skips the CORS preflight. `fetch` with `keepalive` (the request outlives
 * the page) and the edge's cookies (`credentials: 'include'`); `sendBeacon` on page hide.
 *
 * Failed sends (network error, 408, 429, 5xx) wait in a bounded outbox in localStorage, so
 * they survive reloads, and are retried after an exponential backoff, or after the server's
 * `Retry-After`. While the outbox waits, new events queue behind it (order kept, no hammering
 * of a struggling edge). Other 4xx answers are final: the edge refused the events for good;
 * so are the events of a 207 batch answer that the edge marks not retryable (invalid).
 */
import { safe } from './safe.js';
import { read, write } from './store.js';
import type { WireEvent } from './types.js';

/** Where events go: the edge origin (no trailing slash) and the pipeline key. */
interface Target {
  endpoint: string;
  key: string;
}

/** The localStorage outbox: queued events, consecutive failures, not-before time, server-imposed. */
export interface Outbox {
  q: WireEvent[];
  f: number;
  u: number;
  r?: number;
}

/** The part of the edge's 207 batch answer the transport reads. */
interface BatchAnswer {
  rejected: { index: number; retryable: boolean }[];
}

export interface Transport {
  /** Send now (or queue behind a waiting outbox); `beacon` on page hide. */
  send(events: WireEvent[], beacon?: boolean): void;
  /** Retry the outbox if its time has come; `online` ignores a backoff the client chose itself. */
  drain(online?: boolean): void;
}

export const OUTBOX_KEY = '_df_q';
/** Most events the outbox keeps (the oldest go first). */
export const OUTBOX_MAX = 200;
/** Most events in one request. */
export const BATCH_MAX = 50;

/**
 * When to retry: the server's `Retry-After` (seconds or an HTTP date) when it gave one, else
 * 2^fails seconds (capped at 5 minutes) plus up to 25 % jitter (`rnd` in [0, 1)); at most a day.
 *
 * @example retryAt(0, '30', 1000, 0) // → 31000
 * @example retryAt(3, null, 0, 0)   // → 8000
 */
export function retryAt(
  fails: number,
  retryAfter: string | null,
  now: number,
  rnd: number,
): number {
  let ms = retryAfter
    ? isFinite(+retryAfter)
      ? +retryAfter * 1e3
      : Date.parse(retryAfter) - now
    : NaN;
  if (!(ms >= 0)) ms = Math.min(1e3 * 2 ** fails, 3e5) * (1 + rnd / 4);
  return now + Math.min(ms, 864e5);
}

/**
 * The transport for one target.
 *
 * @example createTransport(window, { endpoint: 'https://data.example.com', key: 'dk_…' }, Date.now).send([event])
 */
export function createTransport(w: Window, t: Target, now: () => number): Transport {
  let timer: number | undefined;
  const load = (): Outbox => read<Outbox>(w, OUTBOX_KEY) || { q: [], f: 0, u: 0 };
  const save = (o: Outbox): void => write(w, OUTBOX_KEY, o);
  const arm = (at: number): void => {
    w.clearTimeout(timer);
    timer = w.setTimeout(
      safe(() => drain()),
      at - now(),
    );
  };

  function park(events: WireEvent[], failed?: boolean, retryAfter?: string | null): void {
    const o = load();
    o.q = o.q.concat(events).slice(-OUTBOX_MAX);
    if (failed) {
      o.u = retryAt(o.f++, retryAfter || null, now(), Math.random());
      o.r = retryAfter ? 1 : 0;
    }
    save(o);
    arm(o.u);
  }

  function done(): void {
    const o = load();
    if (o.f || o.q.length) {
      save({ q: o.q, f: 0, u: 0 });
      drain();
    }
  }

  function post(events: WireEvent[], beacon?: boolean): void {
    const sent = new Date(now()).toISOString();
    for (const e of events) e.sent_at = sent;
    const one = events.length < 2 ? events[0] : undefined;
    const url = `${t.endpoint}/v1/${one ? one.type[0] : 'batch'}?k=${encodeURIComponent(t.key)}`;
    const body = JSON.stringify(one || { batch: events });
    if (beacon) {
      let queued = false;
      try {
        queued = w.navigator.sendBeacon(url, body);
      } catch {
        // too large or not allowed: keep the events for the next page
      }
      if (!queued) park(events, true);
      return;
    }
    w.fetch(url, { method: 'POST', body, keepalive: body.length < 6e4, credentials: 'include' })
      .then(
        (r): unknown => {
          const s = r.status;
          // 207: part of a batch was not stored; resend the events the edge marks retryable.
          if (s == 207)
            return (r.json() as Promise<BatchAnswer>).then((b) => {
              const again = events.filter((_, i) =>
                b.rejected.some((x) => x.retryable && x.index == i),
              );
              if (again.length) park(again, true);
              else done();
            });
          if (s < 300) done();
          else if (s == 408 || s == 429 || s > 499)
            park(events, true, r.headers.get('Retry-After'));
        },
        () => park(events, true),
      )
      .catch(() => undefined);
  }

  function drain(online?: boolean): void {
    const o = load();
    if (!o.q.length) return;
    if (o.u > now() && (!online || o.r)) return arm(o.u);
    // One batch at a time, oldest first; its success drains the next (done → drain).
    save({ q: o.q.slice(BATCH_MAX), f: o.f, u: 0 });
    post(o.q.slice(0, BATCH_MAX));
  }

  return {
    send(events, beacon) {
      const o = load();
      // Behind a waiting outbox (its retry timer then sends all, in order), else straight out.
      if (o.u > now() || (o.q.length && !beacon)) park(events);
      else post(events, beacon);
    },
    drain,
  };
}
