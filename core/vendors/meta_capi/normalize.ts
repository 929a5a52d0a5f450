/**
 * Meta's customer-information normalisation (vendor digest §2 "user_data"): each function
 * takes a raw value and returns the normalised string to hash, or undefined when nothing is
 * left. A value that is already a SHA-256 hex digest is returned as is (lower-cased).
 */
import { isSha256Hex } from '../../mapping/hash.js';

const keepHashed =
  (f: (s: string) => string | undefined) =>
  (raw: string): string | undefined => {
    const s = raw.trim();
    if (isSha256Hex(s)) return s.toLowerCase();
    const out = f(s.normalize('NFC'));
    return out ? out : undefined;
  };

/** `' John_Smith@Gmail.com '` → `'john_smith@gmail.com'` (no gmail-dot rule for Meta). */
export const metaEmail = keepHashed((s) => s.toLowerCase());

/** Digits only, country code kept, no `+`, leading zeros dropped: `'+1 (650) 555-1212'` → `'16505551212'`. */
export const metaPhone = keepHashed((s) => s.replace(/\D/g, '').replace(/^0+/, ''));

/** Lowercase, no punctuation or spaces, UTF-8 letters kept: `'Valéry'` → `'valéry'`, `"O'Neil"` → `'oneil'`. */
export const metaName = keepHashed((s) => s.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, ''));

/** City: lowercase, no spaces or punctuation: `'San Francisco'` → `'sanfrancisco'`. */
export const metaCity = metaName;

/** State: lowercase letters only (2-letter code expected): `'CA'` → `'ca'`. */
export const metaState = keepHashed((s) => s.toLowerCase().replace(/[^\p{L}]/gu, ''));

/** Zip: lowercase, no spaces or dashes; US ZIP+4 → first 5 digits: `'94103-1234'` → `'94103'`. */
export const metaZip = keepHashed((s) => {
  const t = s.toLowerCase().replace(/[\s-]/g, '');
  return /^\d{9}$/.test(t) ? t.slice(0, 5) : t;
});

/** Country: ISO-3166 alpha-2, lowercase: `'US'` → `'us'`. */
export const metaCountry = keepHashed((s) => s.toLowerCase().replace(/[^a-z]/g, ''));

/** Gender: `'m'` or `'f'` from m/male/f/female (any case); anything else is dropped. */
export const metaGender = keepHashed((s) => {
  const c = s.toLowerCase();
  return c === 'm' || c === 'male' ? 'm' : c === 'f' || c === 'female' ? 'f' : undefined;
});

/** Date of birth → `YYYYMMDD` from `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD` or an ISO datetime. */
export const metaDob = keepHashed((s) => {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})/.exec(s);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
});

/** External id: lowercase, whitespace removed (as Meta's SDK does before hashing). */
export const metaExternalId = keepHashed((s) => s.toLowerCase().replace(/\s/g, ''));
