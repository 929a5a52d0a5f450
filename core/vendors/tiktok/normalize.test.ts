import { describe, expect, it } from 'vitest';
import { identityTransforms } from '../../identity-kit/index.js';

// TikTok's rules are identity-kit transforms its declaration names (index.ts).
const rule =
  (name: string) =>
  (v: string): unknown =>
    identityTransforms[name]!.fn(v, undefined);
const tiktokNormalizers = {
  tiktok_email: rule('id.email_sha256'),
  tiktok_phone: rule('id.phone_e164_sha256'),
  tiktok_external_id: rule('id.external_id_sha256'),
  tiktok_name: rule('id.name_compact_sha256'),
  tiktok_zip: rule('id.zip_sha256'),
  tiktok_place: rule('id.place_ascii'),
};
const tiktokPhoneE164 = rule('id.phone_e164');

// Vectors from docs/vendors/ads-analytics-warehouse.md (§0.1): SHA-256 hex of the normalised input.
const H = {
  johnSmithGmail: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  personExample: '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345',
  phonePlus: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
  phoneDigits: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  john: '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
  zip: '91dc2519ea98c5002cf2091e6a12b772eafdce9dca618e626d7d3b8275361789',
  user123: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
};

const cases: {
  name: string;
  fn: keyof typeof tiktokNormalizers;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: 'an email is trimmed and lowercased before hashing',
    fn: 'tiktok_email',
    input: '  John_Smith@Gmail.com ',
    expected: H.johnSmithGmail,
  },
  {
    name: "Gmail dots are kept: the dot rule is Google's, not TikTok's",
    fn: 'tiktok_email',
    input: 'Person@Example.com',
    expected: H.personExample,
  },
  {
    name: 'an already-hashed email is passed through, lowercased',
    fn: 'tiktok_email',
    input: H.personExample.toUpperCase(),
    expected: H.personExample,
  },
  {
    name: 'a formatted phone with + is hashed as E.164 with the plus',
    fn: 'tiktok_phone',
    input: '+1 (650) 555-1212',
    expected: H.phonePlus,
  },
  {
    name: 'a phone with a 00 prefix becomes +E.164',
    fn: 'tiktok_phone',
    input: '0016505551212',
    expected: H.phonePlus,
  },
  {
    name: 'a digits-only phone gets the plus added (never the Meta digits form)',
    fn: 'tiktok_phone',
    input: '16505551212',
    expected: H.phonePlus,
  },
  {
    name: 'a phone too short to be a number is dropped',
    fn: 'tiktok_phone',
    input: '12-34',
    expected: undefined,
  },
  {
    name: 'an already-hashed phone is passed through',
    fn: 'tiktok_phone',
    input: H.phoneDigits,
    expected: H.phoneDigits,
  },
  {
    name: 'an external id is trimmed and hashed',
    fn: 'tiktok_external_id',
    input: ' user-123 ',
    expected: H.user123,
  },
  {
    name: 'a first name loses case and spaces before hashing',
    fn: 'tiktok_name',
    input: ' JO HN ',
    expected: H.john,
  },
  {
    name: 'a zip code loses spaces and dashes before hashing',
    fn: 'tiktok_zip',
    input: ' 941-03 ',
    expected: H.zip,
  },
  {
    name: 'a city is sent in clear as lowercase alphanumerics',
    fn: 'tiktok_place',
    input: 'San Francisco',
    expected: 'sanfrancisco',
  },
  {
    name: 'a city with accents is folded to ASCII letters',
    fn: 'tiktok_place',
    input: 'São Paulo',
    expected: 'saopaulo',
  },
  { name: 'a state code is lowercased', fn: 'tiktok_place', input: 'CA', expected: 'ca' },
  {
    name: 'a place made only of punctuation is dropped',
    fn: 'tiktok_place',
    input: ' - ',
    expected: undefined,
  },
];

describe('TikTok normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(tiktokNormalizers[fn](input)).toBe(expected);
  });

  it('formats a UK number with a (0) trunk marker as E.164', () => {
    expect(tiktokPhoneE164('+44 (0)844 412 4653')).toBe('+448444124653');
  });
});
