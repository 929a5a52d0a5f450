/**
 * The Google Ads (Data Manager API) vendor: its declaration (declaration.ts) with its hooks and
 * transforms (hooks.ts) through the Delivery Spec interpreter, answered by its own double
 * (double.ts, with Google's token endpoint beside the API, so it runs on its own server rather
 * than in the shared sandbox).
 *
 * @example
 * const s = googleAds.parseSettings({ customer_id: '123-456-7890', conversion_action_id: '987', service_account_json: keyJson });
 * const { token } = await googleAds.authorize!(s, fetch);
 * googleAds.format([purchase], s, { testMode: false, accessToken: token });
 */
import { declareVendor } from '../spec/declared.js';
import { googleAdsDeclaration } from './declaration.js';
import { googleAdsResponder, startGoogleAdsDouble } from './double.js';
import { googleAdsHooks, googleAdsTransforms } from './hooks.js';

export * from './declaration.js';

const { respond } = googleAdsResponder({}, () => '');

/** What the registry holds for Google Ads. */
export const googleAdsVendor = declareVendor(googleAdsDeclaration, {
  hooks: googleAdsHooks,
  transforms: googleAdsTransforms,
  double: { check: respond, inBodyProblems: () => [], start: () => startGoogleAdsDouble() },
});

/** The Google Ads vendor definition. */
export const googleAds = googleAdsVendor.definition;
