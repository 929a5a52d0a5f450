/**
 * Snapchat Conversions API v3 user-data rules (vendor digest §6, Snap's "Parameters" page). Phones
 * lose the `+`, a `00` international prefix and a `(0)` trunk zero; names keep UTF-8 letters but
 * lose punctuation; IP and user agent are never hashed (the validate endpoint rejects a hashed IP).
 */
import { hashOnce, isSha256Hex } from '../../mapping/hash.js';

const hash = (normalised: string | undefined): string | undefined => (normalised ? hashOnce(normalised) : undefined);

const hashed =
  (normalise: (v: string) => string | undefined) =>
  (raw: string): string | undefined => {
    const v = raw.trim();
    return isSha256Hex(v) ? v.toLowerCase() : hash(normalise(v));
  };

/**
 * Email: trim, lowercase, SHA-256.
 *
 * @example snapEmail('Person@Example.com') // '542d2401…83345' (Snap's documented example)
 */
export const snapEmail = hashed((v) => v.toLowerCase());

/**
 * Phone digits with country code: `(0)` trunk marker, a leading `00` and every non-digit
 * (including `+`) removed, leading zeros dropped.
 *
 * @example snapPhoneDigits('+44 (0)844 412 4653') // '448444124653'
 */
export function snapPhoneDigits(raw: string): string | undefined {
  const digits = raw.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
}

/**
 * Phone: digits with country code, no `+`, then SHA-256.
 *
 * @example snapPhone('+44 844 412 4653') // 'dc008fda…46383' (Snap's documented example)
 */
export const snapPhone = hashed(snapPhoneDigits);

/**
 * First/last name: lowercase UTF-8 letters only (punctuation, digits and spaces removed).
 *
 * @example snapName('Raphaël') // sha256('raphaël')
 */
export const snapName = hashed((v) => v.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}]/gu, '') || undefined);

/** Gender `m`/`f` before hashing; other values are dropped. */
export const snapGender = hashed((v) => {
  const g = v.toLowerCase();
  if (g === 'm' || g === 'male') return 'm';
  if (g === 'f' || g === 'female') return 'f';
  return undefined;
});

/**
 * Birth date `YYYYMMDD` from `YYYY-MM-DD` / `YYYY/MM/DD` / `YYYYMMDD` / ISO date-time.
 *
 * @example snapBirthDate('1990-01-15') // '4747c382…d8bac'
 */
export const snapBirthDate = hashed((v) => {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|T)/.exec(v);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
});

/** City: lowercase, no spaces or punctuation, then SHA-256. */
export const snapCity = hashed((v) => v.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, '') || undefined);

/** State or country: two lowercase letters, then SHA-256; anything else is dropped. */
export const snapCode = hashed((v) => {
  const c = v.toLowerCase();
  return /^[a-z]{2}$/.test(c) ? c : undefined;
});

/** Zip: lowercase without spaces or dashes (US ZIP+4 → 5 digits), then SHA-256. */
export const snapZip = hashed((v) => {
  const z = v.toLowerCase().replace(/[\s-]+/g, '');
  return /^\d{9}$/.test(z) ? z.slice(0, 5) : z || undefined;
});

/** External id: lowercase, no spaces, then SHA-256. */
export const snapExternalId = hashed((v) => v.toLowerCase().replace(/\s+/g, '') || undefined);

/**
 * IP address: plain, never hashed; a value that looks like a digest is dropped instead of sent.
 *
 * @example snapIp('203.0.113.7') // '203.0.113.7'
 */
export function snapIp(raw: string): string | undefined {
  const v = raw.trim();
  return v && !isSha256Hex(v) ? v : undefined;
}

/** The normalisers Snapchat registers with the mapping engine, by transform name. */
export const snapchatNormalizers = {
  snapchat_email: snapEmail,
  snapchat_phone: snapPhone,
  snapchat_name: snapName,
  snapchat_gender: snapGender,
  snapchat_birth_date: snapBirthDate,
  snapchat_city: snapCity,
  snapchat_code: snapCode,
  snapchat_zip: snapZip,
  snapchat_external_id: snapExternalId,
  snapchat_ip: snapIp,
} as const satisfies Record<string, (raw: string) => string | undefined>;
