/**
 * TikTok Events API 2.0 user-data rules (vendor digest §4). TikTok's rules are its own: phones are
 * hashed from E.164 *with* the `+`, names lose their spaces, city/state/country travel in clear.
 * Every function takes a raw value and returns the value to send, or `undefined` when nothing
 * usable is left (the field is then omitted).
 */
import { hashOnce, isSha256Hex } from '../../mapping/hash.js';

const hash = (normalised: string | undefined): string | undefined => (normalised ? hashOnce(normalised) : undefined);

/**
 * Email: trim, lowercase (no Gmail dot rule — that is Google's), then SHA-256.
 *
 * @example tiktokEmail(' Person@Example.com ') // sha256('person@example.com')
 */
export function tiktokEmail(raw: string): string | undefined {
  const v = raw.trim();
  return isSha256Hex(v) ? v.toLowerCase() : hash(v.toLowerCase());
}

/**
 * Phone as E.164 with the leading `+`: keep digits, turn a `00` international prefix into `+`,
 * drop a `(0)` trunk marker. A number without `+`/`00` is taken to carry its country code already.
 *
 * @example tiktokPhoneE164('+1 (650) 555-1212') // '+16505551212'
 */
export function tiktokPhoneE164(raw: string): string | undefined {
  let v = raw.trim().replace(/\(0\)/g, '');
  const international = v.startsWith('+') || v.startsWith('00');
  v = v.replace(/\D/g, '');
  if (!international && v.startsWith('0')) v = v.replace(/^0+/, '');
  if (v.startsWith('00')) v = v.slice(2);
  if (v.length < 7 || v.length > 15) return undefined;
  return `+${v}`;
}

/**
 * Phone: E.164 with `+`, then SHA-256.
 *
 * @example tiktokPhone('+1 650 555 1212') // '1e231c66…0ffbc8' (sha256 of '+16505551212')
 */
export function tiktokPhone(raw: string): string | undefined {
  const v = raw.trim();
  if (isSha256Hex(v)) return v.toLowerCase();
  return hash(tiktokPhoneE164(v));
}

/**
 * External id: trim, then SHA-256 (case kept: ids are case-sensitive on our side).
 *
 * @example tiktokExternalId(' user-123 ') // 'fcdec6df…bedd8'
 */
export function tiktokExternalId(raw: string): string | undefined {
  return hash(raw.trim());
}

/**
 * First or last name: lowercase, remove every space, then SHA-256. Letters with accents are kept.
 *
 * @example tiktokName(' John ') // '96d9632f…c607a'
 */
export function tiktokName(raw: string): string | undefined {
  const v = raw.trim();
  if (isSha256Hex(v)) return v.toLowerCase();
  return hash(v.normalize('NFC').toLowerCase().replace(/\s+/g, ''));
}

/**
 * Zip code: lowercase, remove spaces and dashes (a US ZIP+4 keeps its first five digits), then SHA-256.
 *
 * @example tiktokZip('94103-') // '91dc2519…61789'
 */
export function tiktokZip(raw: string): string | undefined {
  const v = raw.trim();
  if (isSha256Hex(v)) return v.toLowerCase();
  const z = v.toLowerCase().replace(/[\s-]+/g, '');
  return hash(/^\d{9}$/.test(z) ? z.slice(0, 5) : z);
}

/**
 * City, state or country in clear: accents folded, lowercase, only `[a-z0-9]` kept.
 *
 * @example tiktokPlace('San Francisco') // 'sanfrancisco'
 */
export function tiktokPlace(raw: string): string | undefined {
  const v = raw.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return v || undefined;
}

/** The normalisers TikTok registers with the mapping engine, by transform name. */
export const tiktokNormalizers = {
  tiktok_email: tiktokEmail,
  tiktok_phone: tiktokPhone,
  tiktok_external_id: tiktokExternalId,
  tiktok_name: tiktokName,
  tiktok_zip: tiktokZip,
  tiktok_place: tiktokPlace,
} as const satisfies Record<string, (raw: string) => string | undefined>;
