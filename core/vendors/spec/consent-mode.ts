/**
 * Google Consent Mode v2 signals (`ad_user_data`, `ad_personalization`), shared by the Google APIs
 * that take them (Measurement Protocol, Data Manager): each read from the event's own signal, else
 * its advertising or marketing consent, and sent as the API's words for granted and denied.
 */
import type { MappingRow } from '../../mapping/config.js';
import type { TransformDef } from '../../mapping/transforms.js';

const FALLBACK = ['context.consent.advertising', 'context.consent.marketing'];

/**
 * The two consent rows, into the vendor's targets through its transform.
 *
 * @example consentModeRows(['consent.ad_user_data', 'consent.ad_personalization'], 'x.consent')[0].source
 *   // → ['context.consent.ad_user_data', 'context.consent.advertising', 'context.consent.marketing']
 */
export const consentModeRows = (
  [userData, personalization]: readonly [string, string],
  transform: string,
): MappingRow[] => [
  {
    source: ['context.consent.ad_user_data', ...FALLBACK],
    target: userData,
    transforms: [transform],
  },
  {
    source: ['context.consent.ad_personalization', ...FALLBACK],
    target: personalization,
    transforms: [transform],
  },
];

/**
 * A transform from a consent value (`true`/`granted`, `false`/`denied`) to the API's words.
 *
 * @example consentWords('GRANTED', 'DENIED').fn('granted', undefined) // → 'GRANTED'
 */
export const consentWords = (granted: string, denied: string): TransformDef => ({
  fn: (v: unknown) =>
    v === true || v === 'granted' ? granted : v === false || v === 'denied' ? denied : undefined,
});
