/**
 * First-party identity cookies, set by the edge on the customer's subdomain (browser and pixel
 * endpoints only). Existing cookies are kept and read, never re-minted; missing ones are minted
 * and set on a successful answer:
 *
 * | cookie | value | lifetime | HttpOnly |
 * |---|---|---|---|
 * | `_dfid` | UUID v4 → `anonymous_id` | 2 years | yes |
 * | `_ga` | `GA1.1.{random}.{timestamp s}` → `vendor_ids.ga_client_id` = `{random}.{timestamp}` | 2 years | no |
 * | `_fbp` | `fb.1.{ms}.{random}` → `vendor_ids.fbp` | 90 days | no |
 * | `_ttp` | UUID v4 → `vendor_ids.ttp` | 13 months | no |
 * | `_fbc` | `fb.1.{ms}.{fbclid}` when an fbclid arrives → `vendor_ids.fbc` | 90 days | no |
 *
 * All are `Secure; SameSite=Lax; Path=/` plus `Domain=<cookie_domain>` when the key sets one.
 * Vendor cookies stay readable by script so vendor tags on the page share the same ids.
 * `_fbc` follows Meta's rule: a new, different fbclid replaces it; the same one keeps it.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { EdgeDeps, EdgeEnv } from '../../types.js';

const DAY = 86_400;
/** Cookie names and lifetimes (seconds). */
const COOKIES = {
  _dfid: { maxAge: 2 * 365 * DAY, httpOnly: true },
  _ga: { maxAge: 2 * 365 * DAY, httpOnly: false },
  _fbp: { maxAge: 90 * DAY, httpOnly: false },
  _ttp: { maxAge: 395 * DAY, httpOnly: false },
  _fbc: { maxAge: 90 * DAY, httpOnly: false },
} as const;
export type CookieName = keyof typeof COOKIES;

/** The ids a browser request carries into its events. */
export interface Identity {
  anonymous_id: string;
  vendor_ids: { ga_client_id?: string; fbp: string; ttp: string; fbc?: string };
  /** Cookies minted during this request, to be set on a successful answer. */
  minted: Map<CookieName, string>;
  /** Record an fbclid seen in this request (mints `_fbc` unless it already holds it). */
  noteFbclid(fbclid: string): void;
  /**
   * A `_dfid` carried over from another of the organisation's domains by a verified link token
   * (core/identity/link-token.ts): taken as this visitor's own when `_dfid` was minted in this
   * request, otherwise kept in `hop` so the identity graph links the two.
   */
  carryOver(dfid: string): void;
  /** The other domain's `_dfid` when this visitor already had one here. */
  hop?: string;
}

const TOKEN = /^[A-Za-z0-9._-]{8,128}$/;
const GA = /^GA\d\.\d+\.(\d+\.\d+)$/;
const FBC = /^fb\.\d\.\d+\.(.+)$/;
/** Values the edge keeps or writes: no separators, quotes, spaces or escapes. */
const COOKIE_VALUE = /^[A-Za-z0-9._~:+/=-]{1,256}$/;
const RANDOM_MAX = 2 ** 31 - 1;

/**
 * Build the identity from the request's cookies, minting what is missing.
 *
 * @example resolveIdentity({ _dfid: 'f3a1…' }, deps).anonymous_id // → 'f3a1…'
 */
export function resolveIdentity(
  cookies: Record<string, string>,
  deps: Pick<EdgeDeps, 'now' | 'uuid' | 'randomInt'>,
): Identity {
  const minted = new Map<CookieName, string>();
  const keepOrMint = (
    name: CookieName,
    valid: (v: string) => boolean,
    mint: () => string,
  ): string => {
    const existing = cookies[name];
    if (existing !== undefined && valid(existing)) return existing;
    const value = mint();
    minted.set(name, value);
    return value;
  };
  const anyValue = (v: string) => COOKIE_VALUE.test(v);
  const now = deps.now();
  const dfid = keepOrMint('_dfid', (v) => TOKEN.test(v), deps.uuid);
  const ga = keepOrMint(
    '_ga',
    anyValue,
    () => `GA1.1.${deps.randomInt(RANDOM_MAX)}.${Math.floor(now / 1000)}`,
  );
  const fbp = keepOrMint('_fbp', anyValue, () => `fb.1.${now}.${deps.randomInt(RANDOM_MAX)}`);
  const ttp = keepOrMint('_ttp', anyValue, deps.uuid);
  const gaClientId = GA.exec(ga)?.[1];
  const vendorIds: Identity['vendor_ids'] = gaClientId
    ? { ga_client_id: gaClientId, fbp, ttp }
    : { fbp, ttp };
  const identity: Identity = {
    carryOver: () => undefined,
    anonymous_id: dfid,
    vendor_ids: vendorIds,
    minted,
    noteFbclid(fbclid) {
      if (!COOKIE_VALUE.test(fbclid) || fbclid.length > 200) return;
      const current = identity.vendor_ids.fbc;
      if (current !== undefined && FBC.exec(current)?.[1] === fbclid) return;
      const value = `fb.1.${deps.now()}.${fbclid}`;
      identity.vendor_ids.fbc = value;
      minted.set('_fbc', value);
    },
  };
  identity.carryOver = (other) => {
    if (other === identity.anonymous_id) return;
    if (minted.has('_dfid')) {
      identity.anonymous_id = other;
      minted.set('_dfid', other);
    } else identity.hop = other;
  };
  const fbc = cookies._fbc;
  if (fbc && anyValue(fbc)) identity.vendor_ids.fbc = fbc;
  return identity;
}

/**
 * One `Set-Cookie` value (the value must already be cookie-safe, as every value here is). Written here rather than with hono/cookie because Hono refuses
 * lifetimes over 400 days and `_dfid`/`_ga` are specified at 2 years (browsers cap them
 * themselves).
 *
 * @example serializeCookie('_dfid', 'abc', { maxAge: 63072000, httpOnly: true, domain: 'example.com' })
 *   // → '_dfid=abc; Max-Age=63072000; Domain=example.com; Path=/; Secure; SameSite=Lax; HttpOnly'
 */
export function serializeCookie(
  name: string,
  value: string,
  options: { maxAge: number; httpOnly: boolean; domain?: string | null },
): string {
  let cookie = `${name}=${value}; Max-Age=${options.maxAge}`;
  if (options.domain) cookie += `; Domain=${options.domain}`;
  cookie += '; Path=/; Secure; SameSite=Lax';
  if (options.httpOnly) cookie += '; HttpOnly';
  return cookie;
}

/**
 * Middleware (after `keyCheck`): resolve the identity into `c.get('identity')` and, when the
 * request succeeds, set the cookies minted for it.
 *
 * @example browser.post('/v1/t', identity(), handler)
 */
export function identity(): MiddlewareHandler<EdgeEnv> {
  return async function identityMiddleware(c, next) {
    const id = resolveIdentity(getCookie(c), c.get('deps'));
    const fbclid = c.req.query('fbclid');
    if (fbclid) id.noteFbclid(fbclid);
    c.set('identity', id);
    await next();
    if (c.res.status >= 300 || c.error) return;
    const domain = c.get('key').cookie_domain;
    for (const [name, value] of id.minted)
      c.res.headers.append(
        'Set-Cookie',
        serializeCookie(name, value, { ...COOKIES[name], domain }),
      );
  };
}
