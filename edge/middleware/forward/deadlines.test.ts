import { describe, expect, it } from 'vitest';
import { createDeadlines } from './deadlines.js';

/** A clock the test moves by hand; each `sleep` is a timer the test fires. */
function manualClock() {
  let now = 1_000;
  const timers: { at: number; fire: () => void }[] = [];
  return {
    timers,
    clock: {
      now: () => now,
      sleep: (ms: number) =>
        new Promise<void>((resolve) => void timers.push({ at: now + ms, fire: resolve })),
    },
    /** Move to `t` and fire every timer due by then; resolves once their callbacks have run. */
    async advance(t: number) {
      now = t;
      for (const timer of timers.splice(0).filter((x) => x.at <= t || !timers.push(x)))
        timer.fire();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('bridge call deadlines', () => {
  it('tells a call it is late between its timeout and timeout + slack, through one timer for calls started close together', async () => {
    const m = manualClock();
    const deadlines = createDeadlines(5_000, 1_000, m.clock);
    const told: string[] = [];
    const kept: Promise<void>[] = [];
    deadlines.watch(
      () => told.push('a'),
      (t) => kept.push(t),
    );
    await m.advance(1_600);
    deadlines.watch(
      () => told.push('b'),
      (t) => kept.push(t),
    );
    expect(m.timers).toHaveLength(1);
    expect(kept).toHaveLength(1);
    await m.advance(5_999);
    expect(told).toEqual([]);
    await m.advance(7_000);
    expect(told).toEqual(['a', 'b']);
  });

  it('arms a second timer for a call whose deadline the first does not cover, and each call is told once', async () => {
    const m = manualClock();
    const deadlines = createDeadlines(5_000, 1_000, m.clock);
    const told: string[] = [];
    const keep = (): void => undefined;
    deadlines.watch(() => told.push('a'), keep);
    await m.advance(2_001);
    deadlines.watch(() => told.push('c'), keep);
    expect(m.timers).toHaveLength(2);
    await m.advance(7_000);
    expect(told).toEqual(['a']);
    await m.advance(8_000);
    expect(told).toEqual(['a']);
    await m.advance(8_001);
    expect(told).toEqual(['a', 'c']);
    await m.advance(20_000);
    expect(told).toEqual(['a', 'c']);
  });

  it('never tells a call that was unwatched before its deadline', async () => {
    const m = manualClock();
    const deadlines = createDeadlines(50, 10, m.clock);
    const told: string[] = [];
    const unwatch = deadlines.watch(
      () => told.push('done early'),
      () => undefined,
    );
    deadlines.watch(
      () => told.push('hung'),
      () => undefined,
    );
    unwatch();
    await m.advance(1_100);
    expect(told).toEqual(['hung']);
  });

  it('tells a call due at its timer by the timer itself, not by a clock that reads a little early', async () => {
    const m = manualClock();
    const deadlines = createDeadlines(5_000, 1_000, m.clock);
    const told: string[] = [];
    deadlines.watch(
      () => told.push('a'),
      () => undefined,
    );
    await m.advance(2_000);
    deadlines.watch(
      () => told.push('b'),
      () => undefined,
    );
    // The timer fires; the clock reads 1 ms before the last call's deadline.
    m.timers[0]!.at = 0;
    await m.advance(6_999);
    expect(told).toEqual(['a', 'b']);
  });
});
