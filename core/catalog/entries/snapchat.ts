import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const snapchat: CatalogEntry = {
  vendor: 'snapchat',
  name: 'Snapchat',
  category: 'advertising',
  description: 'Conversions API.',
  api: 'Conversions API v3 (tr.snapchat.com/v3/{pixel_id}/events)',
  status: 'ga',
  fields: [
    field('pixel_id', 'Pixel ID', 'string', 'Snap Pixel id from Ads Manager → Events Manager.'),
    field('access_token', 'Access token', 'secret', 'Conversions API token created in Ads Manager / Business Manager.'),
    optional('snap_app_id', 'Snap app ID', 'string', 'For app events instead of the pixel id.'),
    optional('action_source', 'Action source', 'select', 'Where the conversions happen.', { options: ['WEB', 'MOBILE_APP', 'OFFLINE'], default: 'WEB' }),
  ],
  variants: [],
};
