/**
 * The Meta Conversions API vendor: its declaration (declaration.ts) with one hook (hooks.ts)
 * through the Delivery Spec interpreter, its double answering in Meta's words (double.ts).
 *
 * @example
 * const s = metaCapi.parseSettings({ pixel_id: '123', access_token: 't' });
 * metaCapi.format([event], s, { testMode: false }).requests[0].url // → 'https://graph.facebook.com/v24.0/123/events?access_token=t'
 */
import { declareVendor } from '../spec/declared.js';
import { metaDeclaration } from './declaration.js';
import { metaDouble } from './double.js';
import { metaHooks } from './hooks.js';

export * from './declaration.js';

/** What the registry holds for Meta. */
export const metaCapiVendor = declareVendor(metaDeclaration, {
  hooks: metaHooks,
  style: metaDouble,
});

/** The Meta Conversions API vendor definition. */
export const metaCapi = metaCapiVendor.definition;
