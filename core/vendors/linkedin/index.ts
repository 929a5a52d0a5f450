/**
 * The LinkedIn Conversions API vendor: its declaration (declaration.ts) with its hooks and
 * transforms (hooks.ts) through the Delivery Spec interpreter, its double answering in LinkedIn's
 * words (double.ts).
 *
 * @example
 * const s = linkedin.parseSettings({ access_token: 'AQX…', conversion_rule_id: '123456' });
 * linkedin.format([event], s, { testMode: false }).requests[0].headers['x-restli-method'] // → 'BATCH_CREATE'
 */
import { declareVendor } from '../spec/declared.js';
import { linkedinDeclaration } from './declaration.js';
import { linkedinDouble } from './double.js';
import { linkedinHooks, linkedinTransforms } from './hooks.js';

export * from './declaration.js';

/** What the registry holds for LinkedIn. */
export const linkedinVendor = declareVendor(linkedinDeclaration, {
  hooks: linkedinHooks,
  transforms: linkedinTransforms,
  style: linkedinDouble,
});

/** The LinkedIn vendor definition. */
export const linkedin = linkedinVendor.definition;
