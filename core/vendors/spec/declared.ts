/**
 * A declared vendor as the registry holds it: the declaration (catalog entry, settings, secrets),
 * the definition delivery runs, and the contract double the sandbox and the tests answer with.
 */
import type { VendorDefinition } from '../types.js';
import type { VendorDeclaration } from './declaration.js';
import { defineVendor, type DefineOptions } from './define.js';
import { specDouble, type DoubleStyle, type ItemCheck, type SpecDouble } from './double.js';
import type { SpecSettings } from './interpret.js';

export interface DeclaredVendor {
  declaration: VendorDeclaration;
  definition: VendorDefinition<SpecSettings>;
  double: SpecDouble;
}

/**
 * Everything the registry needs from a vendor folder, from its declaration (+ optional hooks,
 * vendor transforms, a vendor-specific double check, the vendor's wording and answer shapes for its
 * double, or a whole double of its own).
 *
 * @example export const reddit = declareVendor(redditDeclaration);
 */
export function declareVendor(
  declaration: VendorDeclaration,
  opts: DefineOptions & { extraCheck?: ItemCheck; style?: DoubleStyle; double?: SpecDouble } = {},
): DeclaredVendor {
  const { extraCheck, style, double, ...define } = opts;
  return {
    declaration,
    definition: defineVendor(declaration, define),
    double: double ?? specDouble(declaration, { ...style, ...(extraCheck ? { extraCheck } : {}) }),
  };
}
