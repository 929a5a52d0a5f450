import { createHash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * SHA-256 hex of a value normalised the way vendors match identifiers: trimmed, lower-cased.
 * A value that already is a SHA-256 hex digest is returned unchanged (never hashed twice);
 * arrays are hashed element by element; objects, booleans and null are left alone.
 *
 * @example hashValue(' Jane@Example.com ') // → sha256('jane@example.com')
 */
export function hashValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashValue);
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const text = String(value).trim().toLowerCase();
  if (SHA256_HEX.test(text)) return text;
  return createHash('sha256').update(text).digest('hex');
}
