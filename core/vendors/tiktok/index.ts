/**
 * The TikTok Events API vendor: its declaration (declaration.ts) through the Delivery Spec
 * interpreter, answered by its own contract double (double.ts: TikTok's in-body codes and messages).
 *
 * @example
 * const s = tiktok.parseSettings({ pixel_code: 'C123', access_token: 't' });
 * tiktok.format([event], s, { testMode: false }).requests[0].url // → 'https://business-api.tiktok.com/open_api/v1.3/event/track/'
 */
import { declareVendor } from '../spec/declared.js';
import { tiktokDeclaration } from './declaration.js';
import { checkTikTokRequest } from './double.js';

export * from './declaration.js';

/** What the registry holds for TikTok. */
export const tiktokVendor = declareVendor(tiktokDeclaration, {
  double: {
    check: (req) => checkTikTokRequest(req),
    // TikTok answers 200 with a non-zero `code` for what it refuses.
    inBodyProblems: (body) => {
      let answer: { code?: unknown; message?: unknown } | undefined;
      try {
        answer = JSON.parse(body) as typeof answer;
      } catch {
        return [];
      }
      return answer?.code === 0 || answer?.code === undefined
        ? []
        : [`code ${String(answer.code)}: ${String(answer.message)}`];
    },
  },
});

/** The TikTok vendor definition. */
export const tiktok = tiktokVendor.definition;

/** TikTok's default mapping, as the engine sees it. */
export const tiktokMapping = tiktok.mapping!;
