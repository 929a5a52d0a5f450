/** The Snapchat Conversions API vendor as the registry holds it: declaration.ts, hooks.ts, double.ts. */
import { declareVendor } from '../spec/declared.js';
import { snapchatDeclaration } from './declaration.js';
import { snapchatDouble } from './double.js';
import { snapchatHooks } from './hooks.js';

export * from './declaration.js';

export const snapchatVendor = declareVendor(snapchatDeclaration, {
  hooks: snapchatHooks,
  style: snapchatDouble,
});
export const snapchat = snapchatVendor.definition;
