import { CUSTOM_SPEC_SETTINGS } from '../../vendors/delivery_spec/index.js';
import { catalogFields } from '../../vendors/spec/declaration.js';
import type { CatalogEntry } from '../types.js';

/** Custom Delivery Spec (docs/delivery-spec.md): fields derive from the vendor's settings declaration. */
export const deliverySpecEntry: CatalogEntry = {
  vendor: 'delivery_spec',
  name: 'Custom Delivery Spec',
  category: 'other',
  description:
    'Your own declarative definition of how events reach any HTTP API (endpoint, auth, payload, batching, answers).',
  api: 'Any HTTP API (docs/delivery-spec.md)',
  status: 'beta',
  fields: catalogFields(CUSTOM_SPEC_SETTINGS),
  variants: [],
};
