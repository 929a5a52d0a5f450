/**
 * Marketing parameters: ad click ids (`CLICK_ID_PARAMS`, e.g. gclid, fbclid, ScCid) →
 * `context.click_ids`, and `utm_*` → `context.campaign` (Segment's names: `utm_campaign` →
 * `name`, `utm_source` → `source`, …). Read from the page URL an event carries and from the
 * request URL (pixels, links that hit the edge directly); `requestFacts` (edge/middleware/enrich)
 * captures the request URL's, `mergeMarketing` adds the page URL's per event.
 */
import { CLICK_ID_PARAMS } from '../../../core/event/index.js';

/** Click ids and campaign parameters found in one URL. */
export interface Marketing {
  click_ids: Record<string, string>;
  campaign: Record<string, string>;
}

const MAX_VALUE = 1024;
const CAMPAIGN_NAMES: Readonly<Record<string, string>> = { campaign: 'name' };

/** A form-encoded name or value, decoded (`+` is a space); throws on a malformed escape. */
const decodeForm = (s: string): string =>
  s.includes('%') || s.includes('+') ? decodeURIComponent(s.replaceAll('+', ' ')) : s;

/** Any UTF-16 surrogate: the standard parser turns lone ones into U+FFFD, so those go to it. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The name/value pairs of a query string, as `new URLSearchParams(query)` reads them (the
 * WHATWG form-urlencoded parser), without building that object for the common query: split
 * on `&` and `=`, `+` as a space, `%XX` escapes decoded as UTF-8. A query this cannot decode
 * exactly (a malformed escape, invalid UTF-8, a surrogate) is left to `URLSearchParams`.
 *
 * @example queryParams('?a=1&b=x+y&c') // → [['a', '1'], ['b', 'x y'], ['c', '']]
 */
export function queryParams(query: string): Iterable<[string, string]> {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (SURROGATE.test(q)) return new URLSearchParams(q);
  const pairs: [string, string][] = [];
  try {
    for (const part of q.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      pairs.push(
        eq < 0
          ? [decodeForm(part), '']
          : [decodeForm(part.slice(0, eq)), decodeForm(part.slice(eq + 1))],
      );
    }
  } catch {
    return new URLSearchParams(q);
  }
  return pairs;
}

/**
 * Extract click ids and campaign parameters from query parameters.
 *
 * @example marketingFromParams(queryParams('gclid=abc&utm_campaign=spring'))
 *   // → { click_ids: { gclid: 'abc' }, campaign: { name: 'spring' } }
 */
function marketingFromParams(params: Iterable<[string, string]>): Marketing {
  const out: Marketing = { click_ids: {}, campaign: {} };
  for (const [name, value] of params) {
    if (!value || value.length > MAX_VALUE) continue;
    const clickId = CLICK_ID_PARAMS[name];
    if (clickId !== undefined) {
      out.click_ids[clickId] ??= value;
    } else if (name.startsWith('utm_') && name.length > 4) {
      const key = name.slice(4);
      out.campaign[CAMPAIGN_NAMES[key] ?? key] ??= value;
    }
  }
  return out;
}

/**
 * The same for a full URL (invalid or missing URLs yield nothing).
 *
 * @example marketingFromUrl('https://shop.example/?fbclid=IwAR1') // → { click_ids: { fbclid: 'IwAR1' }, campaign: {} }
 */
export function marketingFromUrl(url: string | undefined): Marketing {
  const q = url ? url.indexOf('?') : -1;
  if (q < 0) return { click_ids: {}, campaign: {} };
  const query = url!.slice(q + 1).split('#', 1)[0]!;
  // The common edge request URL carries only the key (`?k=dk_…`): nothing to parse.
  if (query.startsWith('k=') && !query.includes('&')) return { click_ids: {}, campaign: {} };
  return marketingFromParams(queryParams(query));
}

/**
 * Combine what the client sent with what the URLs say: client values win, then the page URL,
 * then the request URL. Returns `undefined` for an empty group so no empty objects are added.
 *
 * @example mergeMarketing(undefined, { gclid: 'a' }, { gclid: 'b', msclkid: 'c' }) // → { gclid: 'a', msclkid: 'c' }
 */
export function mergeMarketing(
  client: unknown,
  ...found: Record<string, string>[]
): Record<string, unknown> | undefined {
  const merged: Record<string, unknown> = {};
  for (const group of [...found].reverse()) Object.assign(merged, group);
  if (client && typeof client === 'object' && !Array.isArray(client)) Object.assign(merged, client);
  return Object.keys(merged).length ? merged : undefined;
}
