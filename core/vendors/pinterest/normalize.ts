/**
 * Pinterest Conversions API v5 user-data rules (vendor digest §5). Every hashed field travels as an
 * array of SHA-256 hex strings (the engine wraps with `to_array`); these functions return one
 * value. Phones are digits only (no `+`), gender is `f`/`m`/`n`, birth dates are `YYYYMMDD`.
 */
import { hashOnce, isSha256Hex } from '../../mapping/hash.js';

const hash = (normalised: string | undefined): string | undefined => (normalised ? hashOnce(normalised) : undefined);

/** Run `normalise` unless the value is already a digest, then hash. */
const hashed =
  (normalise: (v: string) => string | undefined) =>
  (raw: string): string | undefined => {
    const v = raw.trim();
    return isSha256Hex(v) ? v.toLowerCase() : hash(normalise(v));
  };

/**
 * Email: trim, lowercase, SHA-256.
 *
 * @example pinterestEmail('Person@Example.com') // '542d2401…83345'
 */
export const pinterestEmail = hashed((v) => v.toLowerCase());

/**
 * Phone: digits only with the country code — `+`, spaces, punctuation and leading zeros
 * (a `00` international prefix) removed — then SHA-256.
 *
 * @example pinterestPhone('+1 (650) 555-1212') // 'e323ec62…b3176' (sha256 of '16505551212')
 */
export const pinterestPhone = hashed((v) => {
  const digits = v.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
});

/**
 * Gender: `f`, `m` or `n` (non-binary) before hashing; anything unrecognised is dropped.
 *
 * @example pinterestGender('Female') // sha256('f')
 */
export const pinterestGender = hashed((v) => {
  const g = v.toLowerCase();
  if (g === 'f' || g === 'female' || g === 'woman') return 'f';
  if (g === 'm' || g === 'male' || g === 'man') return 'm';
  if (g === 'n' || g === 'non-binary' || g === 'nonbinary' || g === 'non_binary') return 'n';
  return undefined;
});

/**
 * Birth date as `YYYYMMDD` from `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD` or an ISO date-time.
 *
 * @example pinterestBirthDate('1990-01-15') // sha256('19900115')
 */
export const pinterestBirthDate = hashed((v) => {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|T)/.exec(v);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
});

/**
 * First/last name: lowercase, trimmed, accents kept (NFC), then SHA-256.
 *
 * @example pinterestName(' John ') // '96d9632f…c607a'
 */
export const pinterestName = hashed((v) => v.normalize('NFC').toLowerCase() || undefined);

/**
 * City: lowercase without spaces, then SHA-256.
 *
 * @example pinterestCity('San Francisco') // sha256('sanfrancisco')
 */
export const pinterestCity = hashed((v) => v.normalize('NFC').toLowerCase().replace(/\s+/g, '') || undefined);

/**
 * State or country code: two lowercase letters, then SHA-256; longer names are dropped.
 *
 * @example pinterestCode('US') // '79adb2a2…04621'
 */
export const pinterestCode = hashed((v) => {
  const c = v.toLowerCase();
  return /^[a-z]{2}$/.test(c) ? c : undefined;
});

/**
 * Zip: lowercase, spaces and dashes removed; a US ZIP+4 keeps its first five digits.
 *
 * @example pinterestZip('94103-1234') // '91dc2519…61789'
 */
export const pinterestZip = hashed((v) => {
  const z = v.toLowerCase().replace(/[\s-]+/g, '');
  return /^\d{9}$/.test(z) ? z.slice(0, 5) : z || undefined;
});

/**
 * External id or mobile advertising id: trimmed (maids lowercased), then SHA-256.
 *
 * @example pinterestExternalId('user-123') // 'fcdec6df…bedd8'
 */
export const pinterestExternalId = hashed((v) => v);

/** Mobile advertising id (IDFA/GAID): lowercase, then SHA-256. */
export const pinterestMaid = hashed((v) => v.toLowerCase());

/** The normalisers Pinterest registers with the mapping engine, by transform name. */
export const pinterestNormalizers = {
  pinterest_email: pinterestEmail,
  pinterest_phone: pinterestPhone,
  pinterest_gender: pinterestGender,
  pinterest_birth_date: pinterestBirthDate,
  pinterest_name: pinterestName,
  pinterest_city: pinterestCity,
  pinterest_code: pinterestCode,
  pinterest_zip: pinterestZip,
  pinterest_external_id: pinterestExternalId,
  pinterest_maid: pinterestMaid,
} as const satisfies Record<string, (raw: string) => string | undefined>;
