/**
 * The vendor registry: a static map from vendor key (as in the catalog) to its definition.
 * Adding a vendor = one folder under core/vendors/ plus one line in VENDORS (STYLE.md 2).
 */
import type { VendorDefinition } from './types.js';
import { webhook } from './webhook/index.js';
import { metaCapi } from './meta_capi/index.js';
import { ga4 } from './ga4/index.js';
import { googleAds } from './google_ads/index.js';
import { bigquery } from './bigquery/index.js';
import { tiktok } from './tiktok/index.js';
import { pinterest } from './pinterest/index.js';
import { snapchat } from './snapchat/index.js';
import { linkedin } from './linkedin/index.js';
import { theTradeDesk } from './the_trade_desk/index.js';

/**
 * Erase a definition's Settings type: delivery only ever hands a vendor's own `parseSettings`
 * output back to that same vendor, so the erasure is safe.
 */
const entry = <S>(vendor: VendorDefinition<S>): VendorDefinition<unknown> => vendor as unknown as VendorDefinition<unknown>;

export const VENDORS: Readonly<Record<string, VendorDefinition<unknown>>> = {
  webhook: entry(webhook),
  meta_capi: entry(metaCapi),
  ga4: entry(ga4),
  google_ads: entry(googleAds),
  bigquery: entry(bigquery),
  tiktok: entry(tiktok),
  pinterest: entry(pinterest),
  snapchat: entry(snapchat),
  linkedin: entry(linkedin),
  the_trade_desk: entry(theTradeDesk),
};

/**
 * The definition for a vendor key, or undefined.
 *
 * @example getVendor('webhook')?.id // → 'webhook'
 */
export function getVendor(key: string): VendorDefinition<unknown> | undefined {
  return Object.hasOwn(VENDORS, key) ? VENDORS[key] : undefined;
}
