/**
 * The GA4 Measurement Protocol vendor: its declaration (declaration.ts) with its hooks and
 * transforms (hooks.ts) through the Delivery Spec interpreter, answered by its own contract double
 * (double.ts: production and the validation endpoint).
 *
 * @example
 * const s = ga4.parseSettings({ measurement_id: 'G-ABC123', api_secret: 's' });
 * ga4.format([event], s, { testMode: false }).requests[0].url // → 'https://www.google-analytics.com/mp/collect?measurement_id=G-ABC123&api_secret=s'
 */
import { declareVendor } from '../spec/declared.js';
import { ga4Declaration } from './declaration.js';
import { ga4Responder } from './double.js';
import { ga4EventName, ga4Hooks, ga4Transforms } from './hooks.js';

export * from './declaration.js';
export { ga4ClientId, ga4EventName } from './hooks.js';

const respond = ga4Responder();

/** What the registry holds for GA4. */
export const ga4Vendor = declareVendor(ga4Declaration, {
  hooks: ga4Hooks,
  transforms: ga4Transforms,
  passThroughName: ga4EventName,
  double: { check: (req) => respond(req), inBodyProblems: () => [] },
});

/** The GA4 vendor definition. */
export const ga4 = ga4Vendor.definition;
