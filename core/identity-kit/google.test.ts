import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../mapping/hash.js';
import { hashWith, NORMALISERS } from './index.js';

// Google's user-data rules (docs/vendors/ads-analytics-warehouse.md §3 "Normalisation & hashing"), as Google Ads and GA4 name them.
const {
  email_gmail: googleEmail,
  phone_e164: googlePhone,
  name_clean: googleName,
  street: googleStreet,
  place: googlePlace,
  postal: googlePostal,
  region_code: googleRegionCode,
} = NORMALISERS;

const H = '3586DE92BB3636D0885A12EFF961429A32E4EBD764B96F50D85D016F9338D586';

const cases: {
  name: string;
  fn: (s: string) => string | undefined;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: 'Every dot in a gmail local part is removed.',
    fn: googleEmail,
    input: 'John.Smith@gmail.com',
    expected: 'johnsmith@gmail.com',
  },
  {
    name: 'A plus tag in a googlemail address is removed with its dots.',
    fn: googleEmail,
    input: ' J.o.h.n+ads@GoogleMail.com ',
    expected: 'john@googlemail.com',
  },
  {
    name: 'Dots and plus tags are kept for other domains.',
    fn: googleEmail,
    input: 'John.Smith+x@example.com',
    expected: 'john.smith+x@example.com',
  },
  {
    name: 'Intermediate whitespace in an email is removed.',
    fn: googleEmail,
    input: 'john smith@example.com',
    expected: 'johnsmith@example.com',
  },
  {
    name: 'A phone is written E.164 with its plus.',
    fn: googlePhone,
    input: '+1 (650) 555-1212',
    expected: '+16505551212',
  },
  {
    name: 'A 00 international prefix becomes a plus.',
    fn: googlePhone,
    input: '0044 844 412 4653',
    expected: '+448444124653',
  },
  {
    name: 'A name keeps its accent and loses digits and symbols.',
    fn: googleName,
    input: ' Valéry3! ',
    expected: 'valéry',
  },
  {
    name: 'A street loses symbols.',
    fn: googleStreet,
    input: '1600 Amphitheatre Pkwy.',
    expected: '1600 amphitheatre pkwy',
  },
  {
    name: 'A GA4 city loses spaces.',
    fn: googlePlace,
    input: 'San Francisco',
    expected: 'sanfrancisco',
  },
  {
    name: 'A ZIP+4 becomes five digits.',
    fn: googlePostal,
    input: '94103-1234',
    expected: '94103',
  },
  {
    name: 'A region code is two upper-case letters.',
    fn: googleRegionCode,
    input: 'us',
    expected: 'US',
  },
  {
    name: 'A region that is not two letters is dropped.',
    fn: googleRegionCode,
    input: 'USA',
    expected: undefined,
  },
  {
    name: 'An already-hashed email is left alone.',
    fn: hashWith('sha256', googleEmail),
    input: H,
    expected: H.toLowerCase(),
  },
  {
    name: 'An already-hashed phone is left alone.',
    fn: hashWith('sha256', googlePhone),
    input: H,
    expected: H.toLowerCase(),
  },
];

describe('Google normalisers in the identity kit', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(fn(input)).toBe(expected);
  });
});

const vectors = [
  {
    name: 'The gmail-dot vector matches the digest.',
    input: googleEmail('John.Smith@gmail.com'),
    hash: '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586',
  },
  {
    name: 'The E.164 phone vector matches the digest.',
    input: googlePhone('(650) 555-1212 '.replace('(', '+1 (')),
    hash: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
  },
  {
    name: 'The last-name vector matches the digest.',
    input: googleName('Smith'),
    hash: '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd',
  },
];

describe('Google hash vectors', () => {
  it.each(vectors)('$name', ({ input, hash }) => {
    expect(sha256Hex(input ?? '')).toBe(hash);
  });
});
