import { describe, expect, it } from 'vitest';
import { builtinTransforms } from './transforms.js';

const run = (name: string, v: unknown, arg?: unknown) => builtinTransforms[name]!.fn(v, arg);

const cases: {
  name: string;
  transform: string;
  input: unknown;
  arg?: unknown;
  expected: unknown;
}[] = [
  { name: 'lowercase lowers a string.', transform: 'lowercase', input: 'AbC', expected: 'abc' },
  {
    name: 'uppercase turns a number into an upper-case string.',
    transform: 'uppercase',
    input: 12,
    expected: '12',
  },
  {
    name: 'trim drops surrounding whitespace.',
    transform: 'trim',
    input: '  a b  ',
    expected: 'a b',
  },
  {
    name: 'sha256 hashes UTF-8 to lowercase hex.',
    transform: 'sha256',
    input: 'john',
    expected: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
  },
  {
    name: 'sha256 leaves an upper-case 64-hex value alone (lower-cased).',
    transform: 'sha256',
    input: 'A'.repeat(64),
    expected: 'a'.repeat(64),
  },
  {
    name: 'sha256 of an empty string is dropped rather than hashed.',
    transform: 'sha256',
    input: '',
    expected: undefined,
  },
  {
    name: 'to_unix_seconds reads an ISO time.',
    transform: 'to_unix_seconds',
    input: '2026-01-01T12:00:00.999Z',
    expected: 1767268800,
  },
  {
    name: 'to_unix_seconds reads epoch milliseconds.',
    transform: 'to_unix_seconds',
    input: 1767268800123,
    expected: 1767268800,
  },
  {
    name: 'to_unix_ms reads epoch seconds.',
    transform: 'to_unix_ms',
    input: 1767268800,
    expected: 1767268800000,
  },
  {
    name: 'to_unix_micros reads an ISO time with an offset.',
    transform: 'to_unix_micros',
    input: '2026-01-01T13:00:00+01:00',
    expected: 1767268800000000,
  },
  {
    name: 'to_iso8601 normalises an offset to UTC.',
    transform: 'to_iso8601',
    input: '2026-01-01T13:00:00+01:00',
    expected: '2026-01-01T12:00:00.000Z',
  },
  {
    name: 'to_iso8601 drops an unparseable time.',
    transform: 'to_iso8601',
    input: 'yesterday',
    expected: undefined,
  },
  {
    name: 'to_number parses a numeric string.',
    transform: 'to_number',
    input: ' 59.98 ',
    expected: 59.98,
  },
  {
    name: 'to_number drops a non-numeric string.',
    transform: 'to_number',
    input: '12abc',
    expected: undefined,
  },
  {
    name: 'to_string serialises an object as JSON.',
    transform: 'to_string',
    input: { a: 1 },
    expected: '{"a":1}',
  },
  { name: 'to_boolean reads "true".', transform: 'to_boolean', input: 'true', expected: true },
  {
    name: 'default fills a missing value.',
    transform: 'default',
    input: undefined,
    arg: 'USD',
    expected: 'USD',
  },
  {
    name: 'default keeps a present value.',
    transform: 'default',
    input: 'EUR',
    arg: 'USD',
    expected: 'EUR',
  },
  { name: 'to_array wraps a scalar.', transform: 'to_array', input: 'x', expected: ['x'] },
  { name: 'first takes the first element.', transform: 'first', input: ['a', 'b'], expected: 'a' },
];

describe('built-in transforms', () => {
  it.each(cases)('$name', ({ transform, input, arg, expected }) => {
    expect(run(transform, input, arg)).toEqual(expected);
  });
});
