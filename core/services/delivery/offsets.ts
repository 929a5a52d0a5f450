/**
 * Commit watermarks: messages of a partition resolve out of order (batching, retries, rate
 * limits), but a partition's offset may only be committed up to the lowest unresolved one.
 */

interface PartitionState {
  /** Outstanding offsets in arrival (= offset) order; resolved ones are skipped lazily. */
  queue: bigint[];
  head: number;
  resolved: Set<bigint>;
  /** Highest offset committed (or about to be). */
  committed: bigint;
}

/**
 * @example
 * const t = new OffsetTracker();
 * t.add('t', 0, '5'); t.add('t', 0, '6');
 * t.resolve('t', 0, '6'); // → undefined (5 still open)
 * t.resolve('t', 0, '5'); // → '6' (commit through 6)
 */
export class OffsetTracker {
  private readonly parts = new Map<string, PartitionState>();

  /**
   * Count an offset in. Offsets arrive in order; one at or below the last one added means the
   * consumer is reading the partition again from its last commit (after a rebalance or a broker
   * restart): the partition starts over there. Messages of the earlier reading that resolve later
   * are the same messages, so their resolution counts for the new reading too.
   */
  add(topic: string, partition: number, offset: string): void {
    const key = `${topic}:${partition}`;
    const o = BigInt(offset);
    let s = this.parts.get(key);
    const last = s && s.queue.length > 0 ? s.queue[s.queue.length - 1]! : undefined;
    if (!s || (last !== undefined && o <= last) || o <= s.committed) {
      const resolved = s?.resolved ?? new Set<bigint>();
      for (const r of resolved) if (r < o) resolved.delete(r);
      this.parts.set(key, (s = { queue: [], head: 0, resolved, committed: o - 1n }));
    }
    s.queue.push(o);
  }

  /** Mark an offset done; returns the offset to commit through, if the watermark moved. */
  resolve(topic: string, partition: number, offset: string): string | undefined {
    const s = this.parts.get(`${topic}:${partition}`);
    if (!s) return undefined;
    s.resolved.add(BigInt(offset));
    let moved: bigint | undefined;
    while (s.head < s.queue.length && s.resolved.has(s.queue[s.head]!)) {
      const o = s.queue[s.head++]!;
      s.resolved.delete(o);
      if (o > s.committed) moved = s.committed = o;
    }
    if (s.head > 1024 && s.head * 2 > s.queue.length) {
      s.queue = s.queue.slice(s.head);
      s.head = 0;
    }
    return moved === undefined ? undefined : moved.toString();
  }

  /** Outstanding offsets across all partitions. */
  get outstanding(): number {
    let n = 0;
    for (const s of this.parts.values()) n += s.queue.length - s.head;
    return n;
  }
}
