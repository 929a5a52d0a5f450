/** The TikTok Events API vendor as the registry holds it: declaration.ts and double.ts. */
import { declareVendor } from '../spec/declared.js';
import { tiktokDeclaration } from './declaration.js';
import { tiktokDouble } from './double.js';

export * from './declaration.js';

export const tiktokVendor = declareVendor(tiktokDeclaration, { style: tiktokDouble });
export const tiktok = tiktokVendor.definition;
