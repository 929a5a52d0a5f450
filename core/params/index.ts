/**
 * `{{pipeline_param.KEY}}` references in integration configs (docs/admin-api.md, pipeline parameters): one
 * revision shared by several pipelines, each supplying its own values.
 * The one resolver: admin uses `findParamRefs` to report missing parameters, the processor and
 * delivery use `resolveParams` when they load a revision. Runtime-neutral.
 */
import { DataflyError } from '../errors/index.js';

const REF = /\{\{\s*pipeline_param\.([A-Za-z0-9_.-]+)\s*\}\}/g;
const WHOLE_REF = /^\{\{\s*pipeline_param\.([A-Za-z0-9_.-]+)\s*\}\}$/;

/**
 * Every parameter key a config references, sorted and without duplicates.
 *
 * @example findParamRefs({ measurement_id: '{{pipeline_param.ga4_id}}' }) // → ['ga4_id']
 */
export function findParamRefs(config: unknown): string[] {
  const keys = new Set<string>();
  walk(config, '', (text) => {
    for (const m of text.matchAll(REF)) keys.add(m[1]!);
    return text;
  });
  return [...keys].sort();
}

/**
 * The referenced keys that `parameters` does not define.
 *
 * @example missingParams({ a: '{{pipeline_param.x}}' }, {}) // → ['x']
 */
export function missingParams(
  config: unknown,
  parameters: Readonly<Record<string, string>>,
): string[] {
  return findParamRefs(config).filter((key) => !Object.hasOwn(parameters, key));
}

/**
 * A copy of `config` with every reference replaced by the pipeline's value. A missing key is a
 * configuration error (`config_error`, field = where the first one is used), never an empty
 * string; `details.missing` lists them all.
 *
 * @example resolveParams({ url: 'https://x/{{pipeline_param.id}}' }, { id: '42' }) // → { url: 'https://x/42' }
 */
export function resolveParams<T>(config: T, parameters: Readonly<Record<string, string>>): T {
  const missing: { key: string; path: string }[] = [];
  const out = walk(config, '', (text, path) =>
    text.replace(REF, (_whole, key: string) => {
      if (Object.hasOwn(parameters, key)) return parameters[key]!;
      missing.push({ key, path });
      return '';
    }),
  );
  if (missing.length > 0) {
    const keys = [...new Set(missing.map((m) => m.key))].sort();
    throw new DataflyError(
      'config_error',
      `pipeline parameter${keys.length > 1 ? 's' : ''} not set: ${keys.join(', ')}`,
      {
        field: missing[0]!.path,
        details: { missing: keys },
      },
    );
  }
  return out as T;
}

/** True when a string is exactly one reference (the whole value comes from a parameter). */
export const isParamRef = (value: unknown): boolean =>
  typeof value === 'string' && WHOLE_REF.test(value);

function walk(
  value: unknown,
  path: string,
  onString: (text: string, path: string) => string,
): unknown {
  if (typeof value === 'string') return value.includes('{{') ? onString(value, path) : value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, onString));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = walk(v, path ? `${path}.${k}` : k, onString);
    return out;
  }
  return value;
}
