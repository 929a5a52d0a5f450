/**
 * Time as a dependency: delivery never calls `Date.now`/`setTimeout` directly, so tests drive the
 * retry schedule and the rate limiter with a manual clock.
 */

export interface Clock {
  now(): number;
  /** Run `fn` after `ms`; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock. @example systemClock.now() */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

export interface ManualClock extends Clock {
  /** Move time forward, firing due timers in order (awaiting a macrotask between each). */
  advance(ms: number): Promise<void>;
  /** Timers not yet fired. */
  pending(): number;
}

/**
 * A clock that only moves when told to (tests).
 *
 * @example const clock = manualClock(0); clock.setTimer(fn, 1000); await clock.advance(1000);
 */
export function manualClock(start = 0): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    setTimer(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return () => timers.delete(id);
    },
    pending: () => timers.size,
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await settle();
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers)
          if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
      now = target;
      await settle();
    },
  };
}
