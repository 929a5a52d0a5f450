// Kafka's key hash (core/bus/murmur2.ts) against the Java client's values and against the two
// client libraries' own implementations, over ASCII and non-ASCII keys of every length modulo 4.
import { murmur2 as platformaticMurmur2 } from '@platformatic/kafka';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { murmur2 } from './murmur2.js';

const kafkajsMurmur2 = createRequire(import.meta.url)(
  'kafkajs/src/producer/partitioners/default/murmur2.js',
) as (key: string) => number;

describe('murmur2', () => {
  it("gives the Java client's values", () => {
    expect(murmur2('21')).toBe(-973932308);
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('a-little-bit-long-string')).toBe(-985981536);
    expect(murmur2('a-little-bit-longer-string')).toBe(-1486304829);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
    expect(murmur2('abc')).toBe(479470107);
    expect(murmur2('')).toBe(275646681);
  });

  it('agrees with @platformatic/kafka and kafkajs on ASCII and UTF-8 keys', () => {
    const keys = [
      ...Array.from({ length: 300 }, (_, i) => `anon-${i.toString(36)}-${'x'.repeat(i % 9)}`),
      ...['é', 'café', 'naïve-user-1', '用户-42', 'emoji-😀', 'ÿ', '\u0080', 'a\u07ffb', '\uffff'],
      ...Array.from({ length: 40 }, (_, i) => `${'ü'.repeat(i % 5)}k${i}${'ß'.repeat(i % 3)}`),
    ];
    for (const key of keys) {
      const ours = murmur2(key);
      expect(ours, key).toBe(platformaticMurmur2(key, false));
      expect(ours, key).toBe(kafkajsMurmur2(key));
    }
  });
});
