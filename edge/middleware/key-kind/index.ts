/**
 * Key kinds at the door: every ingestion route says which kinds of pipeline key it accepts
 * (core/keys `KeyKind`, fixed when admin creates the key) in `keyCheck({ kinds })`, which
 * refuses the others with 403 before the body is read. Signatures stay the job of the signature
 * middleware; origins the job of CORS. The table of which endpoint takes which kind is docs/security.md.
 */
import { DataflyError } from '../../../core/errors/index.js';
import type { KeyKind } from '../../../core/keys/index.js';

const ARTICLE: Record<KeyKind, string> = {
  browser: 'a browser',
  server: 'a server',
  webhook: 'a webhook',
};

/**
 * Whether a key of `kind` may use a route that accepts `accepted`; the 403 to throw otherwise.
 *
 * @example checkKeyKind('server', ['browser'], 'k') // → DataflyError('forbidden', 'this endpoint takes browser keys; k is a server key', { field: 'k' })
 */
export function checkKeyKind(
  kind: KeyKind,
  accepted: readonly KeyKind[],
  field: string,
): DataflyError | null {
  if (accepted.includes(kind)) return null;
  return new DataflyError(
    'forbidden',
    `this endpoint takes ${accepted.join(' or ')} keys; ${field} is ${ARTICLE[kind]} key`,
    { field },
  );
}
