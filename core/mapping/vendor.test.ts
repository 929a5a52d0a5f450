import { describe, expect, it } from 'vitest';
import { fillBySize, splitBySize } from './vendor.js';

const sizes = (parts: { items: string[] }[]) => parts.map((p) => p.items.length);

describe('request bodies by size', () => {
  const build = (batch: readonly string[]): string => `[${batch.join(',')}]`;

  it('fill: a batch that fits is one body, built once', () => {
    let builds = 0;
    const items = ['"a"', '"b"', '"c"'];
    const out = fillBySize(items, (b) => (builds++, build(b)), 100);
    expect(out).toEqual({ parts: [{ items, body: '["a","b","c"]' }], tooBig: [] });
    expect(builds).toBe(1);
  });

  it('fill: each body takes the longest run of items that fits, in order, and an item too big alone is set apart', () => {
    // Each item is 10 bytes; a body of n items is 10n + (n - 1) + 2 bytes.
    const item = (c: string) => `"${c.repeat(8)}"`;
    const items = ['a', 'b', 'c', 'd', 'e'].map(item);
    const big = `"${'x'.repeat(60)}"`;
    const out = fillBySize([...items, big, item('f')], build, 40);
    expect(sizes(out.parts)).toEqual([3, 2, 1]);
    expect(out.parts.flatMap((p) => p.items)).toEqual([...items, item('f')]);
    expect(out.parts.every((p) => Buffer.byteLength(p.body) <= 40)).toBe(true);
    expect(out.tooBig).toEqual([big]);
  });

  it('split: halves a batch until each half fits', () => {
    const items = Array.from({ length: 5 }, (_, i) => `"${String(i).repeat(8)}"`);
    expect(sizes(splitBySize(items, build, 25).parts)).toEqual([2, 1, 2]);
  });
});
