/**
 * The Pinterest Conversions API vendor: its declaration (declaration.ts) through the Delivery Spec
 * interpreter.
 *
 * @example
 * const s = pinterest.parseSettings({ ad_account_id: '549755885175', access_token: 'pina_…', test_mode: true });
 * pinterest.format([event], s, { testMode: false }).requests[0].url // → '…/v5/ad_accounts/549755885175/events?test=true'
 */
import { defineVendor } from '../spec/define.js';
import { PINTEREST_IDENTITY_REASON, pinterestDeclaration } from './declaration.js';

export * from './declaration.js';

/** The Pinterest vendor definition. */
export const pinterest = defineVendor(pinterestDeclaration);

/** Pinterest's default mapping, as the engine sees it (fields, identity-kit transforms, defaults). */
export const pinterestMapping = pinterest.mapping!;

/** Pinterest's minimum identity: an email, a hashed mobile id, or IP + user agent together. */
export function pinterestIdentityProblem(userData: unknown): string | undefined {
  const u = (userData ?? {}) as Record<string, unknown>;
  if (u.em || u.hashed_maids || (u.client_ip_address && u.client_user_agent)) return undefined;
  return PINTEREST_IDENTITY_REASON;
}
