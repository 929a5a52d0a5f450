/**
 * Checks an integration config against its catalog entry and the shared delivery settings.
 * Keys the entry does not know are kept (mapping categories, vendor extras); vendor fields may
 * also sit in the `parameters` category; a `{{pipeline_param.KEY}}` reference stands in for
 * any scalar value.
 */
import { DataflyError, fieldError } from '../errors/index.js';
import { isParamRef } from '../params/index.js';
import { DeliverySettings } from './delivery-settings.js';
import type { CatalogEntry, ConfigField } from './types.js';
import { isRecord } from '../json/index.js';

/**
 * Throws `invalid_request` naming the first bad field (`config.pixel_id`); returns nothing when
 * the config is acceptable. Vendors outside the catalog get only the shared-settings check.
 *
 * @example validateConfig(getCatalogEntry('meta_capi'), { pixel_id: '1', access_token: 't' })
 */
export function validateConfig(
  entry: CatalogEntry | undefined,
  config: Record<string, unknown>,
  fieldPrefix = 'config',
): void {
  const settings = DeliverySettings.safeParse(config);
  if (!settings.success) {
    throw fieldError('invalid_request', settings.error.issues, {
      prefix: fieldPrefix,
      lead: settings.error.issues[0]!.path.join('.'),
    });
  }
  // Vendor fields may sit at the top (a catalog install) or in the `parameters` mapping category.
  const nested = isRecord(config.parameters) ? config.parameters : {};
  for (const field of entry?.fields ?? []) {
    const inNested = Object.hasOwn(nested, field.key);
    const value = inNested ? nested[field.key] : config[field.key];
    const path = inNested
      ? `${fieldPrefix}.parameters.${field.key}`
      : `${fieldPrefix}.${field.key}`;
    if (value === undefined || value === null || value === '') {
      if (field.required)
        throw new DataflyError('invalid_request', `${field.label} (${field.key}) is required`, {
          field: path,
        });
      continue;
    }
    const problem = isParamRef(value) ? undefined : checkType(field, value);
    if (problem)
      throw new DataflyError('invalid_request', `${field.key} ${problem}`, { field: path });
  }
}

function checkType(field: ConfigField, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
    case 'secret':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'url':
      if (!(typeof value === 'string' && URL.canParse(value) && /^https?:/.test(value)))
        return 'must be an http(s) URL';
      // fetch refuses URLs with credentials: such a target could never be sent to (docs/security.md).
      return new URL(value).username || new URL(value).password
        ? 'must not carry user:password@; use the authentication settings'
        : undefined;
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? undefined
        : `must be one of ${(field.options ?? []).join(', ')}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'string_list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : 'must be a list of strings';
    case 'json':
      return typeof value === 'object' ? undefined : 'must be a JSON object or array';
  }
}
