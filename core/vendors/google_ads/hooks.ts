/**
 * What Google Ads' declaration cannot say as data (docs/vendors/ads-analytics-warehouse.md §3c):
 * each event's conversion action as a `destinationReferences` entry and the request's
 * `destinations[]` from them; identifiers Data Manager would refuse (empty, or an address without
 * all four parts) left out. Which credentials are set is the auth's `first_of` (define.ts).
 */
import type { TransformTable } from '../../mapping/transforms.js';
import { consentWords } from '../spec/consent-mode.js';
import type { SpecHooks } from '../spec/interpret.js';

type Json = Record<string, unknown>;

/** Google Ads' own transforms. */
export const googleAdsTransforms: TransformTable = {
  'google.consent_status': consentWords('CONSENT_GRANTED', 'CONSENT_DENIED'),
};

/** Drop empty identifier slots and incomplete addresses (givenName, familyName, regionCode, postalCode all needed). */
function tidyUserData(ev: Json): void {
  const ud = ev.userData as { userIdentifiers?: (Json | undefined)[] } | undefined;
  if (!ud?.userIdentifiers) return;
  const ids = ud.userIdentifiers.filter((u): u is Json => {
    if (!u || Object.keys(u).length === 0) return false;
    const a = u.address as Json | undefined;
    return !a || !!(a.givenName && a.familyName && a.regionCode && a.postalCode);
  });
  if (ids.length) ud.userIdentifiers = ids;
  else delete ev.userData;
}

export const googleAdsHooks: SpecHooks = {
  item(item, _event, _params, _test, _now, mapped) {
    const { destination, ...event } = item;
    if (typeof destination !== 'string' || !destination)
      return `no conversion action for "${mapped.vendor_event}" (set the ${mapped.mapping ?? 'event'} conversion action id)`;
    if (!event.eventTimestamp) return 'eventTimestamp is missing';
    tidyUserData(event);
    return { destinationReferences: [`ca-${destination}`], ...event };
  },
  body(body, items, params) {
    const refs = [...new Set(items.flatMap((i) => i.destinationReferences as string[]))];
    const account = (id: unknown) => ({ accountType: 'GOOGLE_ADS', accountId: id });
    const destinations = refs.map((ref) => ({
      operatingAccount: account(params.customer_id),
      ...(params.login_customer_id ? { loginAccount: account(params.login_customer_id) } : {}),
      productDestinationId: ref.slice(3),
      reference: ref,
    }));
    return {
      destinations,
      ...(items.some((i) => i.userData) ? { encoding: 'HEX' } : {}),
      ...(body as Json),
    };
  },
};
