import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const ga4: CatalogEntry = {
  vendor: 'ga4',
  name: 'Google Analytics 4',
  category: 'analytics',
  description: 'Send events to a GA4 property server-side.',
  api: 'Measurement Protocol',
  status: 'ga',
  fields: [
    optional('measurement_id', 'Measurement ID', 'string', 'The G-… id of the web data stream (Admin → Data streams), not the numeric stream id. Set this or firebase_app_id.'),
    field('api_secret', 'API secret', 'secret', 'Admin → Data streams → stream → Measurement Protocol API secrets.'),
    optional('firebase_app_id', 'Firebase app ID', 'string', 'For app (Firebase) streams instead of a measurement id.'),
    optional('region', 'Collection region', 'select', 'Use the EU endpoint (region1.google-analytics.com) for EU data residency.', { options: ['global', 'eu'], default: 'global' }),
  ],
  variants: [
    { key: 'retail', name: 'Retail', description: 'Ecommerce events (purchase, add_to_cart) with analytics consent.', defaults: { consent_categories: ['analytics'], batch_size: 25 } },
    { key: 'media', name: 'Media', description: 'High-volume page views, batched.', defaults: { consent_categories: ['analytics'], batch_size: 25, batch_interval_ms: 2000 } },
  ],
};
