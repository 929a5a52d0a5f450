import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const google_ads: CatalogEntry = {
  vendor: 'google_ads',
  name: 'Google Ads',
  category: 'advertising',
  description: 'Enhanced Conversions and click conversion uploads.',
  api: 'Google Ads API (uploadClickConversions / uploadConversionAdjustments)',
  status: 'ga',
  fields: [
    field('customer_id', 'Customer ID', 'string', 'The account that owns the conversion actions, digits only (123-456-7890 → 1234567890).'),
    field('conversion_action_id', 'Conversion action ID', 'string', 'Tools → Conversions → the conversion action id.'),
    field('developer_token', 'Developer token', 'secret', 'Google Ads API Center → developer token (sent as the developer-token header).'),
    field('client_id', 'OAuth client ID', 'string', 'OAuth 2.0 client id used for the refresh-token flow.'),
    field('client_secret', 'OAuth client secret', 'secret', 'OAuth 2.0 client secret.'),
    field('refresh_token', 'OAuth refresh token', 'secret', 'Refresh token with the https://www.googleapis.com/auth/adwords scope.'),
    optional('login_customer_id', 'Manager (MCC) customer ID', 'string', 'Digits only; set when acting through a manager account.'),
    optional('mode', 'Upload mode', 'select', 'Click conversions (gclid/gbraid/wbraid) or enhanced conversion adjustments.', {
      options: ['click_conversions', 'enhanced_conversions'],
      default: 'click_conversions',
    }),
    optional('api_version', 'API version', 'string', 'Google Ads API version segment, e.g. v22.', { default: 'v22' }),
  ],
  variants: [{ key: 'retail', name: 'Retail', description: 'Purchases with order id and value; advertising consent.', defaults: { consent_categories: ['advertising'], batch_size: 2000 } }],
};
