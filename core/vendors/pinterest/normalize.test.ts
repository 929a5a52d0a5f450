import { describe, expect, it } from 'vitest';
import { pinterestNormalizers } from './normalize.js';

// SHA-256 vectors from the vendor digest (§0.1) plus `sanfrancisco` / `n` computed with sha256sum.
const H = {
  personExample: '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345',
  phoneDigits: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  john: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
  smith: '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd',
  us: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
  ca: '6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126',
  zip: '91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789',
  m: '62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a',
  f: '252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111',
  n: '1b16b1df538ba12dc3f97edbb85caa7050d46c148134290feba80f8236c83db9',
  dob: '4747c382bedef489a190a6797e6f4451907b86511bdd49cfa8f9d4c1a78d8bac',
  user123: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
  sanfrancisco: '1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac',
};

const cases: { name: string; fn: keyof typeof pinterestNormalizers; input: string; expected: string | undefined }[] = [
  { name: 'an email is trimmed and lowercased before hashing', fn: 'pinterest_email', input: ' Person@Example.COM ', expected: H.personExample },
  { name: 'an already-hashed email is passed through lowercased', fn: 'pinterest_email', input: H.personExample.toUpperCase(), expected: H.personExample },
  { name: 'a phone is hashed as digits only, without the plus', fn: 'pinterest_phone', input: '+1 (650) 555-1212', expected: H.phoneDigits },
  { name: 'a phone with a 00 international prefix loses the zeros', fn: 'pinterest_phone', input: '00 1 650 555 1212', expected: H.phoneDigits },
  { name: 'a phone with too few digits is dropped', fn: 'pinterest_phone', input: '555', expected: undefined },
  { name: 'gender "Female" becomes f', fn: 'pinterest_gender', input: 'Female', expected: H.f },
  { name: 'gender "male" becomes m', fn: 'pinterest_gender', input: 'male', expected: H.m },
  { name: 'gender "non-binary" becomes n', fn: 'pinterest_gender', input: 'Non-Binary', expected: H.n },
  { name: 'an unknown gender is dropped', fn: 'pinterest_gender', input: 'prefer not to say', expected: undefined },
  { name: 'a dashed birth date becomes YYYYMMDD', fn: 'pinterest_birth_date', input: '1990-01-15', expected: H.dob },
  { name: 'an ISO date-time birth date keeps only the date', fn: 'pinterest_birth_date', input: '1990-01-15T00:00:00Z', expected: H.dob },
  { name: 'a free-text birth date is dropped', fn: 'pinterest_birth_date', input: 'Jan 15 1990', expected: undefined },
  { name: 'a first name is lowercased and trimmed', fn: 'pinterest_name', input: ' John ', expected: H.john },
  { name: 'a last name is lowercased', fn: 'pinterest_name', input: 'SMITH', expected: H.smith },
  { name: 'a city loses case and spaces', fn: 'pinterest_city', input: 'San Francisco', expected: H.sanfrancisco },
  { name: 'a state code is lowercased', fn: 'pinterest_code', input: 'CA', expected: H.ca },
  { name: 'a country code is lowercased', fn: 'pinterest_code', input: 'US', expected: H.us },
  { name: 'a spelled-out country is dropped rather than hashed wrongly', fn: 'pinterest_code', input: 'United States', expected: undefined },
  { name: 'a US ZIP+4 keeps its first five digits', fn: 'pinterest_zip', input: '94103-1234', expected: H.zip },
  { name: 'an external id is hashed as given (trimmed)', fn: 'pinterest_external_id', input: ' user-123 ', expected: H.user123 },
];

describe('Pinterest normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(pinterestNormalizers[fn](input)).toBe(expected);
  });
});
