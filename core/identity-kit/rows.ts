/**
 * Mapping rows for a Conversions-API-style identity block, as data (runtime-neutral, so
 * declarations and the catalog can import it): where each trait comes from and which identity-kit
 * rule (`email_sha256`, `phone_digits_sha256`, …) the vendor applies to it.
 */
import type { MappingRow } from '../mapping/config.js';
import type { VendorField } from '../mapping/coverage.js';

/** Where each identity field is read from in the canonical envelope. */
const IDENTITY_SOURCES = {
  em: ['traits.email', 'properties.email'],
  ph: ['traits.phone', 'properties.phone'],
  fn: ['traits.first_name', 'traits.firstName'],
  ln: ['traits.last_name', 'traits.lastName'],
  ge: ['traits.gender'],
  db: ['traits.birthday', 'traits.date_of_birth'],
  ct: ['traits.address.city', 'traits.city'],
  st: ['traits.address.state', 'traits.state'],
  zp: ['traits.address.postal_code', 'traits.postal_code'],
  country: ['traits.address.country', 'traits.country'],
  external_id: ['user_id'],
} as const;

type IdentityKey = keyof typeof IDENTITY_SOURCES;

/**
 * The identity hub's hashed identifiers (`context.identity`, docs/identity.md), read last (after
 * the event's own traits) by the rules whose normalisation is the hub's: its digests are of the
 * same normalised text, so they pass through these rules unchanged.
 */
const HUB_SOURCES: Readonly<Record<string, string>> = {
  email_sha256: 'context.identity.email_sha256',
  phone_digits_sha256: 'context.identity.phone_sha256',
  phone_e164_sha256: 'context.identity.phone_e164_sha256',
};

/**
 * The hashing rules Meta and Snapchat share for their `user_data` block (docs/vendors/ads-analytics-warehouse.md
 * §2, §6): phone digits without `+`, names as letters only, external ids lowercased.
 */
export const CAPI_USER_DATA_RULES = {
  em: 'email_sha256',
  ph: 'phone_digits_sha256',
  fn: 'name_letters_sha256',
  ln: 'name_letters_sha256',
  ge: 'gender_sha256',
  db: 'date_of_birth_sha256',
  ct: 'city_sha256',
  st: 'state_sha256',
  zp: 'zip_sha256',
  country: 'country_sha256',
  external_id: 'external_id_lower_sha256',
} as const satisfies Partial<Record<IdentityKey, string>>;

/** Each identity field's rule, or its rule and the vendor's name for it (`['email_sha256', 'email']`). */
type IdentityRules = Partial<Record<IdentityKey, string | readonly [rule: string, target: string]>>;
interface IdentityOptions {
  array?: boolean;
  targets?: Partial<Record<IdentityKey, string>>;
}

/** [key, rule, target name] per identity field. */
const entriesOf = (rules: IdentityRules, opts: IdentityOptions): [IdentityKey, string, string][] =>
  (Object.entries(rules) as [IdentityKey, string | readonly [string, string]][]).map(([key, r]) =>
    typeof r === 'string' ? [key, r, opts.targets?.[key] ?? key] : [key, r[0], r[1]],
  );

/**
 * One row per named identity field: `{prefix}.{key}` ← its sources, through `id.{rule}` (and
 * `to_array` when the vendor wants arrays).
 *
 * @example identityRows('user_data', { em: 'email_sha256' }, { array: true })[0]
 *   // → { source: ['traits.email', 'properties.email'], target: 'user_data.em', transforms: ['id.email_sha256', 'to_array'] }
 */
export function identityRows(
  prefix: string,
  rules: IdentityRules,
  opts: IdentityOptions = {},
): MappingRow[] {
  return entriesOf(rules, opts).map(([key, rule, target]) => {
    const hub = HUB_SOURCES[rule];
    const sources: readonly string[] = hub
      ? [...IDENTITY_SOURCES[key], hub]
      : IDENTITY_SOURCES[key];
    return {
      source: sources.length === 1 ? sources[0] : [...sources],
      target: `${prefix}.${target}`,
      transforms: opts.array ? [`id.${rule}`, 'to_array'] : [`id.${rule}`],
    };
  });
}

/** What each normaliser sends, for field descriptions. */
const RULE_TEXT: Readonly<Record<string, string>> = {
  email: 'the trimmed, lowercased email',
  phone_digits: 'the phone: digits with country code, no +',
  phone_e164: 'the E.164 phone with +',
  name: 'the lowercase name',
  name_letters: 'the lowercase name, letters only',
  name_compact: 'the lowercase name without spaces',
  gender: 'f/m/n',
  date_of_birth: 'YYYYMMDD',
  city: 'the lowercase city without spaces',
  state: 'the two-letter state',
  zip: 'the zip (US: 5 digits)',
  country: 'the ISO alpha-2 country, lowercase',
  external_id: 'the user id',
  external_id_lower: 'the lowercased user id',
  place_ascii: 'lowercase alphanumerics',
};

/**
 * The vendor fields `identityRows` fills (same prefix, rules and targets), described from their
 * rules: `SHA-256 of …` for hashed ones, `Plain, …` for the rest, `(list)` when sent as lists.
 *
 * @example identityFields('user_data', { em: 'email_sha256' })[0].description
 *   // → 'SHA-256 of the trimmed, lowercased email.'
 */
export function identityFields(
  prefix: string,
  rules: IdentityRules,
  opts: IdentityOptions = {},
): VendorField[] {
  return entriesOf(rules, opts).map(([, rule, target]) => {
    const hashed = rule.endsWith('_sha256');
    const text = RULE_TEXT[rule.replace(/_sha256$/, '')] ?? rule;
    return {
      path: `${prefix}.${target}`,
      required: false,
      description: `${hashed ? `SHA-256 of ${text}` : `Plain, ${text}`}${opts.array ? ' (list)' : ''}.`,
    };
  });
}
