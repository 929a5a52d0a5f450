/**
 * Microsoft Advertising UET Conversions API: a declaration only (declaration.ts), with the generic
 * contract double plus Microsoft's own value checks.
 *
 * @example microsoftAds.definition.parseSettings({ tag_id: '343000123', access_token: 't' })
 */
import { declareVendor } from '../spec/declared.js';
import { microsoftAdsDeclaration } from './declaration.js';

/** What the registry holds for Microsoft Advertising. */
export const microsoftAds = declareVendor(microsoftAdsDeclaration, {
  extraCheck: (item) => {
    if (item.eventType !== 'pageLoad' && item.eventType !== 'custom')
      return 'eventType must be pageLoad or custom';
    const t = item.eventTime;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 1e9 || t >= 1e10)
      return 'eventTime must be Unix seconds';
    if (item.eventType === 'pageLoad' && !item.eventSourceUrl)
      return 'eventSourceUrl is required for pageLoad';
    return undefined;
  },
});
