/**
 * A throwaway RSA key for Snowflake's test settings (the double verifies JWTs with its public
 * half), generated on first use rather than committed: no private key lives in the repository.
 */
import { generateKeyPairSync } from 'node:crypto';

let pem: string | undefined;

/** The PKCS#8 PEM of a 2048-bit RSA key made once per process. */
export function testPrivateKey(): string {
  pem ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return pem;
}
