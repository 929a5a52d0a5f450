/**
 * The Pinterest Conversions API vendor: its declaration (declaration.ts) through the Delivery Spec
 * interpreter, its double answering in Pinterest's words (double.ts).
 *
 * @example
 * const s = pinterest.parseSettings({ ad_account_id: '549755885175', access_token: 'pina_…', test_mode: true });
 * pinterest.format([event], s, { testMode: false }).requests[0].url // → '…/v5/ad_accounts/549755885175/events?test=true'
 */
import { declareVendor } from '../spec/declared.js';
import { pinterestDeclaration } from './declaration.js';
import { pinterestDouble } from './double.js';

export * from './declaration.js';

/** What the registry holds for Pinterest. */
export const pinterestVendor = declareVendor(pinterestDeclaration, { style: pinterestDouble });

/** The Pinterest vendor definition. */
export const pinterest = pinterestVendor.definition;
