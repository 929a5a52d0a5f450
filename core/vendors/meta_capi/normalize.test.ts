import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../mapping/hash.js';
import { identityTransforms } from '../../identity-kit/index.js';

// Meta's rules are identity-kit normalisers its declaration names (index.ts), hashed after.
const rule =
  (name: string) =>
  (v: string): string | undefined =>
    identityTransforms[name]!.fn(v, undefined) as string | undefined;
const [metaEmail, metaPhone, metaName, metaCity, metaState] = [
  rule('id.email'),
  rule('id.phone_digits'),
  rule('id.name_letters'),
  rule('id.city'),
  rule('id.state'),
];
const [metaZip, metaCountry, metaGender, metaDob, metaExternalId] = [
  rule('id.zip'),
  rule('id.country'),
  rule('id.gender'),
  rule('id.date_of_birth'),
  rule('id.external_id_lower'),
];

const HASHED = '62A14E44F765419D10FEA99367361A727C12365E2520F32218D505ED9AA0F62F';

const cases: {
  name: string;
  fn: (s: string) => string | undefined;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: 'An email is trimmed and lowercased.',
    fn: metaEmail,
    input: ' John_Smith@Gmail.com ',
    expected: 'john_smith@gmail.com',
  },
  {
    name: 'Gmail dots are kept for Meta (no Google rule).',
    fn: metaEmail,
    input: 'John.Smith@gmail.com',
    expected: 'john.smith@gmail.com',
  },
  {
    name: 'A phone loses +, symbols and spaces but keeps its country code.',
    fn: metaPhone,
    input: '+1 (650) 555-1212',
    expected: '16505551212',
  },
  {
    name: 'A phone written with an international 00 prefix loses the leading zeros.',
    fn: metaPhone,
    input: '0044 844 412 4653',
    expected: '448444124653',
  },
  {
    name: 'A name with an accent keeps the accented letter.',
    fn: metaName,
    input: ' Valéry ',
    expected: 'valéry',
  },
  { name: 'A name loses punctuation.', fn: metaName, input: "O'Neil", expected: 'oneil' },
  {
    name: 'A decomposed accent is composed before hashing (NFC).',
    fn: metaName,
    input: 'Vale\u0301ry',
    expected: 'valéry',
  },
  {
    name: 'A city loses spaces and is lowercased.',
    fn: metaCity,
    input: 'San Francisco',
    expected: 'sanfrancisco',
  },
  { name: 'A state code is lowercased.', fn: metaState, input: 'CA', expected: 'ca' },
  {
    name: 'A US ZIP+4 is cut to five digits.',
    fn: metaZip,
    input: '94103-1234',
    expected: '94103',
  },
  {
    name: 'A UK postcode loses its space and is lowercased.',
    fn: metaZip,
    input: 'SW1A 1AA',
    expected: 'sw1a1aa',
  },
  { name: 'A country code is lowercased.', fn: metaCountry, input: 'US', expected: 'us' },
  { name: 'Gender words become m or f.', fn: metaGender, input: 'Female', expected: 'f' },
  { name: 'An unknown gender is dropped.', fn: metaGender, input: 'other', expected: undefined },
  {
    name: 'A birth date becomes YYYYMMDD.',
    fn: metaDob,
    input: '1990-01-15',
    expected: '19900115',
  },
  {
    name: 'An external id is lowercased with whitespace removed.',
    fn: metaExternalId,
    input: ' User-123 ',
    expected: 'user-123',
  },
  {
    name: 'An already-hashed value is left alone (lowercased) by every hashing rule.',
    fn: rule('id.phone_digits_sha256'),
    input: HASHED,
    expected: HASHED.toLowerCase(),
  },
  {
    name: 'A value that normalises to nothing is dropped.',
    fn: metaPhone,
    input: 'n/a',
    expected: undefined,
  },
];

describe('Meta normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(fn(input)).toBe(expected);
  });
});

// Digest §0.1 test vectors (Meta documentation examples).
const vectors = [
  {
    name: 'The email vector matches Meta’s documented hash.',
    input: metaEmail('John_Smith@gmail.com'),
    hash: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  },
  {
    name: 'The phone vector matches Meta’s documented hash.',
    input: metaPhone('+1 (650) 555-1212'),
    hash: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  },
  {
    name: 'The first-name vector matches the digest.',
    input: metaName('John'),
    hash: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
  },
  {
    name: 'The city vector matches the digest.',
    input: metaCity('San Francisco'),
    hash: '1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac',
  },
  {
    name: 'The zip vector matches the digest.',
    input: metaZip('94103-1234'),
    hash: '91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789',
  },
  {
    name: 'The date-of-birth vector matches the digest.',
    input: metaDob('1990-01-15'),
    hash: '4747c382bedef489a190a6797e6f4451907b86511bdd49cfa8f9d4c1a78d8bac',
  },
];

describe('Meta hash vectors', () => {
  it.each(vectors)('$name', ({ input, hash }) => {
    expect(sha256Hex(input ?? '')).toBe(hash);
  });
});
