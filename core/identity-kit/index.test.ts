import { describe, expect, it } from 'vitest';
import { identityTransforms, NORMALISERS, type NormaliserName } from './index.js';

// SHA-256 vectors from the cross-vendor table in docs/vendors/ads-analytics-warehouse.md (§0.1); `sanfrancisco` and `n`
// computed with sha256sum, the MD5 one with md5sum.
const H = {
  johnSmithGmail: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  personExample: '542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345',
  johnsmithGmail: '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586',
  phoneDigits: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  phonePlus: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
  ukPhone: 'dc008fda46e2e64002cf2f82a4906236282d431c4f75e5b60bfe79fc48546383',
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
  johnMd5: '527bd5b5d689e2c32ae974c6229ff785',
  alice: 'ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976',
};

const cases: { name: string; transform: string; input: unknown; expected: unknown }[] = [
  {
    name: 'An email is trimmed and lowercased before SHA-256',
    transform: 'id.email_sha256',
    input: ' Person@Example.COM ',
    expected: H.personExample,
  },
  {
    name: 'Without the Gmail rule a Gmail address keeps its dots and underscores',
    transform: 'id.email_sha256',
    input: 'John_Smith@gmail.com',
    expected: H.johnSmithGmail,
  },
  {
    name: 'The Gmail rule removes every dot of the local part',
    transform: 'id.email_gmail_sha256',
    input: 'John.Smith@gmail.com',
    expected: H.johnsmithGmail,
  },
  {
    name: 'The Gmail rule removes a plus tag too',
    transform: 'id.email_gmail',
    input: 'john.smith+ads@googlemail.com',
    expected: 'johnsmith@googlemail.com',
  },
  {
    name: 'The Gmail rule leaves other domains alone',
    transform: 'id.email_gmail',
    input: 'John.Smith+x@example.com',
    expected: 'john.smith+x@example.com',
  },
  {
    name: "The alphanumeric local-part rule gives Reddit's documented canonical form",
    transform: 'id.email_local_alnum_sha256',
    input: 'Al.ice$+Apple@Example.Com',
    expected: H.alice,
  },
  {
    name: 'Text that is not an email is dropped',
    transform: 'id.email_sha256',
    input: 'not an email',
    expected: undefined,
  },
  {
    name: 'A phone becomes digits with the country code and no plus',
    transform: 'id.phone_digits_sha256',
    input: '+1 (650) 555-1212',
    expected: H.phoneDigits,
  },
  {
    name: 'A 00 international prefix is dropped',
    transform: 'id.phone_digits_sha256',
    input: '00 1 650 555 1212',
    expected: H.phoneDigits,
  },
  {
    name: 'A UK number with the (0) trunk marker loses it',
    transform: 'id.phone_digits_sha256',
    input: '+44 (0) 844 412 4653',
    expected: H.ukPhone,
  },
  {
    name: 'The E.164 form keeps the plus',
    transform: 'id.phone_e164_sha256',
    input: '1-650-555-1212',
    expected: H.phonePlus,
  },
  {
    name: 'A phone with too few digits is dropped',
    transform: 'id.phone_e164',
    input: '555',
    expected: undefined,
  },
  {
    name: 'A first name is trimmed and lowercased',
    transform: 'id.name_sha256',
    input: ' John ',
    expected: H.john,
  },
  {
    name: 'A last name is lowercased',
    transform: 'id.name_sha256',
    input: 'SMITH',
    expected: H.smith,
  },
  {
    name: 'The letters-only name rule drops punctuation and keeps accents',
    transform: 'id.name_letters',
    input: "Val\u00e9ry-O'Neil",
    expected: 'valéryoneil',
  },
  {
    name: 'A city loses case and spaces',
    transform: 'id.city_sha256',
    input: 'San Francisco',
    expected: H.sanfrancisco,
  },
  { name: 'A state code is lowercased', transform: 'id.state_sha256', input: 'CA', expected: H.ca },
  {
    name: 'A country code is lowercased',
    transform: 'id.country_sha256',
    input: 'US',
    expected: H.us,
  },
  {
    name: 'A spelled-out country is dropped rather than hashed wrongly',
    transform: 'id.country_sha256',
    input: 'United States',
    expected: undefined,
  },
  {
    name: 'A US ZIP+4 keeps its first five digits',
    transform: 'id.zip_sha256',
    input: '94103-1234',
    expected: H.zip,
  },
  {
    name: 'Gender Female becomes f',
    transform: 'id.gender_sha256',
    input: 'Female',
    expected: H.f,
  },
  { name: 'Gender male becomes m', transform: 'id.gender_sha256', input: 'male', expected: H.m },
  {
    name: 'Gender non-binary becomes n',
    transform: 'id.gender_sha256',
    input: 'Non-Binary',
    expected: H.n,
  },
  {
    name: 'An unknown gender is dropped',
    transform: 'id.gender_sha256',
    input: 'prefer not to say',
    expected: undefined,
  },
  {
    name: 'A dashed date of birth becomes YYYYMMDD',
    transform: 'id.date_of_birth_sha256',
    input: '1990-01-15',
    expected: H.dob,
  },
  {
    name: 'An ISO date-time date of birth keeps only the date',
    transform: 'id.date_of_birth_sha256',
    input: '1990-01-15T00:00:00Z',
    expected: H.dob,
  },
  {
    name: 'A free-text date of birth is dropped',
    transform: 'id.date_of_birth',
    input: 'Jan 15 1990',
    expected: undefined,
  },
  {
    name: 'An external id is hashed as given, trimmed',
    transform: 'id.external_id_sha256',
    input: ' user-123 ',
    expected: H.user123,
  },
  {
    name: 'A numeric external id is hashed as its decimal text',
    transform: 'id.external_id',
    input: 42,
    expected: '42',
  },
  {
    name: 'An already-hashed SHA-256 value passes through lower-cased',
    transform: 'id.email_sha256',
    input: H.personExample.toUpperCase(),
    expected: H.personExample,
  },
  {
    name: 'An already-hashed phone is not re-normalised',
    transform: 'id.phone_digits_sha256',
    input: H.phoneDigits,
    expected: H.phoneDigits,
  },
  {
    name: 'MD5 hashes the normalised value',
    transform: 'id.name_md5',
    input: 'JOHN',
    expected: H.johnMd5,
  },
  {
    name: 'An MD5 digest passes through the MD5 rule',
    transform: 'id.name_md5',
    input: H.johnMd5.toUpperCase(),
    expected: H.johnMd5,
  },
  {
    name: 'A non-string value is dropped',
    transform: 'id.email_sha256',
    input: { email: 'x' },
    expected: undefined,
  },
];

describe('identity kit', () => {
  it.each(cases)('$name', ({ transform, input, expected }) => {
    expect(identityTransforms[transform]!.fn(input, undefined)).toBe(expected);
  });

  it('registers every normaliser plain, with SHA-256 and with MD5', () => {
    for (const name of Object.keys(NORMALISERS) as NormaliserName[]) {
      for (const suffix of ['', '_sha256', '_md5'])
        expect(identityTransforms).toHaveProperty([`id.${name}${suffix}`]);
    }
  });
});
