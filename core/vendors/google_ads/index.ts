/**
 * The Google Ads (Data Manager API) vendor as the registry holds it: declaration.ts, hooks.ts and its
 * own double (double.ts, with Google's token endpoint, so on a server of its own).
 */
import { declareVendor } from '../spec/declared.js';
import { googleAdsDeclaration } from './declaration.js';
import { googleAdsResponder, startGoogleAdsDouble } from './double.js';
import { googleAdsHooks, googleAdsTransforms } from './hooks.js';

export * from './declaration.js';

export const googleAdsVendor = declareVendor(googleAdsDeclaration, {
  hooks: googleAdsHooks,
  transforms: googleAdsTransforms,
  respond: googleAdsResponder({}, () => '').respond,
  start: () => startGoogleAdsDouble(),
});
export const googleAds = googleAdsVendor.definition;
