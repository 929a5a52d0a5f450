/** The Pinterest Conversions API vendor as the registry holds it: declaration.ts and double.ts. */
import { declareVendor } from '../spec/declared.js';
import { pinterestDeclaration } from './declaration.js';
import { pinterestDouble } from './double.js';

export * from './declaration.js';

export const pinterestVendor = declareVendor(pinterestDeclaration, { style: pinterestDouble });
export const pinterest = pinterestVendor.definition;
