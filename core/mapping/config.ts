/**
 * A revision's V2 mapping config as plain data (docs/vendors-and-mapping.md): four
 * categories — `parameters` (vendor credentials/settings), `global` (rows applied to every
 * event), `events` (per event: match, filter, enrichments, mappings, transforms, vendor event
 * name), `defaults` (unmapped events: pass_through / drop / map). One zod schema; its inferred
 * type has the same name. The admin API validates revisions with `validateMappingConfig`.
 */
import { z } from 'zod';
import { DataflyError } from '../errors/index.js';
import { Condition } from './condition.js';
import { isValidPath } from './path.js';
import { BUILTIN_TRANSFORM_NAMES, builtinTransforms } from './transforms.js';

const Path = z
  .string()
  .min(1)
  .max(512)
  .refine(isValidPath, { message: 'is not a valid field path' });
const TargetPath = Path.refine((p) => !p.includes('[]'), {
  message: 'a target path cannot contain "[]"',
});

/** `"sha256"` or `{ "name": "default", "value": "USD" }`. */
export const TransformRef = z.union([
  z.string().min(1).max(64),
  z.strictObject({ name: z.string().min(1).max(64), value: z.unknown().optional() }),
]);
export type TransformRef = z.infer<typeof TransformRef>;

export interface MappingRow {
  /** Vendor field path in the per-event vendor object (`user_data.em`, `params.value`). */
  target: string;
  /** Envelope path, or several tried in order (first non-empty wins). `parameters.X` reads a parameter. */
  source?: string | string[];
  /** A constant instead of a source. */
  value?: unknown;
  transforms?: TransformRef[];
  /** Source is an array of objects (or one object, taken as a list of one): map each element with these rows (sources relative to it). */
  items?: MappingRow[];
}

export const MappingRow: z.ZodType<MappingRow> = z.lazy(() =>
  z
    .strictObject({
      target: TargetPath,
      source: z.union([Path, z.array(Path).min(1).max(8)]).optional(),
      value: z.unknown().optional(),
      transforms: z.array(TransformRef).max(16).optional(),
      items: z.array(MappingRow).max(64).optional(),
    })
    .refine(
      (r) => (r.source === undefined) !== (r.value === undefined) || hasDefault(r.transforms),
      {
        message: 'a row needs exactly one of "source" or "value"',
      },
    ),
);

function hasDefault(ts: TransformRef[] | undefined): boolean {
  return !!ts?.some((t) => (typeof t === 'string' ? t : t.name) === 'default');
}

/** Sets an envelope field before mapping (e.g. a default currency); only when missing unless `overwrite`. */
export const Enrichment = z
  .strictObject({
    target: TargetPath,
    source: z.union([Path, z.array(Path).min(1).max(8)]).optional(),
    value: z.unknown().optional(),
    transforms: z.array(TransformRef).max(16).optional(),
    overwrite: z.boolean().optional(),
  })
  .refine((r) => (r.source === undefined) !== (r.value === undefined), {
    message: 'an enrichment needs exactly one of "source" or "value"',
  });
export type Enrichment = z.infer<typeof Enrichment>;

/** Post-mapping edits of the vendor object. */
export const PostTransform = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('remove'), target: TargetPath }),
  z.strictObject({ op: z.literal('rename'), from: TargetPath, to: TargetPath }),
  z.strictObject({ op: z.literal('set'), target: TargetPath, value: z.unknown() }),
]);
export type PostTransform = z.infer<typeof PostTransform>;

export const EventMapping = z.strictObject({
  /** Event names this entry handles (default: its key). Page events are named `page_view`. */
  match: z.array(z.string().min(1).max(256)).max(32).optional(),
  filter: Condition.optional(),
  vendor_event: z.string().min(1).max(256),
  enrichments: z.array(Enrichment).max(64).default([]),
  mappings: z.array(MappingRow).max(256).default([]),
  transforms: z.array(PostTransform).max(64).default([]),
});
export type EventMapping = z.infer<typeof EventMapping>;

const Defaults = z.strictObject({
  action: z.enum(['pass_through', 'drop', 'map']),
  /** For `map`: the vendor event name (default: the event's own name, as for pass_through). */
  vendor_event: z.string().min(1).max(256).optional(),
  mappings: z.array(MappingRow).max(256).default([]),
});
type Defaults = z.infer<typeof Defaults>;

export const MappingConfig = z.strictObject({
  parameters: z.record(z.string(), z.unknown()).default({}),
  global: z.array(MappingRow).max(256).default([]),
  events: z.record(z.string().min(1).max(256), EventMapping).default({}),
  defaults: Defaults.default({ action: 'drop', mappings: [] }),
});
export type MappingConfig = z.infer<typeof MappingConfig>;
export type MappingConfigInput = z.input<typeof MappingConfig>;

/** One problem in a config, named by its path (`events.purchase.mappings[2].transforms[0]`). */
interface ConfigIssue {
  field: string;
  message: string;
}

/**
 * Zod path → `events.purchase.mappings[2].transforms[0]`.
 *
 * @example
 * formatPath(['events', 'purchase', 'mappings', 2]) // → 'events.purchase.mappings[2]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(config)';
}

interface ValidateOptions {
  /** Vendor transform names allowed besides the built-ins; omitted = any `vendor.name` form. */
  transforms?: readonly string[];
}

const NAMESPACED = /^[a-z0-9_]+\.[a-z0-9_]+$/;

function checkTransforms(config: MappingConfig, opts: ValidateOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = (name: string): boolean =>
    name in builtinTransforms ||
    (opts.transforms ? opts.transforms.includes(name) : NAMESPACED.test(name));
  const visitRefs = (refs: TransformRef[] | undefined, base: string): void => {
    refs?.forEach((t, i) => {
      const name = typeof t === 'string' ? t : t.name;
      if (!known(name)) {
        issues.push({
          field: `${base}.transforms[${i}]`,
          message: `unknown transform "${name}"; known: ${[...BUILTIN_TRANSFORM_NAMES, ...(opts.transforms ?? [])].join(', ')}`,
        });
      } else if (
        builtinTransforms[name]?.needsArg &&
        (typeof t === 'string' || t.value === undefined)
      ) {
        issues.push({
          field: `${base}.transforms[${i}]`,
          message: `transform "${name}" needs a "value"`,
        });
      }
    });
  };
  const visitRows = (rows: MappingRow[], base: string): void => {
    rows.forEach((r, i) => {
      visitRefs(r.transforms, `${base}[${i}]`);
      if (r.items) visitRows(r.items, `${base}[${i}].items`);
    });
  };
  visitRows(config.global, 'global');
  visitRows(config.defaults.mappings, 'defaults.mappings');
  for (const [key, ev] of Object.entries(config.events)) {
    visitRows(ev.mappings, `events.${key}.mappings`);
    ev.enrichments.forEach((e, i) => visitRefs(e.transforms, `events.${key}.enrichments[${i}]`));
  }
  return issues;
}

/**
 * Validate a config and return every problem with its path (empty = valid).
 *
 * @example
 * checkMappingConfig({ events: { purchase: { vendor_event: 'Purchase', mappings: [{ target: 'x' }] } } })
 *   // → [{ field: 'events.purchase.mappings[0]', message: 'a row needs exactly one of "source" or "value"' }]
 */
export function checkMappingConfig(
  raw: unknown,
  opts: ValidateOptions = {},
): { config?: MappingConfig; issues: ConfigIssue[] } {
  const parsed = MappingConfig.safeParse(raw);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message })),
    };
  }
  const issues = checkTransforms(parsed.data, opts);
  return issues.length ? { issues } : { config: parsed.data, issues };
}

/**
 * Validate a config or throw a 400 `DataflyError('invalid_request')` naming the first bad path
 * (all problems are in `details`). For the admin revision route.
 *
 * @example
 * validateMappingConfig({
 *   events: {
 *     purchase: {
 *       vendor_event: 'Purchase',
 *       mappings: [{ source: 'properties.revenue', target: 'value', transforms: ['nope'] }],
 *     },
 *   },
 * })
 * // throws DataflyError {
 * //   code: 'invalid_request', field: 'events.purchase.mappings[0].transforms[0]'
 * // }
 */
export function validateMappingConfig(raw: unknown, opts: ValidateOptions = {}): MappingConfig {
  const { config, issues } = checkMappingConfig(raw, opts);
  if (!config) {
    const first = issues[0]!;
    throw new DataflyError('invalid_request', `${first.field}: ${first.message}`, {
      field: first.field,
      details: issues,
    });
  }
  return config;
}
