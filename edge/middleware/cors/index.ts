/**
 * CORS for browser endpoints, driven by the key's `allowed_origins`. A request whose `Origin`
 * is not allowed is refused with 403 (preflight included); an allowed one gets the exact
 * origin echoed with credentials (the edge sets first-party cookies). Requests without an
 * `Origin` header (same-origin navigations, server tools) are not CORS requests and pass.
 * The header work itself is Hono's `cors` middleware.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { DataflyError } from '../../../core/errors/index.js';
import type { KeyRecord } from '../../../core/keys/index.js';
import type { EdgeEnv } from '../../types.js';

/** Headers a browser may send to the edge. */
export const ALLOWED_REQUEST_HEADERS = ['Content-Type', 'X-Datafly-Key'];

/**
 * Whether `origin` may call the edge with this key (`*` in the list allows any origin).
 *
 * @example isOriginAllowed(record, 'https://www.example.com') // → true
 */
export function isOriginAllowed(key: Pick<KeyRecord, 'allowed_origins'>, origin: string): boolean {
  return key.allowed_origins.some((o) => o === '*' || o === origin);
}

/**
 * Middleware (after `keyCheck`): refuse foreign origins, then add the CORS headers and answer
 * preflights.
 *
 * @example browser.use('/v1/t', keyCheck({ from: ['query', 'header'] }), corsForKey({ methods: ['POST'] }))
 */
export function corsForKey(options: { methods: string[] }): MiddlewareHandler<EdgeEnv> {
  const headers = cors({
    origin: (origin) => origin || null,
    credentials: true,
    allowMethods: [...options.methods, 'OPTIONS'],
    allowHeaders: ALLOWED_REQUEST_HEADERS,
    maxAge: 7200,
  });
  return async function corsForKeyMiddleware(c, next) {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isOriginAllowed(c.get('key'), origin)) {
      throw new DataflyError('origin_not_allowed', `origin ${origin.slice(0, 200)} is not allowed for this pipeline key`, {
        field: 'Origin',
      });
    }
    return headers(c, next);
  };
}
