/**
 * The integration catalog's shapes (docs/admin-api.md, the catalog): plain data, served by the
 * admin API and used by the vendor definitions for their settings.
 */
export type ConfigFieldType =
  'string' | 'secret' | 'number' | 'boolean' | 'select' | 'string_list' | 'json' | 'url';

export interface ConfigField {
  key: string;
  label: string;
  type: ConfigFieldType;
  required: boolean;
  /** Never shown back in full once stored; scrubbed from logs and DLQ bodies. */
  secret: boolean;
  help: string;
  options?: readonly string[];
  default?: unknown;
}

export interface CatalogVariant {
  key: string;
  name: string;
  description: string;
  /** Config defaults the variant applies on install (merged under the user's config). */
  defaults: Record<string, unknown>;
}

export type CatalogCategory =
  'advertising' | 'analytics' | 'attribution' | 'cdp' | 'cloud_storage' | 'other';

export interface CatalogEntry {
  vendor: string;
  name: string;
  category: CatalogCategory;
  description: string;
  api: string;
  status: 'ga' | 'beta' | 'planned';
  fields: readonly ConfigField[];
  variants: readonly CatalogVariant[];
  /** The vendor's API documentation. */
  docs?: string;
  /** The brand icon (see core/catalog/logos.ts). */
  logo?: { pack: 'simple-icons' | 'logos'; name: string };
  /** Extra words search matches. */
  keywords?: readonly string[];
  /** Facts not confirmed by a second source (the entry shows as beta). */
  unverified?: readonly string[];
}
