/**
 * Google's user-data normalisation (vendor digest §1 "user_data", §3 "Normalisation & hashing",
 * §3c Data Manager "Format user data"): the same rules serve Google Ads / Data Manager and GA4.
 * Each returns the normalised string to hash, or undefined; an already-hashed value (64-hex)
 * is returned as is (lower-cased).
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

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * Lowercase, all whitespace removed; for gmail.com / googlemail.com every `.` and any `+tag`
 * in the local part removed: `' John.Smith+ads@Gmail.com'` → `'johnsmith@gmail.com'`.
 */
export const googleEmail = keepHashed((s) => {
  const e = s.toLowerCase().replace(/\s/g, '');
  const at = e.lastIndexOf('@');
  if (at < 1) return e;
  const domain = e.slice(at + 1);
  if (!GMAIL.has(domain)) return e;
  const local = e.slice(0, at).split('+')[0]!.replace(/\./g, '');
  return `${local}@${domain}`;
});

/**
 * E.164 with `+`: `'+1 (650) 555-1212'` → `'+16505551212'`, `'0044 20 7946 0958'` → `'+442079460958'`.
 * A number without a country code cannot be fixed here and is sent as its digits with `+`.
 */
export const googlePhone = keepHashed((s) => {
  const digits = s.replace(/\D/g, '');
  if (!digits) return undefined;
  return `+${s.startsWith('00') || (!s.startsWith('+') && digits.startsWith('00')) ? digits.slice(2) : digits}`;
});

/** Names: lowercase, trimmed, digits and symbols removed, letters (with accents) kept: `' Valéry '` → `'valéry'`. */
export const googleName = keepHashed((s) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\s'-]/gu, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Street: lowercase, trimmed, symbols removed: `'1600 Amphitheatre Pkwy.'` → `'1600 amphitheatre pkwy'`. */
export const googleStreet = keepHashed((s) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Plain (unhashed) address parts for GA4: lowercase, spaces and punctuation removed: `'San Francisco'` → `'sanfrancisco'`. */
export const googlePlace = keepHashed((s) => s.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, ''));

/** Postal code, plain: trimmed, spaces removed, ZIP+4 → 5 digits: `'94103-1234'` → `'94103'`. */
export const googlePostal = keepHashed((s) => {
  const t = s.replace(/\s/g, '');
  return /^\d{5}-\d{4}$/.test(t) ? t.slice(0, 5) : t;
});

/** ISO-3166 alpha-2 region code, upper case: `'us'` → `'US'`. */
export const googleRegionCode = keepHashed((s) => {
  const c = s.toUpperCase().replace(/[^A-Z]/g, '');
  return c.length === 2 ? c : undefined;
});
