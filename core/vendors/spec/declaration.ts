/**
 * A vendor declaration: its settings fields, catalog facts, Delivery Spec and default mapping, as
 * plain data (runtime-neutral: the catalog and the UI read it). The settings schema, the catalog
 * entry's fields, the secret list and the masking all derive from `settings`.
 */
import { z } from 'zod';
import type { Blueprint } from '../../catalog/blueprints/blueprint.js';
import type {
  CatalogCategory,
  CatalogEntry,
  CatalogVariant,
  ConfigField,
  ConfigFieldType,
} from '../../catalog/types.js';
import type { MappingConfigInput } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import type { DeliverySpecInput } from './schema.js';
import type { StandardEvent } from './standard.js';

export interface SettingField {
  key: string;
  label: string;
  help: string;
  type: ConfigFieldType;
  /** Default true. */
  required?: boolean;
  /** Default: true for type `secret`. */
  secret?: boolean;
  options?: readonly string[];
  default?: unknown;
  /** A regular expression a string value must match, with the message shown when it does not. */
  pattern?: { regex: string; message: string };
  max_length?: number;
  /** A value that is a JSON document (a service-account key), given as its text or as an object. */
  json?: boolean;
  /** Characters taken out of a valid string value (`-`: ids given as 123-456-7890 are kept as digits). */
  strip?: string;
  /** For type `json`: an object whose values are strings matching this (LinkedIn's rule type → rule id). */
  values?: { regex: string; message: string };
  /** For type `json` with `values`: keys matching this (header names). */
  keys?: { regex: string; message: string };
  /** An empty string is a value (a Basic auth password may be empty). */
  empty?: boolean;
}

/** A declaration's mapping: per-event fields and the default mapping categories. */
export interface DeclaredMapping {
  fields: readonly VendorField[];
  defaults: Omit<MappingConfigInput, 'parameters'>;
}

export interface VendorDeclaration {
  /** Vendor key (`reddit`), as in the catalog and the registry. */
  id: string;
  name: string;
  category: CatalogCategory;
  description: string;
  api: string;
  /** The vendor's API documentation. */
  docs: string;
  status: CatalogEntry['status'];
  settings: readonly SettingField[];
  spec: DeliverySpecInput;
  /**
   * Per-event fields (coverage, builder autocomplete) and the default mapping categories. Absent:
   * the vendor is outside the mapping engine (no mapping schema; a config's mapping categories are
   * not read; every event reaches the hooks as it is: the Custom Webhook).
   */
  mapping?: DeclaredMapping;
  variants?: readonly CatalogVariant[];
  /** Facts not confirmed by a second source, shown to reviewers (and in the catalog API); any makes the entry "beta". */
  unverified?: readonly string[];
  /** Extra words the catalog search matches (`capi`, `conversions`, `crm`). */
  keywords?: readonly string[];
  /** The brand icon: a `simple-icons` slug or an Iconify `logos` icon name; absent → a generated monogram. */
  logo?: { pack: 'simple-icons' | 'logos'; name: string };
  /**
   * Settings that pass the vendor's settings schema and its double's auth check: the generated
   * tests (every standard event through the double; install through the admin API and deliver a
   * purchase through the edge) and the sandbox use them. Secrets here are obviously fake.
   */
  test_settings: Readonly<Record<string, unknown>>;
  /**
   * Groups of settings of which exactly one must be set (GA4: `measurement_id` or
   * `firebase_app_id`); a config with none or more is refused naming the group's first setting.
   */
  exactly_one_of?: readonly (readonly string[])[];
  /** Standard events (core/vendors/spec/standard.ts) the vendor has no counterpart for, with why. */
  not_mapped?: Readonly<Partial<Record<StandardEvent, string>>>;
  /** Hand-written Blueprints (the folder's `blueprints.ts`); absent → derived from `mapping`. */
  blueprints?: readonly Blueprint[];
}

/**
 * Catalog config fields from a declaration's settings.
 *
 * @example catalogFields(reddit.settings).find((f) => f.key === 'access_token')?.secret // → true
 */
export function catalogFields(settings: readonly SettingField[]): ConfigField[] {
  return settings.map((s) => ({
    key: s.key,
    label: s.label,
    type: s.type,
    required: s.required ?? true,
    secret: s.secret ?? s.type === 'secret',
    help: s.help,
    ...(s.options ? { options: s.options } : {}),
    ...(s.default !== undefined ? { default: s.default } : {}),
  }));
}

/**
 * The catalog entry a declaration gives (fields from its settings).
 *
 * @example catalogEntry(redditDeclaration).vendor // → 'reddit'
 */
export function catalogEntry(d: VendorDeclaration): CatalogEntry {
  return {
    vendor: d.id,
    name: d.name,
    category: d.category,
    description: d.description,
    api: d.api,
    status: d.status === 'ga' && d.unverified?.length ? 'beta' : d.status,
    fields: catalogFields(d.settings),
    variants: d.variants ?? [],
    docs: d.docs,
    keywords: d.keywords ?? [],
    ...(d.logo ? { logo: d.logo } : {}),
    unverified: d.unverified ?? [],
  };
}

/** Setting keys whose values are secrets (scrubbed from logs, URLs, DLQ bodies, API answers). */
export const secretKeysOf = (settings: readonly SettingField[]): string[] =>
  settings.filter((s) => s.secret ?? s.type === 'secret').map((s) => s.key);

function fieldSchema(s: SettingField): z.ZodType {
  let t: z.ZodType;
  switch (s.type) {
    case 'number':
      t = z.coerce.number();
      break;
    case 'boolean':
      t = z.boolean();
      break;
    case 'select':
      t = z.enum((s.options ?? []) as [string, ...string[]]);
      break;
    case 'string_list':
      t = z.array(z.string());
      break;
    case 'json':
      t = s.values
        ? z.record(
            s.keys ? z.string().regex(new RegExp(s.keys.regex), s.keys.message) : z.string(),
            z.string().regex(new RegExp(s.values.regex), s.values.message),
          )
        : z.unknown();
      break;
    case 'url':
      t = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
      break;
    default: {
      if (s.json) {
        t = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
        break;
      }
      let str = s.empty ? z.string() : z.string().min(1);
      if (s.max_length) str = str.max(s.max_length);
      if (s.pattern) str = str.regex(new RegExp(s.pattern.regex), s.pattern.message);
      const strip = s.strip && new RegExp(`[${s.strip.replace(/[\]\\^-]/g, '\\$&')}]`, 'g');
      t = strip ? str.transform((v) => v.replace(strip, '')) : str;
    }
  }
  if (s.default !== undefined) return t.default(s.default as never);
  return (s.required ?? true) ? t : t.optional();
}

/**
 * The zod schema of a declaration's settings (loose: extra keys are kept for hooks).
 *
 * @example settingsSchema([{ key: 'pixel_id', label: 'Pixel', help: '', type: 'string' }]).parse({ pixel_id: '1' })
 */
export function settingsSchema(settings: readonly SettingField[]): z.ZodObject {
  return z.looseObject(Object.fromEntries(settings.map((s) => [s.key, fieldSchema(s)])));
}

/**
 * A setting field in one call (`more`: pattern, default, options, …); `optional` for one that may
 * be left unset.
 *
 * @example setting('pixel_id', 'Pixel ID', 'string', 'Events Manager → your pixel id.').required // → undefined (required)
 */
export const setting = (
  key: string,
  label: string,
  type: ConfigFieldType,
  help: string,
  more: Partial<SettingField> = {},
): SettingField => ({ key, label, type, help, ...more });

/** @example optional('test_id', 'Test ID', 'string', 'Sent in test mode.').required // → false */
export const optional = (
  key: string,
  label: string,
  type: ConfigFieldType,
  help: string,
  more: Partial<SettingField> = {},
): SettingField => ({ key, label, type, required: false, help, ...more });

/**
 * Settings many ad vendors share, worded once; a vendor gives its own help (where its UI shows
 * the value).
 *
 * @example adSettings.accessToken('Conversions API token from Ads Manager.').type // → 'secret'
 */
export const adSettings = {
  accessToken: (help: string, label = 'Access token'): SettingField => ({
    key: 'access_token',
    label,
    type: 'secret',
    help,
  }),
  testEventCode: (help: string, more: Partial<SettingField> = {}): SettingField => ({
    key: 'test_event_code',
    label: 'Test event code',
    type: 'string',
    required: false,
    help,
    ...more,
  }),
  /** `action_source`, defaulting to the first option. */
  actionSource: (
    options: readonly string[],
    help = 'Where the conversions happen.',
  ): SettingField => ({
    key: 'action_source',
    label: 'Action source',
    type: 'select',
    required: false,
    help,
    options,
    default: options[0],
  }),
  partnerName: (vendor: string): SettingField => ({
    key: 'partner_name',
    label: 'Partner name',
    type: 'string',
    required: false,
    help: `Partner name reported to ${vendor} (optional).`,
    max_length: 64,
  }),
};
