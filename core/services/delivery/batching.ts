/**
 * Batching: events wait per delivery context (revision and parameter values) until the batch
 * holds the vendor's most events or bytes, or the batch interval since its first event has
 * passed; then the whole batch is handed on to be sent. A context whose batch size is 1 sends
 * each event at once. Closing hands on every open batch.
 */
import type { Clock } from '../../clock/index.js';
import type { Item } from './outcomes.js';

/** What batching needs of a context (context.ts). */
interface BatchLimits {
  /** Batches are kept per key. */
  readonly key: string;
  readonly batchMax: number;
  readonly batchBytes: number;
  readonly intervalMs: number;
}

interface Batch<C> {
  ctx: C;
  items: Item[];
  bytes: number;
  cancelTimer: (() => void) | undefined;
}

/**
 * @example
 * const batcher = new Batcher(clock, (ctx, items) => track(sender.deliver(ctx, items)));
 * batcher.add(ctx, item);
 */
export class Batcher<C extends BatchLimits> {
  private readonly open = new Map<string, Batch<C>>();

  constructor(
    private readonly clock: Clock,
    /** Takes a full (or timed-out) batch. */
    private readonly send: (ctx: C, items: Item[]) => void,
  ) {}

  /** Events waiting in open batches. */
  get waiting(): number {
    let n = 0;
    for (const b of this.open.values()) n += b.items.length;
    return n;
  }

  add(ctx: C, item: Item): void {
    let b = this.open.get(ctx.key);
    if (!b) this.open.set(ctx.key, (b = { ctx, items: [], bytes: 0, cancelTimer: undefined }));
    b.items.push(item);
    b.bytes += item.bytes;
    if (b.items.length >= ctx.batchMax || b.bytes >= ctx.batchBytes || ctx.batchMax === 1)
      this.flush(ctx.key);
    else if (!b.cancelTimer)
      b.cancelTimer = this.clock.setTimer(() => this.flush(ctx.key), ctx.intervalMs);
  }

  /** Hand on every open batch (the worker is closing). */
  flushAll(): void {
    for (const key of [...this.open.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const b = this.open.get(key);
    if (!b || b.items.length === 0) return;
    this.open.delete(key);
    b.cancelTimer?.();
    this.send(b.ctx, b.items);
  }
}
