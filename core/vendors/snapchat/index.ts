/**
 * The Snapchat Conversions API vendor: its declaration (declaration.ts) with two hooks (hooks.ts)
 * through the Delivery Spec interpreter, its double answering as Snap's validate endpoint does
 * (double.ts).
 *
 * @example
 * const s = snapchat.parseSettings({ pixel_id: '1ec32188-754e-4be2-8e55-c949a984a39f', access_token: 't', test_mode: true });
 * snapchat.format([event], s, { testMode: false }).requests[0].url // → '…/v3/1ec3…/events/validate?access_token=t'
 */
import { declareVendor } from '../spec/declared.js';
import { snapchatDeclaration } from './declaration.js';
import { snapchatDouble } from './double.js';
import { snapchatHooks } from './hooks.js';

export * from './declaration.js';

/** What the registry holds for Snapchat. */
export const snapchatVendor = declareVendor(snapchatDeclaration, {
  hooks: snapchatHooks,
  style: snapchatDouble,
});

/** The Snapchat vendor definition. */
export const snapchat = snapchatVendor.definition;
