/**
 * How The Trade Desk's contract double answers (docs/vendors/ads-analytics-warehouse.md §8 "Test
 * double notes"; field-level facts are [oss/3p]): the declaration's double takes POST
 * `/track/realtimeconversion` with one conversion in `data`; this adds each conversion's checks
 * (`tracker_id`, or `pixel_id` with `adv`; `adid_type` from the enum with `adid`; GUIDs for TDID
 * and `imp`; numeric `value`; no hashed PII) and TTD's answers: 200 `{}`, 400 `{"Message": …}`.
 *
 * @example startSpecDouble(ttdDeclaration, ttdDouble)
 */
import { json } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import type { DoubleStyle } from '../spec/double.js';

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

const ID_TYPES = new Set<unknown>(TTD_ID_TYPES);

/** TTD's wording, answers and conversion checks. */
export const ttdDouble: DoubleStyle = {
  fields: false,
  say: {
    body: 'data must be an array of conversions',
    count: 'data must hold 1 to {max} conversions',
  },
  at: (i) => `data[${i}]`,
  plainRefusals: true,
  error: (status, message) => json(status, { Message: message }),
  ok: () => json(200, {}),
  extraCheck(c, { at }) {
    if (!c.tracker_id && !(c.pixel_id && c.adv))
      return `${at} needs tracker_id, or pixel_id with adv`;
    if (c.adid !== undefined || c.adid_type !== undefined) {
      if (typeof c.adid !== 'string' || !c.adid) return `${at}.adid is required with adid_type`;
      if (!ID_TYPES.has(c.adid_type))
        return `${at}.adid_type must be one of ${TTD_ID_TYPES.join(', ')}`;
      if (c.adid_type === 'TDID' && !isGuid(c.adid))
        return `${at}.adid must be a 36-character GUID for TDID`;
    }
    if (c.imp !== undefined && !isGuid(String(c.imp)))
      return `${at}.imp must be a 36-character GUID`;
    if (c.value !== undefined && typeof c.value !== 'number') return `${at}.value must be a number`;
    if (c.currency !== undefined && !/^[A-Z]{3}$/.test(String(c.currency)))
      return `${at}.currency must be ISO 4217`;
    for (const item of Array.isArray(c.items) ? c.items : []) {
      const { qty, price } = isRecord(item) ? item : {};
      if (qty !== undefined && !Number.isInteger(qty))
        return `${at}.items[].qty must be an integer`;
      if (price !== undefined && typeof price !== 'number')
        return `${at}.items[].price must be a number`;
    }
    const hashed = Object.keys(c).find((k) => k !== 'adid' && isSha256Hex(String(c[k])));
    return hashed && `${at}.${hashed} looks like hashed PII; this endpoint takes no hashed PII`;
  },
};
