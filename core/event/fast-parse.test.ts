import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Context, EventInput } from './envelope.js';
import { fastParser } from './fast-parse.js';

/** The same value with the same key order everywhere (toEqual ignores key order). */
const sameJson = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

/** What the fast path must do for `value`: zod's output, or nothing when zod refuses it. */
function expectAgreement(schema: z.ZodType, value: unknown): 'fast' | 'zod' | 'invalid' {
  const fast = fastParser(schema)!;
  const zod = schema.safeParse(value);
  const out = fast(value);
  if (out === undefined) return zod.success ? 'zod' : 'invalid';
  expect(zod.success).toBe(true);
  expect(out).toEqual(zod.data);
  sameJson(out, zod.data);
  return 'fast';
}

const event = () => ({
  event: 'Product Added',
  event_id: 'evt-1',
  type: 'track',
  properties: { product_id: 'sku-123', price: 49.9, nested: { a: [1, 2] } },
  timestamp: '2026-01-01T00:00:00.000Z',
  sent_at: '2026-01-01T00:00:00.100+01:00',
  custom_top: { kept: true },
  context: {
    extra: 'kept after the known keys',
    library: { name: 'datafly.js', version: '1.0.0' },
    page: { url: 'https://shop.example/p?gclid=1', title: 'Shoes', custom: 1 },
    screen: { width: 1280, height: 720, density: 2 },
    consent: { analytics: true },
    click_ids: { gclid: '1' },
    geo: { country: 'DE' },
    ip: '203.0.113.7',
  },
});

/** A small deterministic PRNG (mulberry32), so the generated cases are the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  ['event'],
  ['event_id'],
  ['messageId'],
  ['type'],
  ['name'],
  ['anonymous_id'],
  ['user_id'],
  ['group_id'],
  ['timestamp'],
  ['sent_at'],
  ['properties'],
  ['traits'],
  ['context'],
  ['context', 'page'],
  ['context', 'page', 'url'],
  ['context', 'page', 'title'],
  ['context', 'ip'],
  ['context', 'screen'],
  ['context', 'screen', 'width'],
  ['context', 'consent'],
  ['context', 'consent', 'analytics'],
  ['context', 'click_ids'],
  ['context', 'library'],
  ['context', 'library', 'name'],
  ['context', 'geo', 'country'],
  ['properties', 'price'],
  ['custom_top'],
];

const VALUES: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => '',
  () => 'x',
  () => 'x'.repeat(64),
  () => 'x'.repeat(65),
  () => 'x'.repeat(256),
  () => 'x'.repeat(257),
  () => 'x'.repeat(2049),
  () => '2026-02-29T00:00:00Z',
  () => '2028-02-29T10:00:00.123-05:00',
  () => '2026-01-01 00:00:00Z',
  () => 'track',
  () => 'identify',
  () => 'group',
  () => 'page',
  () => 0,
  () => -1.5,
  () => NaN,
  () => Infinity,
  () => true,
  () => false,
  () => [],
  () => ['a'],
  () => ({}),
  () => ({ a: 'b' }),
  () => ({ a: 1 }),
  () => ({ a: true }),
  () => JSON.parse('{"__proto__":{"polluted":1},"a":"b"}') as unknown,
  () => ({ constructor: 'x' }),
  () => Object.create(null) as unknown,
  () => new Date(0),
  () => ({ [Symbol('s')]: 'x' }),
];

function mutate(base: Record<string, unknown>, rand: () => number): unknown {
  const copy = structuredClone(base);
  const path = PATHS[Math.floor(rand() * PATHS.length)]!;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  const value = VALUES[Math.floor(rand() * VALUES.length)]!();
  if (value === undefined && rand() < 0.5) delete at[last];
  else at[last] = value;
  return copy;
}

describe('fastParser', () => {
  it('gives zod’s output, key order included, for an event zod accepts', () => {
    expect(fastParser(EventInput)).not.toBeNull();
    expect(expectAgreement(EventInput, event())).toBe('fast');
    expect(expectAgreement(Context, event().context)).toBe('fast');
  });

  it.each([
    { name: 'a track event without a name', value: { type: 'track' } },
    { name: 'an unknown type', value: { type: 'alias', event: 'x' } },
    { name: 'an identify event without user_id or traits', value: { type: 'identify' } },
    { name: 'a group event without group_id', value: { type: 'group' } },
    { name: 'a timestamp that is not ISO', value: { ...event(), timestamp: 'yesterday' } },
    { name: 'an empty event_id', value: { ...event(), event_id: '' } },
    { name: 'a context that is an array', value: { ...event(), context: [] } },
    {
      name: 'a consent value that is not a boolean',
      value: { ...event(), context: { consent: { a: 1 } } },
    },
    { name: 'an array', value: [] },
    { name: 'null', value: null },
  ])('leaves $name to zod', ({ value }) => {
    expect(EventInput.safeParse(value).success).toBe(false);
    expect(fastParser(EventInput)!(value)).toBeUndefined();
  });

  it('drops __proto__ keys as zod does, without touching any prototype', () => {
    const raw = JSON.parse(
      '{"type":"track","event":"x","__proto__":{"polluted":1},"properties":{"__proto__":{"p":1},"a":1}}',
    ) as unknown;
    expect(expectAgreement(EventInput, raw)).toBe('fast');
    const out = fastParser(EventInput)!(raw) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('agrees with zod on 5,000 generated variants of an event, valid and not', () => {
    const rand = random(20);
    const counts = { fast: 0, zod: 0, invalid: 0 };
    for (let i = 0; i < 5_000; i++) {
      let value = mutate(event(), rand);
      if (rand() < 0.5) value = mutate(value as Record<string, unknown>, rand);
      counts[expectAgreement(EventInput, value)]++;
    }
    // Both kinds are generated, and the fast path takes nearly every valid one itself (it leaves
    // zod only records that are not plain objects or hold a `constructor` key).
    expect(counts.invalid).toBeGreaterThan(1_000);
    expect(counts.fast).toBeGreaterThan(500);
    expect(counts.zod).toBeLessThan(counts.fast / 20);
  });

  it.each([
    { name: 'a strict object', schema: z.strictObject({ a: z.string() }) },
    { name: 'an object that strips unknown keys', schema: z.object({ a: z.string() }) },
    { name: 'an e-mail format', schema: z.looseObject({ a: z.email() }) },
    { name: 'a default', schema: z.looseObject({ a: z.string().default('x') }) },
    { name: 'a transform', schema: z.looseObject({ a: z.string().transform((s) => s.length) }) },
    { name: 'a number with a minimum', schema: z.looseObject({ a: z.number().min(1) }) },
  ])('compiles $name to null (zod throughout)', ({ schema }) => {
    expect(fastParser(schema)).toBeNull();
  });
});
