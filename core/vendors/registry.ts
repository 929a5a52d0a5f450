/**
 * The vendor registry: a static map from vendor key (as in the catalog) to its definition.
 * Adding a declared vendor = one folder under core/vendors/ plus one line in DECLARED (docs/style.md 2):
 * its catalog entry, sandbox row and contract double derive from the declaration.
 */
import type { DeclaredVendor } from './spec/declared.js';
import type { VendorDeclaration } from './spec/declaration.js';
import type { VendorDefinition } from './types.js';
import { deliverySpec } from './delivery_spec/index.js';
import { microsoftAds } from './microsoft_ads/index.js';
import { reddit } from './reddit/index.js';
import { xAds } from './x_ads/index.js';
import { pinterest } from './pinterest/index.js';
import { metaCapi } from './meta_capi/index.js';
import { ga4 } from './ga4/index.js';
import { bigquery } from './bigquery/index.js';
import { tiktok } from './tiktok/index.js';
import { snapchat } from './snapchat/index.js';
import { linkedin } from './linkedin/index.js';
import { theTradeDesk } from './the_trade_desk/index.js';
import { webhook } from './webhook/index.js';
import { googleAds } from './google_ads/index.js';
// imports: advertising
import { criteo } from './criteo/index.js';
import { quora } from './quora/index.js';
import { nextdoor } from './nextdoor/index.js';
import { applovin } from './applovin/index.js';
import { openaiAds } from './openai_ads/index.js';
import { topsort } from './topsort/index.js';
import { yahooJapan } from './yahoo_japan/index.js';
import { tiktokOffline } from './tiktok_offline/index.js';
import { rokt } from './rokt/index.js';
import { podscribe } from './podscribe/index.js';
import { lineAds } from './line_ads/index.js';
import { spotifyAds } from './spotify_ads/index.js';
import { amazonAds } from './amazon_ads/index.js';
import { stackadapt } from './stackadapt/index.js';

// imports: attribution
import { adjust } from './adjust/index.js';
import { appsflyer } from './appsflyer/index.js';
import { impact } from './impact/index.js';
import { branch } from './branch/index.js';
import { kochava } from './kochava/index.js';
import { airbridge } from './airbridge/index.js';
import { awin } from './awin/index.js';
import { singular } from './singular/index.js';
import { dub } from './dub/index.js';
import { rockerbox } from './rockerbox/index.js';

// imports: analytics
import { amplitude } from './amplitude/index.js';
import { mixpanel } from './mixpanel/index.js';
import { adobeAnalytics } from './adobe_analytics/index.js';
import { heap } from './heap/index.js';
import { posthog } from './posthog/index.js';
import { june } from './june/index.js';
import { pendo } from './pendo/index.js';
import { fullstory } from './fullstory/index.js';
import { keen } from './keen/index.js';
import { indicative } from './indicative/index.js';
import { countly } from './countly/index.js';
import { matomo } from './matomo/index.js';
import { plausible } from './plausible/index.js';
import { pirsch } from './pirsch/index.js';
import { umami } from './umami/index.js';
import { snowplow } from './snowplow/index.js';
import { statsig } from './statsig/index.js';
import { launchdarkly } from './launchdarkly/index.js';
import { optimizely } from './optimizely/index.js';
import { splitio } from './splitio/index.js';
import { algoliaInsights } from './algolia_insights/index.js';
import { attributionApp } from './attribution_app/index.js';
import { dynamicYield } from './dynamic_yield/index.js';
import { userpilot } from './userpilot/index.js';
import { gainsightPx } from './gainsight_px/index.js';
import { appcues } from './appcues/index.js';
import { accoil } from './accoil/index.js';
import { adobeAep } from './adobe_aep/index.js';
import { kissmetrics } from './kissmetrics/index.js';
import { woopra } from './woopra/index.js';

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
const entry = <S>(vendor: VendorDefinition<S>): VendorDefinition<unknown> =>
  vendor as unknown as VendorDefinition<unknown>;

/** Vendors written as declarations, in catalog order: one line each, grouped by category. */
const DECLARED: readonly DeclaredVendor[] = [
  // advertising
  googleAds,
  metaCapi,
  tiktok,
  pinterest,
  snapchat,
  linkedin,
  theTradeDesk,
  reddit,
  microsoftAds,
  xAds,
  criteo,
  quora,
  nextdoor,
  applovin,
  openaiAds,
  topsort,
  yahooJapan,
  tiktokOffline,
  rokt,
  podscribe,
  lineAds,
  spotifyAds,
  amazonAds,
  stackadapt,
  // end of advertising

  // attribution
  adjust,
  appsflyer,
  impact,
  branch,
  kochava,
  airbridge,
  awin,
  singular,
  dub,
  rockerbox,
  // end of attribution

  // analytics
  ga4,
  amplitude,
  mixpanel,
  adobeAnalytics,
  heap,
  posthog,
  june,
  pendo,
  fullstory,
  keen,
  indicative,
  countly,
  matomo,
  plausible,
  pirsch,
  umami,
  snowplow,
  statsig,
  launchdarkly,
  optimizely,
  splitio,
  algoliaInsights,
  attributionApp,
  dynamicYield,
  userpilot,
  gainsightPx,
  appcues,
  accoil,
  adobeAep,
  kissmetrics,
  woopra,
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
  bigquery,
  // end of cloud storage and warehouses

  // other
  webhook,
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
export const DECLARED_VENDORS: Readonly<Record<string, DeclaredVendor>> = Object.fromEntries(
  DECLARED.map((d) => [d.declaration.id, d]),
);

/** Every declaration, in catalog order. */
export const DECLARATIONS: readonly VendorDeclaration[] = DECLARED.map((d) => d.declaration);

export const VENDORS: Readonly<Record<string, VendorDefinition<unknown>>> = {
  delivery_spec: entry(deliverySpec),
  ...Object.fromEntries(DECLARED.map((d) => [d.declaration.id, entry(d.definition)])),
};

/**
 * The definition for a vendor key, or undefined.
 *
 * @example getVendor('reddit')?.id // → 'reddit'
 */
export function getVendor(key: string): VendorDefinition<unknown> | undefined {
  return Object.hasOwn(VENDORS, key) ? VENDORS[key] : undefined;
}
