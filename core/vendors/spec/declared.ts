/**
 * A declared vendor as the registry holds it: the declaration (catalog entry, settings, secrets),
 * the definition delivery runs, and the contract double the sandbox and the tests answer with.
 */
import type { Answer, RecordedRequest } from '../../doubles/index.js';
import type { VendorDefinition } from '../types.js';
import type { VendorDeclaration } from './declaration.js';
import { defineVendor, type DefineOptions } from './define.js';
import { specDouble, type DoubleStyle, type ItemCheck, type SpecDouble } from './double.js';
import type { SpecSettings } from './interpret.js';
import { DeliverySpec } from './schema.js';
import { tokenEndpoint } from './token-double.js';

export interface DeclaredVendor {
  declaration: VendorDeclaration;
  definition: VendorDefinition<SpecSettings>;
  double: SpecDouble;
}

/**
 * Everything the registry needs from a vendor folder, from its declaration (+ optional hooks,
 * vendor transforms, a vendor-specific double check, the vendor's wording and answer shapes for its
 * double, or a whole double of its own: `respond`, or `double` when it needs its own server).
 *
 * @example export const reddit = declareVendor(redditDeclaration);
 */
export function declareVendor(
  declaration: VendorDeclaration,
  opts: DefineOptions & {
    extraCheck?: ItemCheck;
    style?: DoubleStyle;
    double?: SpecDouble;
    /** A double of the vendor's own (its answers report nothing inside a 2xx). */
    respond?: (req: RecordedRequest) => Answer;
    /** With `respond`: what is wrong in a request it answers 2xx to all the same. */
    requestProblems?: (req: RecordedRequest) => string[];
  } = {},
): DeclaredVendor {
  const { extraCheck, style, double, respond, requestProblems, ...define } = opts;
  // A double of its own still answers the token endpoint its auth names (./token-double.ts).
  const token = respond && tokenEndpoint(DeliverySpec.parse(declaration.spec).auth);
  const own = respond && {
    check: token ? (req: RecordedRequest) => token(req) ?? respond(req) : respond,
    inBodyProblems: () => [],
    requestProblems,
  };
  return {
    declaration,
    definition: defineVendor(declaration, define),
    double:
      double ?? own ?? specDouble(declaration, { ...style, ...(extraCheck ? { extraCheck } : {}) }),
  };
}
