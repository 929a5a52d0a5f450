/**
 * Deadlines for the bridge calls of an isolate without a timer per call. A timer per request
 * costs measurably in workerd (4–7 % of the edge's CPU per request in `npm run bench -- edge`,
 * whatever its form: `setTimeout`, one promise, `AbortSignal.timeout`), so one timer serves every
 * call that starts within `slackMs` of the call that armed it: it fires `timeoutMs + slackMs` after
 * that call started and tells each call whose deadline has passed. A call is told between
 * `timeoutMs` and `timeoutMs + slackMs` after it started.
 *
 * The timer runs in the request that armed it, which may have answered long before: `keepAlive`
 * (Workers' `waitUntil`) holds that request open until the timer fires, and the runtime runs each
 * told call's continuation in its own request (a promise resolved from another request's context).
 */

/** A call being watched: stop watching it once it has its answer. */
export type Unwatch = () => void;

interface Watched {
  due: number;
  late: () => void;
}

export interface Deadlines {
  /** Call `late` once `timeoutMs` (up to `timeoutMs + slackMs`) has passed, unless unwatched first. */
  watch(late: () => void, keepAlive: (timer: Promise<void>) => void): Unwatch;
}

/**
 * @example
 * const deadlines = createDeadlines(5_000, 1_000);
 * const unwatch = deadlines.watch(() => rejectLate(), (t) => ctx.waitUntil(t));
 */
export function createDeadlines(
  timeoutMs: number,
  slackMs: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): Deadlines {
  const watched = new Set<Watched>();
  /** When the latest armed timer fires (every deadline up to it is covered). */
  let coveredUntil = -Infinity;

  /** A timer's end: every call due by then is told (judged by the timer, not by a clock read). */
  const fire = (until: number): void => {
    for (const w of watched)
      if (w.due <= until) {
        watched.delete(w);
        w.late();
      }
  };

  return {
    watch(late, keepAlive) {
      const now = clock.now();
      const w: Watched = { due: now + timeoutMs, late };
      watched.add(w);
      if (w.due > coveredUntil) {
        const until = (coveredUntil = w.due + slackMs);
        keepAlive(clock.sleep(timeoutMs + slackMs).then(() => fire(until)));
      }
      return () => void watched.delete(w);
    },
  };
}
