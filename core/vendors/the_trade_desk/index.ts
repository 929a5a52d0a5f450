/**
 * The Trade Desk real-time conversions vendor: its declaration (declaration.ts) with its hooks and
 * transforms (hooks.ts) through the Delivery Spec interpreter, its double answering in TTD's words
 * (double.ts).
 *
 * @example
 * const s = theTradeDesk.parseSettings({ advertiser_id: 'abc12345', tracker_id: 'hc7ihke' });
 * theTradeDesk.format([event], s, { testMode: false }).requests[0].url // → 'https://insight.adsrvr.org/track/realtimeconversion'
 */
import { declareVendor } from '../spec/declared.js';
import { ttdDeclaration } from './declaration.js';
import { ttdDouble } from './double.js';
import { ttdHooks, ttdTransforms } from './hooks.js';

export * from './declaration.js';

/** What the registry holds for The Trade Desk. */
export const theTradeDeskVendor = declareVendor(ttdDeclaration, {
  hooks: ttdHooks,
  transforms: ttdTransforms,
  style: ttdDouble,
});

/** The Trade Desk vendor definition. */
export const theTradeDesk = theTradeDeskVendor.definition;
