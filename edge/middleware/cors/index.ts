/**
 * CORS for browser endpoints, driven by the key's `allowed_origins`. A request whose `Origin`
 * is not allowed is refused with 403 (preflight included); an allowed one gets the exact
 * origin echoed with credentials (the edge sets first-party cookies), `Vary: Origin`, and
 * preflights get 204 with the allowed methods and headers. Requests without an `Origin`
 * header (same-origin navigations, server tools) are not CORS requests and pass untouched.
 *
 * The headers are written with `c.header` rather than through hono/cors: that middleware
 * touches `c.res` before the handler runs, which makes Hono build a placeholder Response and
 * copy its headers on every request — measurable on the edge's hot path.
 */
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import type { KeyRecord } from '../../../core/keys/index.js';
import type { EdgeEnv } from '../../types.js';

/** Headers a browser may send to the edge. */
const ALLOWED_REQUEST_HEADERS = ['Content-Type', 'X-Datafly-Key'];
/** How long a browser may cache a preflight answer (Chrome caps this at 2 h). */
export const PREFLIGHT_MAX_AGE = 7200;

/**
 * Whether `origin` may call the edge with this key (`*` in the list allows any origin).
 *
 * @example isOriginAllowed(record, 'https://www.example.com') // → true
 */
export function isOriginAllowed(key: Pick<KeyRecord, 'allowed_origins'>, origin: string): boolean {
  return key.allowed_origins.some((o) => o === '*' || o === origin);
}

/**
 * Middleware (after `keyCheck`): refuse foreign origins, add the CORS headers, answer
 * preflights.
 *
 * @example browser.use('/v1/t', keyCheck({ from: ['query', 'header'] }), corsForKey({ methods: ['POST'] }))
 */
export function corsForKey(options: { methods: string[] }): MiddlewareHandler<EdgeEnv> {
  const methods = [...options.methods, 'OPTIONS'].join(', ');
  const headers = ALLOWED_REQUEST_HEADERS.join(', ');
  return async function corsForKeyMiddleware(c, next) {
    const origin = c.req.header('origin');
    if (origin === undefined) {
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      return next();
    }
    if (!isOriginAllowed(c.get('key'), origin)) {
      throw new DataflyError(
        'origin_not_allowed',
        `origin ${origin.slice(0, 200)} is not allowed for this pipeline key`,
        { field: 'Origin' },
      );
    }
    c.header('access-control-allow-origin', origin);
    c.header('access-control-allow-credentials', 'true');
    c.header('vary', 'Origin', { append: true });
    // Let Datafly.js read the back-off the edge asks for on 429/503.
    if (c.req.method !== 'OPTIONS') c.header('access-control-expose-headers', 'Retry-After');
    if (c.req.method === 'OPTIONS') {
      c.header('access-control-allow-methods', methods);
      c.header('access-control-allow-headers', headers);
      c.header('access-control-max-age', String(PREFLIGHT_MAX_AGE));
      return c.body(null, 204);
    }
    await next();
  };
}
