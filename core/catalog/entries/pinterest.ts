import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const pinterest: CatalogEntry = {
  vendor: 'pinterest',
  name: 'Pinterest',
  category: 'advertising',
  description: 'Conversions API.',
  api: 'Conversions API v5 (/v5/ad_accounts/{ad_account_id}/events)',
  status: 'ga',
  fields: [
    field('ad_account_id', 'Ad account ID', 'string', 'Numeric ad account id from Ads Manager.'),
    field('access_token', 'Conversion access token', 'secret', 'Conversion access token generated in Ads Manager (Bearer auth).'),
    optional('action_source', 'Action source', 'select', 'Where the conversions happen.', { options: ['web', 'app_android', 'app_ios', 'offline'], default: 'web' }),
    optional('partner_name', 'Partner name', 'string', 'Partner name reported to Pinterest (optional).'),
  ],
  variants: [],
};
