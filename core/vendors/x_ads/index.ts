/**
 * X (Twitter) Ads Conversion API: a declaration (declaration.ts) with one hook (hooks.ts), OAuth
 * 1.0a from the core auth kinds, the generic contract double plus X's own identifier checks.
 *
 * @example
 * xAds.definition.parseSettings({
 *   pixel_id: 'o8z6j', consumer_key: 'ck', consumer_secret: 'cs', access_token: 't',
 *   access_token_secret: 'ts', purchase_event_id: 'o87ne',
 * })
 */
import { isSha256Hex } from '../../mapping/hash.js';
import { declareVendor } from '../spec/declared.js';
import { xAdsDeclaration } from './declaration.js';
import { xAdsHooks } from './hooks.js';

/** What the registry holds for X Ads. */
export const xAds = declareVendor(xAdsDeclaration, {
  hooks: xAdsHooks,
  extraCheck: (item) => {
    if (typeof item.conversion_time !== 'string' || Number.isNaN(Date.parse(item.conversion_time)))
      return 'conversion_time must be an ISO-8601 time';
    const ids = item.identifiers;
    if (!Array.isArray(ids) || ids.length === 0) return 'at least one user identifier is required';
    for (const id of ids as Record<string, unknown>[]) {
      if (!['twclid', 'hashed_email', 'hashed_phone_number'].some((k) => typeof id[k] === 'string'))
        return 'each identifier needs twclid, hashed_email or hashed_phone_number';
      for (const k of ['hashed_email', 'hashed_phone_number'])
        if (
          id[k] !== undefined &&
          !(typeof id[k] === 'string' && isSha256Hex(id[k]) && id[k] === id[k].toLowerCase())
        )
          return `${k} must be lowercase SHA-256 hex`;
    }
    return undefined;
  },
});
