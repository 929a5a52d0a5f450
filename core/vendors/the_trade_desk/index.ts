/**
 * The Trade Desk real-time conversions vendor as the registry holds it: declaration.ts, hooks.ts,
 * double.ts.
 */
import { declareVendor } from '../spec/declared.js';
import { ttdDeclaration } from './declaration.js';
import { ttdDouble } from './double.js';
import { ttdHooks, ttdTransforms } from './hooks.js';

export * from './declaration.js';

export const theTradeDeskVendor = declareVendor(ttdDeclaration, {
  hooks: ttdHooks,
  transforms: ttdTransforms,
  style: ttdDouble,
});
export const theTradeDesk = theTradeDeskVendor.definition;
