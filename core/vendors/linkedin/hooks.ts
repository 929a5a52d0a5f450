/**
 * What LinkedIn's declaration cannot say as data (docs/vendors/ads-analytics-warehouse.md §7): the conversion rule per event
 * (a per-event override, the rule for its type, the default, or the test rule), ids assembled into
 * `user.userIds`, and the 64-character event id limit.
 */
import { textTransform } from '../../identity-kit/index.js';
import type { TransformTable } from '../../mapping/transforms.js';
import type { SpecHooks } from '../spec/interpret.js';

/** Longest `eventId` LinkedIn accepts. */
const LINKEDIN_MAX_EVENT_ID = 64;
/** `user.userIds[].idType` values. */
export const LINKEDIN_ID_TYPES = [
  'SHA256_EMAIL',
  'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID',
  'ACXIOM_ID',
  'ORACLE_MOAT_ID',
] as const;

/** LinkedIn's plain-text rules: text trimmed with inner whitespace collapsed; country as upper-case alpha-2 (else dropped). */
export const linkedinTransforms: TransformTable = {
  'linkedin.text': textTransform((raw) => raw.trim().replace(/\s+/g, ' ') || undefined),
  'linkedin.country': textTransform((raw) => {
    const v = raw.trim().toUpperCase();
    return /^[A-Z]{2}$/.test(v) ? v : undefined;
  }),
};

export const linkedinHooks: SpecHooks = {
  item(item, _event, params, test) {
    const ids = item.ids as Record<string, unknown> | undefined;
    const user = item.user as Record<string, unknown> | undefined;
    const override = item.conversion_rule_id;
    const userIds = LINKEDIN_ID_TYPES.flatMap((idType) =>
      typeof ids?.[idType] === 'string' && ids[idType] ? [{ idType, idValue: ids[idType] }] : [],
    );
    const info = user?.userInfo as Record<string, unknown> | undefined;
    const hasInfo = !!(info?.firstName && info.lastName);
    if (!userIds.length && !hasInfo)
      return 'LinkedIn needs a user id (email, li_fat_id, …) or userInfo with firstName and lastName';
    const rules = params.conversion_rules as Record<string, string>;
    const rule = test
      ? params.test_conversion_rule_id
      : typeof override === 'string' || typeof override === 'number'
        ? String(override)
        : (rules[item.conversion as string] ?? params.conversion_rule_id);
    const externalIds = Array.isArray(user?.externalIds) ? user.externalIds.slice(0, 1) : undefined;
    // Changed in place; keys left undefined rather than deleted (JSON drops them, the object keeps its fast shape).
    item.conversion = `urn:lla:llaPartnerConversion:${String(rule)}`;
    // LinkedIn refuses event ids over 64 characters: such an event goes without dedup rather than not at all.
    if ((item.eventId as string).length > LINKEDIN_MAX_EVENT_ID) item.eventId = undefined;
    item.user = {
      userIds,
      ...(hasInfo ? { userInfo: info } : {}),
      ...(externalIds?.length ? { externalIds } : {}),
    };
    if (ids !== undefined) item.ids = undefined;
    if (override !== undefined) item.conversion_rule_id = undefined;
    return undefined;
  },
};
