/**
 * The Trade Desk real-time conversion identity rules (vendor digest §8). Nothing is hashed: identity
 * is a TDID / device id / UID2 token. TDIDs and impression ids are 36-character GUIDs.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a 36-character GUID (TDID, impression id). */
export const isGuid = (value: string): boolean => GUID.test(value);

/**
 * A TDID or impression id: a lowercase GUID, or dropped when it is not one.
 *
 * @example ttdGuid(' 8F6B2C9E-1D2A-4C3B-9E8F-0A1B2C3D4E5F ') // '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
 */
export function ttdGuid(raw: string): string | undefined {
  const v = raw.trim().toLowerCase();
  return isGuid(v) ? v : undefined;
}

/**
 * Currency: ISO 4217 upper case; anything else is dropped.
 *
 * @example ttdCurrency('usd') // 'USD'
 */
export function ttdCurrency(raw: string): string | undefined {
  const v = raw.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(v) ? v : undefined;
}

/** The normalisers The Trade Desk registers with the mapping engine, by transform name. */
export const ttdNormalizers = {
  ttd_guid: ttdGuid,
  ttd_currency: ttdCurrency,
} as const satisfies Record<string, (raw: string) => string | undefined>;
