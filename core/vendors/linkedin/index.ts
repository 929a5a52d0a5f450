/** The LinkedIn Conversions API vendor as the registry holds it: declaration.ts, hooks.ts, double.ts. */
import { declareVendor } from '../spec/declared.js';
import { linkedinDeclaration } from './declaration.js';
import { linkedinDouble } from './double.js';
import { linkedinHooks, linkedinTransforms } from './hooks.js';

export * from './declaration.js';

export const linkedinVendor = declareVendor(linkedinDeclaration, {
  hooks: linkedinHooks,
  transforms: linkedinTransforms,
  style: linkedinDouble,
});
export const linkedin = linkedinVendor.definition;
