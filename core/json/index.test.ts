import { describe, expect, it } from 'vitest';
import { checkJson, MAX_JSON_DEPTH, utf8SizeOver } from './index.js';

const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('checkJson', () => {
  it.each([
    { name: 'a flat object passes', value: { a: 1, b: 'x' }, options: {}, expected: null },
    {
      name: 'nesting at the limit passes',
      value: deep(MAX_JSON_DEPTH),
      options: {},
      expected: null,
    },
    {
      name: 'one level past the limit names the innermost container',
      value: { a: deep(3) },
      options: { maxDepth: 3 },
      expected: { field: 'a.0.0', message: 'nests deeper than 3 levels' },
    },
    {
      name: 'a root past the limit is the body',
      value: [],
      options: { maxDepth: 0 },
      expected: { field: '(body)', message: 'nests deeper than 0 levels' },
    },
    {
      name: 'a prefix is put before the field',
      value: { p: [[1]] },
      options: { maxDepth: 2, prefix: 'batch[2].' },
      expected: { field: 'batch[2].p.0', message: 'nests deeper than 2 levels' },
    },
    {
      name: 'a NUL in a string is found when asked',
      value: { name: ['ok', 'a\u0000b'] },
      options: { noNul: true },
      expected: { field: 'name.1', message: 'contains a NUL character (U+0000)' },
    },
    {
      name: 'a NUL in a key is found when asked',
      value: { ['k\u0000']: 1 },
      options: { noNul: true },
      expected: { field: 'k\\u0000', message: 'has a key with a NUL character (U+0000)' },
    },
    {
      name: 'a NUL is allowed unless asked',
      value: { name: 'a\u0000b' },
      options: {},
      expected: null,
    },
  ])('$name', ({ value, options, expected }) => {
    expect(checkJson(value, options)).toEqual(expected);
  });

  it('measures a value far deeper than the stack allows without overflowing', () => {
    expect(checkJson(deep(1_000_000))?.message).toBe(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  });
});

describe('utf8SizeOver', () => {
  it.each([
    { name: 'short ASCII is within the limit', text: 'abc', limit: 3, expected: null },
    { name: 'ASCII one byte over gives its size', text: 'abcd', limit: 3, expected: 4 },
    { name: 'three-byte characters are counted as such', text: '€€', limit: 5, expected: 6 },
    { name: 'three-byte characters at the limit pass', text: '€€', limit: 6, expected: null },
    { name: 'a surrogate pair is four bytes', text: '😀', limit: 3, expected: 4 },
    { name: 'a lone surrogate is encoded as U+FFFD', text: '\ud800', limit: 2, expected: 3 },
  ])('$name', ({ text, limit, expected }) => {
    expect(utf8SizeOver(text, limit)).toBe(expected);
    expect(new TextEncoder().encode(text).byteLength > limit).toBe(expected !== null);
  });
});
