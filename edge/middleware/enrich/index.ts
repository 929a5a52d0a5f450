/**
 * Request facts the edge knows and the client does not: arrival time, the visitor's IP
 * (`CF-Connecting-IP`), user agent, and geo from Cloudflare's `request.cf`. Stored in
 * `c.get('request')`; `applyRequestFacts` (edge/ingest) writes them into each event's context.
 */
import type { MiddlewareHandler } from 'hono';
import type { Marketing } from '../click-ids/index.js';
import type { EdgeEnv } from '../../types.js';

/** Geo as the envelope names it (`context.geo`). */
export interface Geo {
  country?: string;
  region?: string;
  city?: string;
  postal_code?: string;
  timezone?: string;
}

/** What the edge knows about the request, shared by every event in it. */
export interface RequestFacts {
  received_at: string;
  ip?: string;
  user_agent?: string;
  geo?: Geo;
  /** Click ids and campaign in the request URL itself (see click-ids). */
  url_marketing: Marketing;
}

const GEO_FIELDS = [
  ['country', 'country'],
  ['region', 'region'],
  ['city', 'city'],
  ['postalCode', 'postal_code'],
  ['timezone', 'timezone'],
] as const;

/**
 * Map Cloudflare's `request.cf` to `context.geo` (only the string fields that are present).
 *
 * @example geoFromCf({ country: 'DE', city: 'Berlin', postalCode: '10115' }) // → { country: 'DE', city: 'Berlin', postal_code: '10115' }
 */
export function geoFromCf(cf: Record<string, unknown> | undefined): Geo | undefined {
  if (!cf) return undefined;
  const geo: Geo = {};
  for (const [from, to] of GEO_FIELDS) {
    const v = cf[from];
    if (typeof v === 'string' && v) geo[to] = v.slice(0, 128);
  }
  return Object.keys(geo).length ? geo : undefined;
}

/**
 * Middleware: collect the request facts into `c.get('request')`.
 *
 * @example app.use('/v1/*', enrich())
 */
export function enrich(): MiddlewareHandler<EdgeEnv> {
  return async function enrichMiddleware(c, next) {
    const ip = c.req.header('cf-connecting-ip');
    const ua = c.req.header('user-agent');
    const geo = geoFromCf(c.req.raw.cf as Record<string, unknown> | undefined);
    c.set('request', {
      received_at: new Date(c.get('deps').now()).toISOString(),
      ...(ip ? { ip: ip.slice(0, 64) } : {}),
      ...(ua ? { user_agent: ua.slice(0, 2048) } : {}),
      ...(geo ? { geo } : {}),
      url_marketing: { click_ids: {}, campaign: {} },
    });
    await next();
  };
}
