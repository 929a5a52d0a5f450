/**
 * Key kinds at the door: every ingestion route says which kinds of pipeline key it accepts
 * (core/keys `KeyKind`, fixed when admin creates the key) and refuses the others with 403
 * before the body is read. Signatures stay the job of the signature middleware; origins the
 * job of CORS. The table of which endpoint takes which kind is docs/security.md.
 */
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import type { KeyKind } from '../../../core/keys/index.js';
import type { EdgeEnv } from '../../types.js';

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

/**
 * Middleware (after `keyCheck`): refuse keys whose kind the route does not accept (403,
 * `forbidden`, naming the key's field). Pair server kinds with `hmacSignature()` and browser
 * kinds with `corsForKey()`.
 *
 * @example browser.use('/v1/t', keyCheck({ from: ['query', 'header'] }), requireKeyKind('browser'), corsForKey({ methods: ['POST'] }))
 * @example server.post('/v1/events', keyCheck({ from: ['header'] }), requireKeyKind('server'), body(…), hmacSignature(), handler)
 */
export function requireKeyKind(...accepted: KeyKind[]): MiddlewareHandler<EdgeEnv> {
  return async function requireKeyKindMiddleware(c, next) {
    const problem = checkKeyKind(c.get('key').kind, accepted, c.get('keyField'));
    if (problem) throw problem;
    await next();
  };
}
