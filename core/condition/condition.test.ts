import { describe, expect, it } from 'vitest';
import { Condition, compileCondition } from './index.js';

describe('matches conditions run on a linear-time engine', () => {
  // With the platform's backtracking RegExp, `(a+)+$` on 30 000 "a"s and a "!" would not finish
  // in any test's lifetime (it doubles per character); RE2 answers in one pass.
  it('answers a catastrophic-backtracking pattern on a long value', () => {
    const hostile = compileCondition({ path: 'properties.v', matches: '(a+)+$' });
    expect(hostile({ properties: { v: `${'a'.repeat(30_000)}!` } })).toBe(false);
    expect(hostile({ properties: { v: `!${'a'.repeat(30_000)}` } })).toBe(true);
  });

  it.each([
    { pattern: '^Purch', value: 'Purchase', expected: true },
    { pattern: '(?i)^lead$', value: 'LEAD', expected: true },
    { pattern: '\\d{3}', value: 'order 12', expected: false },
    {
      pattern: 'checkout/(step|done)',
      value: 'https://shop.example/checkout/done',
      expected: true,
    },
  ])(
    '/$pattern/ on "$value" is $expected, as a search like RegExp.test',
    ({ pattern, value, expected }) => {
      expect(compileCondition({ path: 'event', matches: pattern })({ event: value })).toBe(
        expected,
      );
    },
  );

  it.each([
    { name: 'a backreference', pattern: '(a)\\1' },
    { name: 'a lookbehind', pattern: '(?<=a)b' },
    { name: 'an unclosed group', pattern: '(abc' },
  ])('refuses $name at save with RE2’s reason, and at compile with the field', ({ pattern }) => {
    const parsed = Condition.safeParse({ path: 'event', matches: pattern });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/RE2 syntax/);
    expect(() =>
      compileCondition({ path: 'event', matches: pattern }, 'transformations.3.when'),
    ).toThrow(expect.objectContaining({ field: 'transformations.3.when.matches' }));
  });
});
