/**
 * Catalog config fields as a form (credentials, settings, delivery settings). Secret fields are
 * write-only: a saved secret shows as "saved" and is sent back masked, which keeps it.
 */
import type { Schemas } from '../api/client';
import { errorFor, Field } from './ui';

type ConfigField = Schemas['CatalogEntry']['fields'][number];

export function ConfigFields({
  fields,
  values,
  onChange,
  error,
  readOnly,
  idPrefix,
}: {
  fields: ConfigField[];
  values: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  error: unknown;
  readOnly?: boolean;
  idPrefix: string;
}) {
  return (
    <>
      {fields
        .filter((f, i) => fields.findIndex((g) => g.key === f.key) === i)
        .map((f) => {
          const id = `${idPrefix}-${f.key}`;
          const message = errorFor(error, `config.${f.key}`, `parameters.${f.key}`, f.key);
          const value = values[f.key];
          const common = {
            id,
            disabled: readOnly,
            'aria-invalid': !!message,
            'aria-describedby': message ? `${id}-error` : `${id}-help`,
            name: f.key,
          };
          let input: React.ReactNode;
          if (f.type === 'boolean') {
            input = (
              <input
                type="checkbox"
                {...common}
                checked={value === true}
                onChange={(e) => onChange(f.key, e.target.checked)}
              />
            );
          } else if (f.type === 'select') {
            input = (
              <select
                {...common}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(f.key, e.target.value || undefined)}
              >
                <option value="">
                  (default{f.default !== undefined ? `: ${String(f.default)}` : ''})
                </option>
                {f.options?.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            );
          } else if (f.type === 'number') {
            input = (
              <input
                type="number"
                {...common}
                value={typeof value === 'number' ? value : ''}
                onChange={(e) =>
                  onChange(f.key, e.target.value === '' ? undefined : Number(e.target.value))
                }
              />
            );
          } else if (f.type === 'string_list') {
            input = (
              <input
                type="text"
                {...common}
                placeholder="comma-separated, e.g. marketing, analytics"
                value={Array.isArray(value) ? value.join(', ') : ''}
                onChange={(e) =>
                  onChange(
                    f.key,
                    e.target.value.trim()
                      ? e.target.value
                          .split(',')
                          .map((s) => s.trim())
                          .filter(Boolean)
                      : undefined,
                  )
                }
              />
            );
          } else if (f.secret) {
            const saved = typeof value === 'string' && value.startsWith('••••');
            input = (
              <input
                type="password"
                autoComplete="new-password"
                {...common}
                placeholder={saved ? 'saved — type to replace' : ''}
                value={saved ? '' : typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(f.key, e.target.value)}
              />
            );
          } else {
            input = (
              <input
                type={f.type === 'url' ? 'url' : 'text'}
                {...common}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(f.key, e.target.value || undefined)}
              />
            );
          }
          return (
            <Field
              key={f.key}
              id={id}
              label={`${f.label}${f.required ? ' *' : ''}`}
              help={f.help}
              error={message}
            >
              {input}
            </Field>
          );
        })}
    </>
  );
}

/** Drop undefined keys. */
export const compact = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
