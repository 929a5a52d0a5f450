import { describe, expect, it } from 'vitest';
import { identityTransforms } from '../../identity-kit/index.js';
import { linkedinTransforms } from './index.js';

// LinkedIn's rules: the identity kit's email rule and the folder's plain-text transforms (index.ts).
const rule =
  (name: string) =>
  (v: string): unknown =>
    ({ ...identityTransforms, ...linkedinTransforms })[name]!.fn(v, undefined);
const linkedinNormalizers = {
  linkedin_email: rule('id.email_sha256'),
  linkedin_text: rule('linkedin.text'),
  linkedin_country: rule('linkedin.country'),
};

const H = {
  johnSmithGmail: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
};

const cases: {
  name: string;
  fn: keyof typeof linkedinNormalizers;
  input: string;
  expected: string | undefined;
}[] = [
  {
    name: 'an email is trimmed and lowercased before SHA256_EMAIL hashing',
    fn: 'linkedin_email',
    input: ' John_Smith@GMAIL.com',
    expected: H.johnSmithGmail,
  },
  {
    name: 'an already-hashed email is passed through lowercased',
    fn: 'linkedin_email',
    input: H.johnSmithGmail.toUpperCase(),
    expected: H.johnSmithGmail,
  },
  { name: 'an empty email is dropped', fn: 'linkedin_email', input: '  ', expected: undefined },
  {
    name: 'a first name stays plain text, trimmed, with its accents',
    fn: 'linkedin_text',
    input: '  Valéry  ',
    expected: 'Valéry',
  },
  {
    name: 'a company name collapses inner whitespace',
    fn: 'linkedin_text',
    input: 'Acme   Corp',
    expected: 'Acme Corp',
  },
  { name: 'a country code is upper-cased', fn: 'linkedin_country', input: 'us', expected: 'US' },
  {
    name: 'a spelled-out country is dropped',
    fn: 'linkedin_country',
    input: 'France',
    expected: undefined,
  },
];

describe('LinkedIn normalisers', () => {
  it.each(cases)('$name', ({ fn, input, expected }) => {
    expect(linkedinNormalizers[fn](input)).toBe(expected);
  });
});
