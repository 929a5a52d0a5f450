/**
 * Cross-domain continuity at the edge (docs/identity.md). On the sending domain,
 * `GET /v1/link` mints a link token per declared domain for the visitor's `_dfid`; on the
 * receiving domain, an event whose page URL carries `_dfl` has it verified (signature, expiry,
 * bound to the host the visitor landed on) and the `_dfid` carried over (`Identity.carryOver`).
 * Forged, expired or other-domain tokens are ignored. The token never reaches vendors: it is
 * removed from the page URL, search and referrer (edge/ingest).
 */
import {
  LINK_PARAM,
  linkTokenOf,
  signLinkToken,
  verifyLinkToken,
} from '../../../core/identity/link-token.js';
import type { KeyRecord } from '../../../core/keys/index.js';
import { decodeWire } from '../../wire/index.js';
import type { Identity } from './index.js';
import { isRecord } from '../../../core/json/index.js';

type Obj = Record<string, unknown>;

export const hostOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Verify the link token of a raw browser event, if any, and carry its `_dfid` over. The host
 * the token must be bound to is the request's `Origin` (the page the visitor is on), which must
 * also be the page URL's host.
 *
 * @example await acceptLinkToken(raw, { key, identity, origin: c.req.header('origin'), now: Date.now() })
 */
export async function acceptLinkToken(
  raw: unknown,
  o: { key: KeyRecord; identity: Identity; origin: string | undefined; now: number },
): Promise<void> {
  if (!o.key.link_secret) return;
  const event = decodeWire(raw);
  const context = isRecord(event) && isRecord(event.context) ? event.context : undefined;
  const pageUrl =
    context && isRecord(context.page) && typeof context.page.url === 'string'
      ? context.page.url
      : undefined;
  const token = linkTokenOf(pageUrl);
  const host = hostOf(pageUrl);
  if (!token || !host || (o.origin !== undefined && hostOf(o.origin) !== host)) return;
  await carryOverToken(token, { ...o, host });
}

/**
 * Verify one token for `host` (the page the visitor is on) and carry its `_dfid` over.
 *
 * @example await carryOverToken(c.req.query('l'), { key, identity, host: 'checkout.example-pay.com', now })
 */
export async function carryOverToken(
  token: string,
  o: { key: KeyRecord; identity: Identity; host: string; now: number },
): Promise<void> {
  if (!o.key.link_secret) return;
  const dfid = await verifyLinkToken(token, {
    secret: o.key.link_secret,
    host: o.host,
    now: o.now,
  });
  if (dfid) o.identity.carryOver(dfid);
}

/**
 * One token per declared domain other than the one the visitor is on.
 *
 * @example await mintLinkTokens({ key, dfid, origin: 'https://shop.example', now }) // → { 'checkout.example-pay.com': '1.…' }
 */
export async function mintLinkTokens(o: {
  key: KeyRecord;
  dfid: string;
  origin: string | undefined;
  now: number;
}): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  if (!o.key.link_secret) return tokens;
  const here = hostOf(o.origin);
  for (const host of o.key.link_domains ?? []) {
    if (host !== here)
      tokens[host] = await signLinkToken({
        secret: o.key.link_secret,
        dfid: o.dfid,
        host,
        now: o.now,
      });
  }
  return tokens;
}

/**
 * A URL or query string without `_dfl` (unchanged when it has none).
 *
 * @example stripLinkParam('?_dfl=1.x.2.y&a=1') // → '?a=1'
 */
export function stripLinkParam(value: string): string {
  if (!value.includes(LINK_PARAM)) return value;
  const q = value.indexOf('?');
  if (q < 0) return value;
  const hash = value.indexOf('#', q);
  const query = new URLSearchParams(value.slice(q + 1, hash < 0 ? undefined : hash));
  query.delete(LINK_PARAM);
  const rest = query.toString();
  return `${value.slice(0, q)}${rest ? `?${rest}` : ''}${hash < 0 ? '' : value.slice(hash)}`;
}
