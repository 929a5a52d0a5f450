/**
 * The GA4 Measurement Protocol vendor as the registry holds it: declaration.ts, hooks.ts and its own
 * double (double.ts: production and the validation endpoint).
 */
import { declareVendor } from '../spec/declared.js';
import { ga4Declaration } from './declaration.js';
import { ga4Responder } from './double.js';
import { ga4EventName, ga4Hooks, ga4Transforms } from './hooks.js';

export * from './declaration.js';
export { ga4ClientId, ga4EventName } from './hooks.js';

export const ga4Vendor = declareVendor(ga4Declaration, {
  hooks: ga4Hooks,
  transforms: ga4Transforms,
  passThroughName: ga4EventName,
  respond: ga4Responder(),
});
export const ga4 = ga4Vendor.definition;
