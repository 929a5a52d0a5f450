/**
 * Secret config fields (catalog `secret: true`) are never shown back in full: responses carry
 * `••••` plus the last four characters. Secrets inside ordinary fields are masked too: the
 * user-info and secret query values of `url` fields (core/secrets `maskUrl`) and every value of
 * a `headers` field (custom headers carry API keys). A new revision may send a masked value
 * back unchanged to keep the previous revision's secret.
 */
import { isParamRef } from '../../core/params/index.js';
import type { CatalogEntry, ConfigField } from '../../core/catalog/index.js';
import { maskUrl } from '../../core/secrets/index.js';
import { isRecord } from '../../core/json/index.js';

const MASK = '••••';

const mask = (value: string): string => MASK + (value.length >= 12 ? value.slice(-4) : '');

/**
 * Masks secret fields at the top level and in the `parameters` mapping category.
 *
 * @example maskSecrets(entry, { access_token: 'EAAB…wxyz' }) // → { access_token: '••••wxyz' }
 */
export function maskSecrets(
  entry: CatalogEntry | undefined,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const out = maskLevel(entry, config);
  if (isRecord(out.parameters)) out.parameters = maskLevel(entry, out.parameters);
  return out;
}

/** Custom header maps: every value is masked (the field is a JSON object of name → value). */
const isHeaderMap = (field: ConfigField): boolean =>
  field.type === 'json' && field.key === 'headers';

const maskHeaders = (headers: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      typeof v === 'string' && !isParamRef(v) ? mask(v) : v,
    ]),
  );

function maskLevel(
  entry: CatalogEntry | undefined,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...config };
  for (const field of entry?.fields ?? []) {
    const value = out[field.key];
    if (field.secret && typeof value === 'string' && !isParamRef(value))
      out[field.key] = mask(value);
    else if (field.type === 'url' && typeof value === 'string') out[field.key] = maskUrl(value);
    else if (isHeaderMap(field) && isRecord(value)) out[field.key] = maskHeaders(value);
  }
  return out;
}

/**
 * Replace masked secret values in `next` by the real value from `previous` when the mask
 * matches it; an unmatched mask is left for validation to reject.
 *
 * @example carryOverSecrets(entry, { access_token: '••••wxyz' }, previousConfig)
 */
export function carryOverSecrets(
  entry: CatalogEntry | undefined,
  next: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): { config: Record<string, unknown>; unresolved: string | undefined } {
  const top = carryLevel(entry, next, previous);
  if (!isRecord(top.config.parameters)) return top;
  const previousNested = isRecord(previous?.parameters) ? previous.parameters : previous;
  const nested = carryLevel(entry, top.config.parameters, previousNested);
  return {
    config: { ...top.config, parameters: nested.config },
    unresolved: top.unresolved ?? (nested.unresolved && `parameters.${nested.unresolved}`),
  };
}

function carryLevel(
  entry: CatalogEntry | undefined,
  next: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): { config: Record<string, unknown>; unresolved: string | undefined } {
  const out = { ...next };
  let unresolved: string | undefined;
  for (const field of entry?.fields ?? []) {
    const value = out[field.key];
    const old = previous?.[field.key];
    if (
      field.type === 'url' &&
      !field.secret &&
      typeof value === 'string' &&
      value.includes(MASK)
    ) {
      if (typeof old === 'string' && maskUrl(old) === value) out[field.key] = old;
      else unresolved ??= field.key;
      continue;
    }
    if (isHeaderMap(field) && isRecord(value)) {
      const oldHeaders = isRecord(old) ? old : {};
      const headers: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(value)) {
        const before = oldHeaders[name];
        if (typeof v === 'string' && v.startsWith(MASK)) {
          if (typeof before === 'string' && mask(before) === v) headers[name] = before;
          else unresolved ??= `${field.key}.${name}`;
        } else headers[name] = v;
      }
      out[field.key] = headers;
      continue;
    }
    if (!field.secret || typeof value !== 'string' || !value.startsWith(MASK)) continue;
    if (typeof old === 'string' && mask(old) === value) out[field.key] = old;
    else unresolved ??= field.key;
  }
  return { config: out, unresolved };
}
