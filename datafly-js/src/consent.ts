/**
 * Reading a consent-management platform into `context.consent` categories:
 * - IAB TCF v2 (`__tcfapi`): analytics = purposes 1 (store/access) and 8 (measure content);
 *   marketing = purposes 1, 3 and 4 (personalised advertising profiles and selection). When
 *   GDPR does not apply, both are granted.
 * - Google Consent Mode (gtag `consent` commands in `dataLayer`): analytics_storage →
 *   analytics, ad_storage → marketing; the other consent types (ad_user_data,
 *   ad_personalization, functionality_storage, …) keep their names.
 */

export type Consent = Record<string, boolean>;

/** The part of a TCF v2 `TCData` this reads. */
export interface TcData {
  gdprApplies?: boolean;
  eventStatus?: string;
  purpose?: { consents?: Record<string, boolean | undefined> };
}

/**
 * Consent categories from TCF data, or nothing while the CMP has no answer yet.
 *
 * @example fromTcf({ eventStatus: 'useractioncomplete', gdprApplies: true, purpose: { consents: { 1: true, 8: true } } })
 *   // → { analytics: true, marketing: false }
 */
export function fromTcf(d: TcData): Consent | undefined {
  if (d.eventStatus !== 'tcloaded' && d.eventStatus !== 'useractioncomplete') return undefined;
  const p = d.purpose?.consents || {};
  const all = (...ids: number[]): boolean =>
    d.gdprApplies === false || ids.every((i) => p[i] === true);
  return { analytics: all(1, 8), marketing: all(1, 3, 4) };
}

const GCM: Readonly<Record<string, string>> = {
  analytics_storage: 'analytics',
  ad_storage: 'marketing',
};

/**
 * Consent categories from gtag `consent` commands in `dataLayer` entries (`['consent',
 * 'default'|'update', {ad_storage: 'granted', …}]`, as arrays or `arguments` objects).
 * Returns what the entries say (later entries win), or nothing when none is a consent command.
 *
 * @example fromConsentMode([['consent', 'update', { analytics_storage: 'granted' }]]) // → { analytics: true }
 */
export function fromConsentMode(entries: ArrayLike<unknown>): Consent | undefined {
  let out: Consent | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as ArrayLike<unknown> | undefined;
    const state = e && e[0] === 'consent' && e[2];
    if (state && typeof state === 'object') {
      // Consent types are 'granted'|'denied' strings; settings like wait_for_update or region are not.
      for (const [k, v] of Object.entries(state))
        if (typeof v == 'string') (out ||= {})[GCM[k] || k] = v == 'granted';
    }
  }
  return out;
}
