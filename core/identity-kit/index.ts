/**
 * The identity kit for ad platforms: named normalisers, SHA-256/MD5, and already-hashed
 * pass-through, implemented once. A vendor names the rules it needs in its mapping rows
 * (`id.email_sha256`, `id.phone_digits_sha256`) instead of writing them. Node only (node:crypto).
 *
 * Every normaliser `N` is registered three ways: `id.N` (normalise only), `id.N_sha256` and
 * `id.N_md5` (a value that already is a digest of that kind passes through lower-cased; otherwise
 * normalise, then hash; a value the normaliser rejects is dropped).
 */
import { createHash } from 'node:crypto';
import { sha256Hex } from '../mapping/hash.js';
import type { TransformDef, TransformTable } from '../mapping/transforms.js';

type Normaliser = (raw: string) => string | undefined;

const SHA256_HEX = /^[a-f0-9]{64}$/i;
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

const email = (v: string): string | undefined => {
  const e = v.replace(/\s+/g, '').toLowerCase();
  return /^[^@]+@[^@]+$/.test(e) ? e : undefined;
};

/** Digits with the country code, `00` and `(0)` removed; 7–15 digits (E.164). */
const phoneDigits = (v: string): string | undefined => {
  const d = v.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^0+/, '');
  return d.length >= 7 && d.length <= 15 ? d : undefined;
};

/**
 * The normalisers, by name. Each returns the normalised text or undefined (dropped).
 *
 * @example NORMALISERS.email_gmail('John.Smith+ads@Gmail.com') // → 'johnsmith@gmail.com'
 */
export const NORMALISERS = {
  /** Trim, lowercase, all whitespace removed. */
  email,
  /** As `email`; for gmail.com/googlemail.com every `.` and any `+tag` in the local part removed (Google). */
  email_gmail: (v: string): string | undefined => {
    const e = email(v);
    if (!e) return undefined;
    const at = e.lastIndexOf('@');
    const [local, domain] = [e.slice(0, at), e.slice(at + 1)];
    return GMAIL.has(domain) ? `${local.replace(/\+.*$/, '').replace(/\./g, '')}@${domain}` : e;
  },
  /** As `email`; the local part loses any `+tag` and every character that is not a letter or digit (Reddit's canonical form). */
  email_local_alnum: (v: string): string | undefined => {
    const e = email(v);
    if (!e) return undefined;
    const at = e.lastIndexOf('@');
    const local = e
      .slice(0, at)
      .replace(/\+.*$/, '')
      .replace(/[^a-z0-9]/g, '');
    return local ? `${local}@${e.slice(at + 1)}` : undefined;
  },
  /** E.164 digits without `+` (Meta, Pinterest, Snapchat). */
  phone_digits: phoneDigits,
  /** E.164 with `+` (Google, TikTok). */
  phone_e164: (v: string): string | undefined => {
    const d = phoneDigits(v);
    return d ? `+${d}` : undefined;
  },
  /** First or last name: trimmed, lowercased, accents kept (NFC). */
  name: (v: string): string | undefined => v.trim().normalize('NFC').toLowerCase() || undefined,
  /** Name lowercased with every space removed, punctuation and accents kept (TikTok). */
  name_compact: (v: string): string | undefined =>
    v.normalize('NFC').toLowerCase().replace(/\s+/g, '') || undefined,
  /** Place (city, state, country) in clear: accents folded, lowercase, only `a-z0-9` kept (TikTok). */
  place_ascii: (v: string): string | undefined =>
    v
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '') || undefined,
  /** IP address in clear; a value that already looks like a digest is dropped rather than sent (Snapchat refuses hashed IPs). */
  ip: (v: string): string | undefined =>
    v.trim() && !SHA256_HEX.test(v.trim()) ? v.trim() : undefined,
  /** Name without punctuation or spaces, UTF-8 letters kept (Meta, Snapchat). */
  name_letters: (v: string): string | undefined =>
    v
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '') || undefined,
  /** City: lowercase, no spaces or punctuation. */
  city: (v: string): string | undefined =>
    v
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '') || undefined,
  /** State: a two-letter code, lowercase (longer names dropped). */
  state: (v: string): string | undefined => {
    const c = v.trim().toLowerCase();
    return /^[a-z]{2}$/.test(c) ? c : undefined;
  },
  /** Country: ISO 3166-1 alpha-2, lowercase (longer names dropped). */
  country: (v: string): string | undefined => {
    const c = v.trim().toLowerCase();
    return /^[a-z]{2}$/.test(c) ? c : undefined;
  },
  /** Zip: lowercase, spaces and dashes removed; a US ZIP+4 keeps its first five digits. */
  zip: (v: string): string | undefined => {
    const z = v
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '');
    return /^\d{9}$/.test(z) ? z.slice(0, 5) : z || undefined;
  },
  /** Gender: `f`, `m`, or `n` (non-binary); anything else dropped. */
  gender: (v: string): string | undefined => {
    const g = v.trim().toLowerCase();
    if (g === 'f' || g === 'female' || g === 'woman') return 'f';
    if (g === 'm' || g === 'male' || g === 'man') return 'm';
    if (g === 'n' || g === 'non-binary' || g === 'nonbinary' || g === 'non_binary') return 'n';
    return undefined;
  },
  /** Date of birth `YYYYMMDD` from `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD` or an ISO date-time. */
  date_of_birth: (v: string): string | undefined => {
    const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:$|T)/.exec(v.trim());
    return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
  },
  /** External id: trimmed, as given. */
  external_id: (v: string): string | undefined => v.trim() || undefined,
  /** External id, lowercased and without whitespace (Meta SDK). */
  external_id_lower: (v: string): string | undefined =>
    v.replace(/\s+/g, '').toLowerCase() || undefined,
  /** Name with digits and symbols removed, letters (accents kept), spaces, `'` and `-` kept, spaces collapsed (Google). */
  name_clean: (v: string): string | undefined =>
    v
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\s'-]/gu, '')
      .replace(/\s+/g, ' ')
      .trim() || undefined,
  /** Street: lowercase, symbols removed, letters, digits and single spaces kept (Google). */
  street: (v: string): string | undefined =>
    v
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s]/gu, '')
      .replace(/\s+/g, ' ')
      .trim() || undefined,
  /** Place (city, region, country) in clear: lowercase, letters (accents kept) and digits only (GA4). */
  place: (v: string): string | undefined =>
    v
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]/gu, '') || undefined,
  /** Postal code in clear: spaces removed, case kept, a US ZIP+4 cut to its five digits (Google). */
  postal: (v: string): string | undefined => {
    const t = v.replace(/\s/g, '');
    return (/^\d{5}-\d{4}$/.test(t) ? t.slice(0, 5) : t) || undefined;
  },
  /** ISO 3166-1 alpha-2 region code, upper case (longer names dropped) (Google). */
  region_code: (v: string): string | undefined => {
    const c = v.toUpperCase().replace(/[^A-Z]/g, '');
    return c.length === 2 ? c : undefined;
  },
  /** Mobile advertising id (IDFA/GAID): trimmed, lowercased. */
  maid: (v: string): string | undefined => v.trim().toLowerCase() || undefined,
} as const satisfies Record<string, Normaliser>;

export type NormaliserName = keyof typeof NORMALISERS;

const MD5_HEX = /^[a-f0-9]{32}$/i;

/** MD5 hex of the UTF-8 bytes. @example md5Hex('john') // → '527bd5b5d689e2c32ae974c6229ff785' */
const md5Hex = (value: string): string => createHash('md5').update(value, 'utf8').digest('hex');

/**
 * Normalise then hash, passing an existing digest of the same kind through (lower-cased).
 *
 * @example hashWith('sha256', NORMALISERS.email)(' Person@Example.com ') // → '542d2401…83345'
 */
export function hashWith(kind: 'sha256' | 'md5', normalise: Normaliser): Normaliser {
  const looksHashed = kind === 'sha256' ? SHA256_HEX : MD5_HEX;
  const digest = kind === 'sha256' ? sha256Hex : md5Hex;
  return (raw) => {
    const v = raw.trim();
    if (looksHashed.test(v)) return v.toLowerCase();
    const n = normalise(v);
    return n ? digest(n) : undefined;
  };
}

const onString =
  (fn: Normaliser): TransformDef['fn'] =>
  (v) =>
    typeof v === 'string' ? fn(v) : typeof v === 'number' ? fn(String(v)) : undefined;

/**
 * A mapping transform from a text rule (vendors' own `vendor.name` transforms): strings and numbers
 * go through `fn` as text, anything else is dropped.
 *
 * @example textTransform((s) => s.trim() || undefined).fn(' a ', undefined) // → 'a'
 */
export const textTransform = (fn: Normaliser): TransformDef => ({ fn: onString(fn) });

/**
 * The kit as mapping-engine transforms: `id.<name>`, `id.<name>_sha256`, `id.<name>_md5`.
 *
 * @example compileMapping(config, { transforms: identityTransforms })
 */
export const identityTransforms: TransformTable = Object.fromEntries(
  Object.entries(NORMALISERS).flatMap(([name, fn]) => [
    [`id.${name}`, { fn: onString(fn) }],
    [`id.${name}_sha256`, { fn: onString(hashWith('sha256', fn)) }],
    [`id.${name}_md5`, { fn: onString(hashWith('md5', fn)) }],
  ]),
);
