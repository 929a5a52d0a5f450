/**
 * Request facts the edge knows and the client does not: arrival time, the visitor's IP
 * (`CF-Connecting-IP`), user agent, geo from Cloudflare's `request.cf`, and the click ids and
 * campaign in the request URL. Stored in `c.get('request')`; `prepareEvent` (edge/ingest) writes
 * them into each event's context.
 */
import type { Context } from 'hono';
import { marketingFromUrl, type Marketing } from '../click-ids/index.js';
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
 * The request facts of `c`'s request (its click ids and campaign included); the app's setup
 * middleware stores them in `c.get('request')` for every `/v1/*` request.
 *
 * @example c.set('request', requestFacts(c))
 */
export function requestFacts(c: Context<EdgeEnv>): RequestFacts {
  const facts: RequestFacts = {
    received_at: new Date(c.get('deps').now()).toISOString(),
    url_marketing: marketingFromUrl(c.req.url),
  };
  const ip = c.req.header('cf-connecting-ip');
  if (ip) facts.ip = ip.slice(0, 64);
  const ua = c.req.header('user-agent');
  if (ua) facts.user_agent = ua.slice(0, 2048);
  const geo = geoFromCf(c.req.raw.cf as Record<string, unknown> | undefined);
  if (geo) facts.geo = geo;
  return facts;
}
