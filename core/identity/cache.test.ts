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

function counting(): { graph: IdentityGraph; calls: () => number } {
  const inner = memoryGraph();
  let n = 0;
  return {
    graph: {
      ...inner,
      observe: (...args) => {
        n++;
        return inner.observe(...args);
      },
    },
    calls: () => n,
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
});
