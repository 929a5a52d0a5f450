/**
 * The vendor registry: a static map from vendor key (as in the catalog) to its definition.
 * Adding a declared vendor = one folder under core/vendors/ plus one line in DECLARED (STYLE.md 2):
 * its catalog entry, sandbox row and contract double derive from the declaration.
 */
import type { DeclaredVendor } from './spec/declared.js';
import type { VendorDeclaration } from './spec/declaration.js';
import type { VendorDefinition } from './types.js';
import { deliverySpec } from './delivery_spec/index.js';
import { microsoftAds } from './microsoft_ads/index.js';
import { reddit } from './reddit/index.js';
import { xAds } from './x_ads/index.js';
import { pinterestVendor } from './pinterest/index.js';
import { metaCapiVendor } from './meta_capi/index.js';
import { ga4Vendor } from './ga4/index.js';
import { bigqueryVendor } from './bigquery/index.js';
import { tiktokVendor } from './tiktok/index.js';
import { snapchatVendor } from './snapchat/index.js';
import { linkedinVendor } from './linkedin/index.js';
import { theTradeDeskVendor } from './the_trade_desk/index.js';
import { webhook } from './webhook/index.js';
import { googleAdsVendor } from './google_ads/index.js';
// imports: advertising

// imports: attribution

// imports: analytics
import { amplitude } from './amplitude/index.js';

// imports: cdp

// imports: cloud storage and warehouses
import { s3 } from './s3/index.js';
import { r2 } from './r2/index.js';
import { minio } from './minio/index.js';
import { gcs } from './gcs/index.js';
import { digitalOceanSpaces } from './digital_ocean_spaces/index.js';
import { backblazeB2 } from './backblaze_b2/index.js';
import { redshift } from './redshift/index.js';
import { snowflake } from './snowflake/index.js';
import { kinesis } from './kinesis/index.js';
import { firehose } from './firehose/index.js';
import { eventbridge } from './eventbridge/index.js';

// imports: other

/**
 * Erase a definition's Settings type: delivery only ever hands a vendor's own `parseSettings`
 * output back to that same vendor, so the erasure is safe.
 */
const entry = <S>(vendor: VendorDefinition<S>): VendorDefinition<unknown> => vendor as unknown as VendorDefinition<unknown>;

/** Vendors written as declarations, in catalog order: one line each, grouped by category. */
const DECLARED: readonly DeclaredVendor[] = [
  // advertising
  googleAdsVendor,
  metaCapiVendor,
  tiktokVendor,
  pinterestVendor,
  snapchatVendor,
  linkedinVendor,
  theTradeDeskVendor,
  reddit,
  microsoftAds,
  xAds,
  // end of advertising

  // attribution
  // end of attribution

  // analytics
  ga4Vendor,
  amplitude,
  // end of analytics

  // cdp
  // end of cdp

  // cloud storage and warehouses
  s3,
  r2,
  minio,
  gcs,
  digitalOceanSpaces,
  backblazeB2,
  redshift,
  snowflake,
  kinesis,
  firehose,
  eventbridge,
  bigqueryVendor,
  // end of cloud storage and warehouses

  // other
  // end of other
];

/** Declared vendors by key (catalog entries, sandbox rows and doubles derive from them). */
export const DECLARED_VENDORS: Readonly<Record<string, DeclaredVendor>> = Object.fromEntries(DECLARED.map((d) => [d.declaration.id, d]));

/** Every declaration, in catalog order. */
export const DECLARATIONS: readonly VendorDeclaration[] = DECLARED.map((d) => d.declaration);

export const VENDORS: Readonly<Record<string, VendorDefinition<unknown>>> = {
  webhook: entry(webhook),
  delivery_spec: entry(deliverySpec),
  ...Object.fromEntries(DECLARED.map((d) => [d.declaration.id, entry(d.definition)])),
};

/**
 * The definition for a vendor key, or undefined.
 *
 * @example getVendor('webhook')?.id // → 'webhook'
 */
export function getVendor(key: string): VendorDefinition<unknown> | undefined {
  return Object.hasOwn(VENDORS, key) ? VENDORS[key] : undefined;
}
