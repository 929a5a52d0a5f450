/**
 * The TikTok Events API vendor: its declaration (declaration.ts) through the Delivery Spec
 * interpreter, its double answering with TikTok's in-body codes and messages (double.ts).
 *
 * @example
 * const s = tiktok.parseSettings({ pixel_code: 'C123', access_token: 't' });
 * tiktok.format([event], s, { testMode: false }).requests[0].url // → 'https://business-api.tiktok.com/open_api/v1.3/event/track/'
 */
import { declareVendor } from '../spec/declared.js';
import { tiktokDeclaration } from './declaration.js';
import { tiktokDouble } from './double.js';

export * from './declaration.js';

/** What the registry holds for TikTok. */
export const tiktokVendor = declareVendor(tiktokDeclaration, { style: tiktokDouble });

/** The TikTok vendor definition. */
export const tiktok = tiktokVendor.definition;
