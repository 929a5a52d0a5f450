/**
 * Prefixed random ids (`dk_…`, `tmpl_…`, `rev_…`, `pi_…`, `pip_…`, `org_…`), runtime-neutral.
 * 20 chars of base62 ≈ 119 bits of randomness.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** @example newId('tmpl') // → 'tmpl_3kTq…' */
export function newId(prefix: string, length = 20): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  // 62 * 4 = 248: rejecting bytes ≥ 248 keeps the distribution uniform.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < 248) out += ALPHABET[b % 62];
  }
  return `${prefix}_${out}`;
}

/** UUID v4 (event ids, `_ttp`). */
function uuid(): string {
  return crypto.randomUUID();
}
