/**
 * What the Management UI's mapping builder needs to know about schemas: the V2 mapping config's
 * JSON Schema (YAML editor validation and completion), the canonical event's field paths
 * (source-field autocomplete) and, per mapped vendor, its field schema, normaliser names and
 * default mappings (vendor-field autocomplete, coverage, the rows a fresh install starts from).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DataflyError } from '../../../core/errors/index.js';
import { Envelope } from '../../../core/event/envelope.js';
import { BUILTIN_TRANSFORM_NAMES, MappingConfig } from '../../../core/mapping/index.js';
import { getVendor } from '../../../core/vendors/registry.js';
import { requireRole } from '../../auth/index.js';
import { newRouter } from '../router.js';
import { errors, json } from '../schemas.js';

export const mappingSchemaRoutes = newRouter();

const tags = ['Mapping schema'];

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: unknown;
};

/** Dotted paths of a JSON Schema's object properties; open records end in `.` (any key below). */
export function schemaPaths(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${key}`;
    if (child.properties) out.push(...schemaPaths(child, `${path}.`));
    else if (child.type === 'object') out.push(`${path}.`);
    else out.push(path);
  }
  return out;
}

const toJson = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
// Both are static: computed once per process.
let cached:
  | { config_schema: Record<string, unknown>; source_fields: string[]; transforms: string[] }
  | undefined;
const general = () => {
  cached ??= {
    config_schema: toJson(MappingConfig),
    source_fields: schemaPaths(toJson(Envelope) as JsonSchema),
    transforms: [...BUILTIN_TRANSFORM_NAMES],
  };
  return cached;
};

mappingSchemaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/mapping-schema',
    tags,
    summary:
      "The V2 mapping config's JSON Schema, the canonical event's field paths and the built-in transforms",
    middleware: [requireRole('viewer')] as const,
    responses: {
      200: json(
        z.object({
          config_schema: z.record(z.string(), z.unknown()),
          source_fields: z.array(z.string()),
          transforms: z.array(z.string()),
        }),
        'Schemas',
      ),
      ...errors(401, 403),
    },
  }),
  (c) => c.json(general(), 200),
);

const VendorFieldSchema = z.object({
  path: z.string(),
  required: z.boolean(),
  required_for: z.array(z.string()),
  auto: z.boolean(),
  description: z.string(),
});

mappingSchemaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/mapping-schema/{vendor}',
    tags,
    summary:
      "A mapped vendor's fields, normalisers and default mappings (404 for vendors not on the mapping engine)",
    middleware: [requireRole('viewer')] as const,
    request: {
      params: z.object({
        vendor: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: 'vendor', in: 'path' }, example: 'meta_capi' }),
      }),
    },
    responses: {
      200: json(
        z.object({
          vendor: z.string(),
          fields: z.array(VendorFieldSchema),
          transforms: z.array(z.string()),
          defaults: z.record(z.string(), z.unknown()),
        }),
        'The vendor mapping schema',
      ),
      ...errors(401, 403, 404),
    },
  }),
  (c) => {
    const { vendor } = c.req.valid('param');
    const mapping = getVendor(vendor)?.mapping;
    if (!mapping)
      throw new DataflyError('not_found', `vendor ${vendor} has no mapping schema`, {
        field: 'vendor',
      });
    return c.json(
      {
        vendor,
        fields: mapping.fields.map((f) => ({
          path: f.path,
          required: f.required,
          required_for: [...(f.requiredFor ?? [])],
          auto: !!f.auto,
          description: f.description,
        })),
        transforms: [...BUILTIN_TRANSFORM_NAMES, ...Object.keys(mapping.transforms)],
        defaults: { ...mapping.defaults } as Record<string, unknown>,
      },
      200,
    );
  },
);
