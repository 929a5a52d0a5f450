/**
 * Rate limits per integration (docs/design.md "Rate limits"): a token bucket (`rate_limit_rps`,
 * `rate_limit_burst` default 2×rps) and an optional daily request cap kept in a persisted
 * counter. Over the limit the caller waits — nothing is dropped.
 */
import { DataflyError } from '../errors/index.js';
import type { Clock } from '../clock/index.js';

/** Where the daily request count lives (the admin database in production, memory in tests). */
export interface DailyCounterStore {
  /** Add `n` to the day's count and return the new total. */
  add(integrationId: string, day: string, n: number): Promise<number>;
  get(integrationId: string, day: string): Promise<number>;
}

/** @example const store = memoryDailyCounter(); await store.add('tmpl_1', '2026-01-01', 1) // → 1 */
export function memoryDailyCounter(): DailyCounterStore {
  const counts = new Map<string, number>();
  return {
    async add(id, day, n) {
      const next = (counts.get(`${id}|${day}`) ?? 0) + n;
      counts.set(`${id}|${day}`, next);
      return next;
    },
    async get(id, day) {
      return counts.get(`${id}|${day}`) ?? 0;
    },
  };
}

interface RateLimitSettings {
  rps: number;
  burst?: number | undefined;
  /** 0 or undefined: no daily cap. */
  daily?: number | undefined;
}

/** UTC day key. @example utcDay(0) // → '1970-01-01' */
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const nextUtcMidnight = (ms: number): number => (Math.floor(ms / 86_400_000) + 1) * 86_400_000;

/**
 * A token bucket plus daily cap for one integration.
 *
 * @example
 * const limiter = new RateLimiter('tmpl_1', { rps: 10 }, systemClock, memoryDailyCounter());
 * await limiter.acquire(); // resolves when a request may be sent
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private dayKey = '';
  private dayCount = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly integrationId: string,
    private readonly settings: RateLimitSettings,
    private readonly clock: Clock,
    private readonly store: DailyCounterStore,
  ) {
    this.capacity = settings.burst ?? Math.max(1, Math.ceil(settings.rps * 2));
    this.tokens = this.capacity;
    this.last = clock.now();
  }

  /**
   * Milliseconds until a token is free (0 = one is free now). Does not take it.
   */
  waitMs(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.settings.rps) * 1000);
  }

  /** Resolves once one request may go; callers are served in order. */
  acquire(onWait?: (ms: number) => void): Promise<void> {
    const turn = this.chain.then(() => this.take(onWait));
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async take(onWait?: (ms: number) => void): Promise<void> {
    if (this.settings.daily) await this.takeDaily(onWait);
    for (;;) {
      const wait = this.waitMs();
      if (wait === 0) break;
      onWait?.(wait);
      await this.sleep(wait);
    }
    this.tokens -= 1;
  }

  private async takeDaily(onWait?: (ms: number) => void): Promise<void> {
    const cap = this.settings.daily!;
    for (;;) {
      const day = utcDay(this.clock.now());
      if (day !== this.dayKey) {
        this.dayKey = day;
        this.dayCount = await this.store.get(this.integrationId, day);
      }
      if (this.dayCount < cap) {
        this.dayCount = await this.store.add(this.integrationId, day, 1);
        if (this.dayCount <= cap) return;
      }
      const wait = nextUtcMidnight(this.clock.now()) - this.clock.now();
      onWait?.(wait);
      await this.sleep(wait);
    }
  }

  /** Wake every waiter; their `acquire` rejects (shutdown: the events stay uncommitted). */
  close(): void {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.settings.rps,
    );
    this.last = now;
  }

  private async sleep(ms: number): Promise<void> {
    if (this.closed) throw new DataflyError('upstream_unavailable', 'rate limiter closed');
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        this.sleepers.delete(wake);
        cancel();
        resolve();
      };
      const cancel = this.clock.setTimer(wake, ms);
      this.sleepers.add(wake);
    });
    if (this.closed) throw new DataflyError('upstream_unavailable', 'rate limiter closed');
  }
}
