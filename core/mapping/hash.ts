/**
 * SHA-256 for the mapping engine. The engine runs in Node (processor, delivery), so the
 * synchronous `node:crypto` hash is used; core/event stays free of it (runtime-neutral).
 */
import * as nodeCrypto from 'node:crypto';

const HEX64 = /^[a-f0-9]{64}$/i;

// `crypto.hash` (Node ≥ 20.12) is about twice as fast as createHash for short inputs.
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (nodeCrypto as unknown as { hash: (a: string, d: string, e: 'hex') => string }).hash
    : undefined;

/**
 * Lowercase hex SHA-256 of the UTF-8 bytes of `value`.
 *
 * @example
 * sha256Hex('john') // → '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a'
 */
export function sha256Hex(value: string): string {
  return oneShot
    ? oneShot('sha256', value, 'hex')
    : nodeCrypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Does the value already look like a SHA-256 hex digest? Senders pass such values through.
 *
 * @example
 * isSha256Hex('A'.repeat(64)) // → true
 */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && HEX64.test(value);
}

/**
 * Hash unless already hashed (hashes are lower-cased so the vendor sees one form).
 *
 * @example
 * hashOnce('john') === hashOnce(hashOnce('john')) // → true
 */
export function hashOnce(value: string): string {
  return isSha256Hex(value) ? value.toLowerCase() : sha256Hex(value);
}
