import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const google_ads: CatalogEntry = {
  vendor: 'google_ads',
  name: 'Google Ads',
  category: 'advertising',
  description: 'Offline and enhanced conversions through the Data Manager API (no developer token).',
  api: 'Data Manager API (events:ingest)',
  status: 'ga',
  fields: [
    field('customer_id', 'Customer ID', 'string', 'The Google Ads conversion customer (owns the conversion actions), digits only (123-456-7890 → 1234567890).'),
    field('conversion_action_id', 'Conversion action ID', 'string', 'Tools → Conversions → the conversion action id for purchases.'),
    optional('lead_conversion_action_id', 'Lead conversion action ID', 'string', 'Conversion action for leads (default: the purchase one).'),
    optional('page_view_conversion_action_id', 'Page view conversion action ID', 'string', 'Set to send page views as conversions.'),
    optional('add_to_cart_conversion_action_id', 'Add to cart conversion action ID', 'string', 'Set to send add-to-cart events as conversions.'),
    optional('login_customer_id', 'Manager (MCC) customer ID', 'string', 'Digits only; set when acting through a manager account.'),
    optional('service_account_json', 'Service account key', 'secret', 'JSON key of a service account with access to the account (scope https://www.googleapis.com/auth/datamanager).'),
    optional('client_id', 'OAuth client ID', 'string', 'Instead of a service account: OAuth 2.0 client id for the refresh-token flow.'),
    optional('client_secret', 'OAuth client secret', 'secret', 'OAuth 2.0 client secret.'),
    optional('refresh_token', 'OAuth refresh token', 'secret', 'Refresh token with the datamanager scope.'),
    optional('api_version', 'API version', 'string', 'Data Manager API version segment.', { default: 'v1' }),
  ],
  variants: [{ key: 'retail', name: 'Retail', description: 'Purchases with order id and value; advertising consent.', defaults: { consent_categories: ['advertising'], batch_size: 2000 } }],
};
