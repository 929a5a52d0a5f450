import { describe, expect, it } from 'vitest';
import { identityTransforms } from '../../identity-kit/index.js';

// Snap's rules are identity-kit transforms its declaration names (index.ts).
const rule =
  (name: string) =>
  (v: string): unknown =>
    identityTransforms[name]!.fn(v, undefined);
const snapchatNormalizers = {
  snapchat_email: rule('id.email_sha256'),
  snapchat_phone: rule('id.phone_digits_sha256'),
  snapchat_name: rule('id.name_letters_sha256'),
  snapchat_gender: rule('id.gender_sha256'),
  snapchat_birth_date: rule('id.date_of_birth_sha256'),
  snapchat_code: rule('id.country_sha256'),
  snapchat_zip: rule('id.zip_sha256'),
  snapchat_external_id: rule('id.external_id_lower_sha256'),
  snapchat_ip: rule('id.ip'),
};
const snapPhoneDigits = rule('id.phone_digits');

// Vectors from docs/vendors/ads-analytics-warehouse.md (§0.1; the email and UK phone are Snap's documented examples),
// `raphaël` computed with sha256sum over UTF-8.
const H = {
  personExample: '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345',
  ukPhone: 'dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383',
  usPhone: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  john: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
  raphael: 'e74bb89e718fe1e19c422a48382870399f8bf7ca8dfa008739e75b0be76627b7',
  m: '62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a',
  dob: '4747c382bedef489a190a6797e6f4451907b86511bdd49cfa8f9d4c1a78d8bac',
  us: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
  zip: '91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789',
  user123: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
};

const cases: {
  name: string;
  fn: keyof typeof snapchatNormalizers;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: "Snap's documented email example hashes to its documented digest",
    fn: 'snapchat_email',
    input: 'Person@Example.com',
    expected: H.personExample,
  },
  {
    name: "Snap's documented UK phone example hashes to its documented digest",
    fn: 'snapchat_phone',
    input: '+44 844 412 4653',
    expected: H.ukPhone,
  },
  {
    name: 'a UK phone written with a 00 prefix and a (0) trunk zero gives the same digest',
    fn: 'snapchat_phone',
    input: '0044 (0)844 412 4653',
    expected: H.ukPhone,
  },
  {
    name: 'a US phone loses the plus and punctuation',
    fn: 'snapchat_phone',
    input: '+1 650-555-1212',
    expected: H.usPhone,
  },
  {
    name: 'an already-hashed phone is passed through',
    fn: 'snapchat_phone',
    input: H.usPhone,
    expected: H.usPhone,
  },
  {
    name: 'a name with an accent keeps the accented letter',
    fn: 'snapchat_name',
    input: 'Raphaël',
    expected: H.raphael,
  },
  {
    name: 'a name loses punctuation and spaces',
    fn: 'snapchat_name',
    input: " Jo'hn. ",
    expected: H.john,
  },
  { name: 'gender "Male" becomes m', fn: 'snapchat_gender', input: 'Male', expected: H.m },
  {
    name: 'a birth date with slashes becomes YYYYMMDD',
    fn: 'snapchat_birth_date',
    input: '1990/01/15',
    expected: H.dob,
  },
  { name: 'a country code is lowercased', fn: 'snapchat_code', input: 'US', expected: H.us },
  { name: 'a zip with a space is compacted', fn: 'snapchat_zip', input: '941 03', expected: H.zip },
  {
    name: 'an external id is lowercased before hashing',
    fn: 'snapchat_external_id',
    input: 'USER-123',
    expected: H.user123,
  },
  {
    name: 'an IP address is sent in clear',
    fn: 'snapchat_ip',
    input: ' 203.0.113.7 ',
    expected: '203.0.113.7',
  },
  {
    name: 'a hashed IP address is dropped because Snap rejects it',
    fn: 'snapchat_ip',
    input: H.usPhone,
    expected: undefined,
  },
];

describe('Snapchat normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(snapchatNormalizers[fn](input)).toBe(expected);
  });

  it('keeps the country code and drops the trunk zero in the clear phone form', () => {
    expect(snapPhoneDigits('+44 (0)20 7946 0958')).toBe('442079460958');
  });
});
