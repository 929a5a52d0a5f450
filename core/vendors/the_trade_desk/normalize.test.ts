import { describe, expect, it } from 'vitest';
import { ttdTransforms } from './index.js';

const rule =
  (name: string) =>
  (v: string): unknown =>
    ttdTransforms[name]!.fn(v, undefined);
const ttdNormalizers = {
  ttd_guid: rule('the_trade_desk.guid'),
  ttd_currency: rule('the_trade_desk.currency'),
};

const cases: {
  name: string;
  fn: keyof typeof ttdNormalizers;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: 'a TDID in upper case is lowercased',
    fn: 'ttd_guid',
    input: ' 8F6B2C9E-1D2A-4C3B-9E8F-0A1B2C3D4E5F ',
    expected: '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  },
  {
    name: 'a value that is not a 36-character GUID is dropped',
    fn: 'ttd_guid',
    input: '8f6b2c9e1d2a4c3b9e8f0a1b2c3d4e5f',
    expected: undefined,
  },
  { name: 'a currency is upper-cased', fn: 'ttd_currency', input: 'eur', expected: 'EUR' },
  {
    name: 'a currency that is not three letters is dropped',
    fn: 'ttd_currency',
    input: 'euro',
    expected: undefined,
  },
];

describe('The Trade Desk normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(ttdNormalizers[fn](input)).toBe(expected);
  });
});
