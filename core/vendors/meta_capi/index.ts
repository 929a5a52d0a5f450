/** The Meta Conversions API vendor as the registry holds it: declaration.ts, hooks.ts, double.ts. */
import { declareVendor } from '../spec/declared.js';
import { metaDeclaration } from './declaration.js';
import { metaDouble } from './double.js';
import { metaHooks } from './hooks.js';

export * from './declaration.js';

export const metaCapiVendor = declareVendor(metaDeclaration, {
  hooks: metaHooks,
  style: metaDouble,
});
export const metaCapi = metaCapiVendor.definition;
