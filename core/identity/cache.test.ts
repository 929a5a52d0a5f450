import { describe, expect, it } from 'vitest';
import { cachedGraph } from './cache.js';
import { memoryGraph } from './memory.js';
import type { Identifier, IdentityGraph } from './types.js';

const anonFbp: Identifier[] = [
  { kind: 'anonymous_id', value: 'a1' },
  { kind: 'fbp', value: 'fb.1.1.1' },
];
const login: Identifier[] = [
  { kind: 'user_id', value: 'u1' },
  ...anonFbp,
  { kind: 'email_sha256', value: 'e'.repeat(64) },
];

function counting(): {
  graph: IdentityGraph;
  inner: IdentityGraph;
  calls: () => number;
  reads: () => { lists: number; asks: number };
} {
  const inner = memoryGraph();
  let n = 0;
  const reads = { lists: 0, asks: 0 };
  return {
    inner,
    graph: {
      ...inner,
      observe: (...args) => {
        n++;
        return inner.observe(...args);
      },
      suppressions: (...args) => {
        reads.lists++;
        return inner.suppressions(...args);
      },
      suppressed: (...args) => {
        reads.asks++;
        return inner.suppressed(...args);
      },
    },
    calls: () => n,
    reads: () => ({ ...reads }),
  };
}

describe('cachedGraph', () => {
  it('answers a repeated set of identifiers from memory, and forgets a person’s answers when an observation touches it', async () => {
    const { graph, calls } = counting();
    const cached = cachedGraph(graph, { now: () => 0 });
    await cached.observe('o', anonFbp, 0);
    await cached.observe('o', anonFbp, 1);
    expect(calls()).toBe(1);
    await cached.observe('o', login, 2);
    const after = await cached.observe('o', anonFbp, 3);
    expect(calls()).toBe(3);
    expect(after.kind === 'person' && after.hashed.email_sha256).toBe('e'.repeat(64));
  });

  it('asks the graph again after the time to live, after invalidate(), and never caches a suppression', async () => {
    let t = 0;
    const { graph, calls } = counting();
    const cached = cachedGraph(graph, { now: () => t, ttlMs: 1000 });
    await cached.observe('o', anonFbp, 0);
    t = 1000;
    await cached.observe('o', anonFbp, 0);
    cached.invalidate();
    await cached.observe('o', anonFbp, 0);
    expect(calls()).toBe(3);
    const found = await cached.find('o', anonFbp[0]!);
    await cached.erase('o', found!.person_id, 0);
    expect(await cached.observe('o', anonFbp, 0)).toEqual({ kind: 'suppressed' });
    expect(await cached.observe('o', anonFbp, 0)).toEqual({ kind: 'suppressed' });
    expect(calls()).toBe(5);
  });

  it('answers suppressed from one read of the organisation’s suppressions per time to live, read again after a change', async () => {
    let t = 0;
    const { graph, inner, reads } = counting();
    const cached = cachedGraph(graph, { now: () => t, ttlMs: 1000 });
    await inner.suppress('o', [login[0]!], 0);
    expect(await cached.suppressed('o', login)).toBe(true);
    expect(await cached.suppressed('o', anonFbp)).toBe(false);
    expect(await cached.suppressed('other', login)).toBe(false);
    expect(reads()).toEqual({ lists: 2, asks: 0 });
    // Suppressed elsewhere (another admin): seen after invalidate() (a change notification) …
    await inner.suppress('o', [anonFbp[0]!], 0);
    expect(await cached.suppressed('o', anonFbp)).toBe(false);
    cached.invalidate();
    expect(await cached.suppressed('o', anonFbp)).toBe(true);
    // … or after the time to live; and at once when made through this cache.
    await inner.unsuppress('o', [anonFbp[0]!]);
    t = 1000;
    expect(await cached.suppressed('o', anonFbp)).toBe(false);
    await cached.suppress('o', [anonFbp[1]!], 0);
    expect(await cached.suppressed('o', anonFbp)).toBe(true);
    await cached.unsuppress('o', [anonFbp[1]!]);
    expect(await cached.suppressed('o', anonFbp)).toBe(false);
    expect(reads()).toEqual({ lists: 6, asks: 0 });
  });

  it('asks the graph per call when the organisation holds more suppressions than it keeps', async () => {
    const { graph, inner, reads } = counting();
    const cached = cachedGraph(graph, { now: () => 0, maxSuppressions: 1 });
    await inner.suppress('o', [login[0]!, login[3]!], 0);
    expect(await cached.suppressed('o', [login[3]!])).toBe(true);
    expect(await cached.suppressed('o', anonFbp)).toBe(false);
    expect(reads()).toEqual({ lists: 1, asks: 2 });
  });

  it('reads again after a failed read, and the failure reaches the caller', async () => {
    const inner = memoryGraph();
    let fail = true;
    const cached = cachedGraph(
      {
        ...inner,
        suppressions: (...args) =>
          fail ? Promise.reject(new Error('database away')) : inner.suppressions(...args),
      },
      { now: () => 0 },
    );
    await inner.suppress('o', anonFbp, 0);
    await expect(cached.suppressed('o', anonFbp)).rejects.toThrow('database away');
    fail = false;
    expect(await cached.suppressed('o', anonFbp)).toBe(true);
  });
});
