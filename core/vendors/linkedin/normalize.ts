/**
 * LinkedIn Conversions API identity rules (vendor digest §7). Only the email is hashed
 * (`SHA256_EMAIL`, lowercase + trim first); `userInfo` names and company travel in plain text,
 * `li_fat_id` is sent as is, and the country code is upper-case ISO alpha-2.
 */
import { hashOnce, isSha256Hex } from '../../mapping/hash.js';

/**
 * Email for `SHA256_EMAIL`: trim, lowercase, SHA-256; a digest is passed through.
 *
 * @example linkedinEmail(' Person@Example.com ') // '542d2401…83345'
 */
export function linkedinEmail(raw: string): string | undefined {
  const v = raw.trim();
  if (!v) return undefined;
  return isSha256Hex(v) ? v.toLowerCase() : hashOnce(v.toLowerCase());
}

/**
 * Plain-text `userInfo` field (name, title, company): trimmed, inner whitespace collapsed.
 *
 * @example linkedinText('  Mike  ') // 'Mike'
 */
export function linkedinText(raw: string): string | undefined {
  const v = raw.trim().replace(/\s+/g, ' ');
  return v || undefined;
}

/**
 * Country code: upper-case ISO alpha-2; anything else is dropped.
 *
 * @example linkedinCountry('us') // 'US'
 */
export function linkedinCountry(raw: string): string | undefined {
  const v = raw.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(v) ? v : undefined;
}

/** The normalisers LinkedIn registers with the mapping engine, by transform name. */
export const linkedinNormalizers = {
  linkedin_email: linkedinEmail,
  linkedin_text: linkedinText,
  linkedin_country: linkedinCountry,
} as const satisfies Record<string, (raw: string) => string | undefined>;
