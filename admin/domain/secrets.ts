/**
 * Secret config fields (catalog `secret: true`) are never shown back in full: responses carry
 * `••••` plus the last four characters. A new revision may send that masked value back
 * unchanged to keep the previous revision's secret.
 */
import { isParamRef } from '../../core/params';
import type { CatalogEntry } from '../../core/catalog';

const MASK = '••••';

const mask = (value: string): string => MASK + (value.length >= 12 ? value.slice(-4) : '');

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Masks secret fields at the top level and in the `parameters` mapping category.
 *
 * @example maskSecrets(entry, { access_token: 'EAAB…wxyz' }) // → { access_token: '••••wxyz' }
 */
export function maskSecrets(entry: CatalogEntry | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const out = maskLevel(entry, config);
  if (isObject(out.parameters)) out.parameters = maskLevel(entry, out.parameters);
  return out;
}

function maskLevel(entry: CatalogEntry | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const field of entry?.fields ?? []) {
    const value = out[field.key];
    if (field.secret && typeof value === 'string' && !isParamRef(value)) out[field.key] = mask(value);
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
  if (!isObject(top.config.parameters)) return top;
  const previousNested = isObject(previous?.parameters) ? previous.parameters : previous;
  const nested = carryLevel(entry, top.config.parameters, previousNested);
  return { config: { ...top.config, parameters: nested.config }, unresolved: top.unresolved ?? (nested.unresolved && `parameters.${nested.unresolved}`) };
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
    if (!field.secret || typeof value !== 'string' || !value.startsWith(MASK)) continue;
    const old = previous?.[field.key];
    if (typeof old === 'string' && mask(old) === value) out[field.key] = old;
    else unresolved ??= field.key;
  }
  return { config: out, unresolved };
}
