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
import { braze } from './braze/index.js';
import { hubspot } from './hubspot/index.js';
import { salesforce } from './salesforce/index.js';
import { segment } from './segment/index.js';
import { klaviyo } from './klaviyo/index.js';
import { iterable } from './iterable/index.js';
import { customerIo } from './customer_io/index.js';
import { mparticle } from './mparticle/index.js';
import { rudderstack } from './rudderstack/index.js';
import { intercom } from './intercom/index.js';
import { bloomreach } from './bloomreach/index.js';
import { activecampaign } from './activecampaign/index.js';
import { onesignal } from './onesignal/index.js';
import { airship } from './airship/index.js';
import { clevertap } from './clevertap/index.js';
import { moengage } from './moengage/index.js';
import { attentive } from './attentive/index.js';
import { ortto } from './ortto/index.js';
import { loops } from './loops/index.js';
import { drip } from './drip/index.js';
import { vero } from './vero/index.js';
import { blueshift } from './blueshift/index.js';
import { webengage } from './webengage/index.js';
import { brevo } from './brevo/index.js';
import { knock } from './knock/index.js';
import { courier } from './courier/index.js';

// imports: cloud storage and warehouses

// imports: other
import { slack } from './slack/index.js';
import { discord } from './discord/index.js';
import { microsoftTeams } from './microsoft_teams/index.js';
import { zapier } from './zapier/index.js';
import { make } from './make/index.js';
import { pipedream } from './pipedream/index.js';
import { pagerduty } from './pagerduty/index.js';
import { datadog } from './datadog/index.js';
import { splunkHec } from './splunk_hec/index.js';
import { newRelic } from './new_relic/index.js';
import { airtable } from './airtable/index.js';

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
  braze,
  hubspot,
  salesforce,
  segment,
  klaviyo,
  iterable,
  customerIo,
  mparticle,
  rudderstack,
  intercom,
  bloomreach,
  activecampaign,
  onesignal,
  airship,
  clevertap,
  moengage,
  attentive,
  ortto,
  loops,
  drip,
  vero,
  blueshift,
  webengage,
  brevo,
  knock,
  courier,
  // end of cdp

  // cloud storage and warehouses
  bigqueryVendor,
  // end of cloud storage and warehouses

  // other
  slack,
  discord,
  microsoftTeams,
  zapier,
  make,
  pipedream,
  pagerduty,
  datadog,
  splunkHec,
  newRelic,
  airtable,
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
