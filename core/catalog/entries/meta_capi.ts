import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const meta_capi: CatalogEntry = {
  vendor: 'meta_capi',
  name: 'Meta Conversions API (CAPI)',
  category: 'advertising',
  description: 'Server-to-server event delivery via Conversions API.',
  api: 'Conversions API (Graph API /{pixel_id}/events)',
  status: 'ga',
  fields: [
    field('pixel_id', 'Pixel / dataset ID', 'string', 'Events Manager → Data sources → your pixel or dataset id.'),
    field('access_token', 'Access token', 'secret', 'System-user access token generated in Events Manager → Settings → Conversions API.'),
    optional('api_version', 'Graph API version', 'string', 'Graph API version segment, e.g. v24.0.', { default: 'v24.0' }),
    optional('action_source', 'Action source', 'select', 'Where the conversions happen.', {
      options: ['website', 'app', 'email', 'phone_call', 'chat', 'physical_store', 'system_generated', 'other'],
      default: 'website',
    }),
    optional('test_event_code', 'Test event code', 'string', 'Events Manager → Test events code; events then appear only in the test tool.'),
    optional('action_source', 'Action source', 'select', 'Where the conversions happen (sent as action_source).', {
      options: ['website', 'app', 'email', 'phone_call', 'chat', 'physical_store', 'system_generated', 'other'],
      default: 'website',
    }),
  ],
  variants: [
    { key: 'retail', name: 'Retail', description: 'Purchase and cart events; marketing consent; batches of up to 1000.', defaults: { consent_categories: ['marketing'], batch_size: 1000, batch_interval_ms: 1000 } },
    { key: 'travel', name: 'Travel', description: 'Search and booking events; marketing consent.', defaults: { consent_categories: ['marketing'], batch_size: 500 } },
    { key: 'media', name: 'Media', description: 'Content views; advertising consent.', defaults: { consent_categories: ['advertising'], batch_size: 1000 } },
  ],
};
