/**
 * The integration catalog: the Custom Delivery Spec's entry in `entries/` and one entry derived from each
 * declared vendor (core/vendors/registry.ts). Data plus lookup and search.
 */
import { DECLARATIONS } from '../vendors/registry.js';
import { catalogEntry } from '../vendors/spec/declaration.js';
import { deliverySpecEntry } from './entries/delivery_spec.js';
import type { CatalogCategory, CatalogEntry } from './types.js';

export * from './types.js';
export * from './delivery-settings.js';
export * from './validate.js';

export const CATALOG_CATEGORIES = [
  'advertising',
  'analytics',
  'attribution',
  'cdp',
  'cloud_storage',
  'other',
] as const satisfies readonly CatalogCategory[];

/**
 * One entry per declared vendor (fields, secrets and docs from its declaration), in the registry's
 * category order, then the hand-written Custom Delivery Spec, last of "other" beside the Custom Webhook.
 */
export const CATALOG: readonly CatalogEntry[] = [
  ...DECLARATIONS.map(catalogEntry),
  deliverySpecEntry,
];

const BY_VENDOR = new Map(CATALOG.map((entry) => [entry.vendor, entry]));

/** @example getCatalogEntry('meta_capi')?.name // → 'Meta Conversions API (CAPI)' */
export const getCatalogEntry = (vendor: string): CatalogEntry | undefined => BY_VENDOR.get(vendor);

/**
 * Entries in a category and/or whose vendor key, name, description, API or keywords contain `search`
 * (case-insensitive).
 *
 * @example searchCatalog({ category: 'advertising', search: 'conversions' }).map((e) => e.vendor)
 */
export function searchCatalog(query: {
  category?: CatalogCategory | undefined;
  search?: string | undefined;
}): CatalogEntry[] {
  const needle = query.search?.trim().toLowerCase();
  return CATALOG.filter(
    (entry) =>
      (!query.category || entry.category === query.category) &&
      (!needle ||
        [entry.vendor, entry.name, entry.description, entry.api, ...(entry.keywords ?? [])].some(
          (text) => text.toLowerCase().includes(needle),
        )),
  );
}
