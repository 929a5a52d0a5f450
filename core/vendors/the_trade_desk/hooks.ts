/**
 * What The Trade Desk's declaration cannot say as data: the first advertising id present (TDID
 * first) becomes `adid` + `adid_type`; a purchase without a numeric value is skipped; TDIDs must be
 * GUIDs and currencies ISO 4217 codes (docs/vendors/ads-analytics-warehouse.md §8).
 */
import { textTransform } from '../../identity-kit/index.js';
import type { TransformTable } from '../../mapping/transforms.js';
import type { SpecHooks } from '../spec/interpret.js';

/** `adid_type` values, in the order they are preferred. */
export const TTD_ID_TYPES = [
  'TDID',
  'UID2',
  'EUID',
  'IDL',
  'IDFA',
  'AAID',
  'DAID',
  'NAID',
] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a 36-character GUID (TDID, impression id). */
export const isGuid = (value: string): boolean => GUID.test(value);

/** TTD's transforms: a TDID as a lowercase GUID, a currency as three upper-case letters (else dropped). */
export const ttdTransforms: TransformTable = {
  'the_trade_desk.guid': textTransform((raw) => {
    const v = raw.trim().toLowerCase();
    return isGuid(v) ? v : undefined;
  }),
  'the_trade_desk.currency': textTransform((raw) => {
    const v = raw.trim().toUpperCase();
    return /^[A-Z]{3}$/.test(v) ? v : undefined;
  }),
};

export const ttdHooks: SpecHooks = {
  item(item) {
    if (item.event_name === 'purchase' && typeof item.value !== 'number')
      return 'a purchase needs a numeric value';
    const ids = item.ids as Record<string, unknown> | undefined;
    // Left undefined rather than deleted: JSON drops it, and the object keeps its fast shape.
    item.ids = undefined;
    const type = TTD_ID_TYPES.find((t) => typeof ids?.[t] === 'string' && ids[t] !== '');
    if (type) {
      item.adid = ids![type];
      item.adid_type = type;
    }
    return undefined;
  },
};
