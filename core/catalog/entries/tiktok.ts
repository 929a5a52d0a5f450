import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const tiktok: CatalogEntry = {
  vendor: 'tiktok',
  name: 'TikTok',
  category: 'advertising',
  description: 'Events API.',
  api: 'Events API 2.0 (/open_api/v1.3/event/track/)',
  status: 'ga',
  fields: [
    field('pixel_code', 'Pixel code', 'string', 'The pixel code (sent as event_source_id) from Events Manager.'),
    field('access_token', 'Access token', 'secret', 'Events API access token generated per pixel in Events Manager → Settings (Access-Token header).'),
    optional('test_event_code', 'Test event code', 'string', 'Events Manager → Test events code.'),
    optional('event_source', 'Event source', 'select', 'The kind of event set the pixel code names.', { options: ['web', 'app', 'offline', 'crm'], default: 'web' }),
    optional('partner_name', 'Partner name', 'string', 'Partner name reported to TikTok (optional).'),
  ],
  variants: [{ key: 'retail', name: 'Retail', description: 'Ecommerce events; marketing consent.', defaults: { consent_categories: ['marketing'], batch_size: 1000 } }],
};
