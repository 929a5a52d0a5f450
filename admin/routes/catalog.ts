/** The integration catalog (docs/admin-api.md, the catalog): browse, read, install. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CATALOG_CATEGORIES,
  DELIVERY_SETTING_FIELDS,
  getCatalogEntry,
  searchCatalog,
  type CatalogEntry,
  type ConfigField,
} from '../../core/catalog/index.js';
import { blueprintsFor } from '../../core/catalog/blueprints/index.js';
import { logoPath } from '../../core/catalog/logos.js';
import { DataflyError } from '../../core/errors/index.js';
import { logoInfo } from '../logos/index.js';
import { requireRole } from '../auth/index.js';
import { integrationTemplates } from '../../core/db/schema/index.js';
import { recordChange } from '../domain/audit.js';
import { createRevision } from '../domain/revisions.js';
import { revisionView, templateView } from '../domain/views.js';
import { newRouter } from './router.js';
import { body, Config, DeliveryMode, errors, json, TemplateWithRevision } from './schemas.js';

export const catalogRoutes = newRouter();

const tags = ['Integration catalog'];

const Field = z.object({
  key: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  secret: z.boolean(),
  help: z.string(),
  options: z.array(z.string()).optional(),
  default: z.unknown().optional(),
});
const Entry = z
  .object({
    vendor: z.string(),
    name: z.string(),
    category: z.enum(CATALOG_CATEGORIES),
    description: z.string(),
    api: z.string(),
    status: z.enum(['ga', 'beta', 'planned']),
    fields: z.array(Field),
    /** The delivery settings every integration accepts (consent, batching, rate limits…). */
    delivery_settings: z.array(Field),
    variants: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string(),
        defaults: z.record(z.string(), z.unknown()),
      }),
    ),
    blueprints: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          vertical: z.enum(['retail', 'travel', 'media']),
          description: z.string(),
          config: z.record(z.string(), z.unknown()).openapi({
            description:
              'The mapping categories (events, defaults) the Blueprint writes into the install config',
          }),
        }),
      )
      .openapi({
        description: 'Ready mapping configs for a vertical, picked at install (`blueprint`)',
      }),
    logo: z
      .object({
        url: z.string(),
        title: z.string(),
        hex: z.string(),
        source: z.string(),
        license: z.string(),
        kind: z.enum(['brand', 'monogram']),
      })
      .openapi({
        description:
          'The logo tile (an SVG served without a token): a brand mark with its source and licence, or a generated monogram',
      }),
    docs: z.string().optional().openapi({ description: "The vendor's API documentation" }),
    keywords: z.array(z.string()).openapi({ description: 'Extra words search matches' }),
    unverified: z
      .array(z.string())
      .openapi({ description: 'Facts not yet confirmed by a second source (the entry is beta)' }),
  })
  .openapi('CatalogEntry');

const fieldView = (f: ConfigField) => ({
  key: f.key,
  label: f.label,
  type: f.type,
  required: f.required,
  secret: f.secret,
  help: f.help,
  ...(f.options ? { options: [...f.options] } : {}),
  ...(f.default === undefined ? {} : { default: f.default as JsonValue }),
});
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const entryView = async (entry: CatalogEntry) => ({
  vendor: entry.vendor,
  name: entry.name,
  category: entry.category,
  description: entry.description,
  api: entry.api,
  status: entry.status,
  fields: entry.fields.map(fieldView),
  delivery_settings: DELIVERY_SETTING_FIELDS.map(fieldView),
  variants: entry.variants.map((v) => ({
    ...v,
    defaults: v.defaults as Record<string, JsonValue>,
  })),
  blueprints: blueprintsFor(entry.vendor).map((b) => ({
    id: b.id,
    name: b.name,
    vertical: b.vertical,
    description: b.description,
    config: b.config as Record<string, JsonValue>,
  })),
  logo: { url: logoPath(entry.vendor), ...(await logoInfo(entry.vendor))! },
  ...(entry.docs ? { docs: entry.docs } : {}),
  keywords: [...(entry.keywords ?? [])],
  unverified: [...(entry.unverified ?? [])],
});
const Vendor = z.object({
  vendor: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'vendor', in: 'path' }, example: 'meta_capi' }),
});

function entryOr404(vendor: string): CatalogEntry {
  const entry = getCatalogEntry(vendor);
  if (!entry) throw new DataflyError('not_found', `no catalog entry for vendor ${vendor}`);
  return entry;
}

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-catalog',
    tags,
    summary: 'Browse the catalog by category and/or search text',
    middleware: [requireRole('viewer')] as const,
    request: {
      query: z.object({
        category: z.enum(CATALOG_CATEGORIES).optional(),
        search: z.string().max(100).optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          integrations: z.array(Entry),
          counts: z.record(z.string(), z.number().int()).openapi({
            description:
              'Entries matching the search per category, and `all` (the category filter aside), for the category tabs',
            example: { all: 104, advertising: 38 },
          }),
        }),
        'Catalog entries',
      ),
      ...errors(400, 401, 403),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const matching = searchCatalog({ search: query.search });
    const counts: Record<string, number> = {
      all: matching.length,
      ...Object.fromEntries(CATALOG_CATEGORIES.map((k) => [k, 0])),
    };
    for (const e of matching) counts[e.category] = (counts[e.category] ?? 0) + 1;
    const shown = query.category ? matching.filter((e) => e.category === query.category) : matching;
    return c.json({ integrations: await Promise.all(shown.map(entryView)), counts }, 200);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/integration-catalog/{vendor}',
    tags,
    summary: 'One catalog entry with its config fields and variants',
    middleware: [requireRole('viewer')] as const,
    request: { params: Vendor },
    responses: { 200: json(Entry, 'The entry'), ...errors(401, 403, 404) },
  }),
  async (c) => c.json(await entryView(entryOr404(c.req.valid('param').vendor)), 200),
);

catalogRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/integration-catalog/{vendor}/install',
    tags,
    summary:
      'Install: create a template and its revision 1 in one transaction (variant defaults under the given config)',
    middleware: [requireRole('editor')] as const,
    request: {
      params: Vendor,
      body: body(
        z.object({
          name: z.string().trim().min(1).max(200),
          variant: z.string().max(64).optional(),
          blueprint: z.string().max(64).optional().openapi({
            description:
              "A Blueprint's id from the entry: its mapping (events, defaults) is written into revision 1",
          }),
          config: Config.default({}),
          delivery_mode: DeliveryMode,
        }),
      ),
    },
    responses: { 201: json(TemplateWithRevision, 'Installed'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { deps, caller } = c.var;
    const entry = entryOr404(c.req.valid('param').vendor);
    const input = c.req.valid('json');
    const variant =
      input.variant === undefined ? undefined : entry.variants.find((v) => v.key === input.variant);
    if (input.variant !== undefined && !variant) {
      throw new DataflyError(
        'invalid_request',
        `unknown variant ${input.variant} for ${entry.vendor} (known: ${entry.variants.map((v) => v.key).join(', ') || 'none'})`,
        {
          field: 'variant',
        },
      );
    }
    const blueprint =
      input.blueprint === undefined
        ? undefined
        : blueprintsFor(entry.vendor).find((b) => b.id === input.blueprint);
    if (input.blueprint !== undefined && !blueprint) {
      throw new DataflyError(
        'invalid_request',
        `unknown blueprint ${input.blueprint} for ${entry.vendor} (known: ${
          blueprintsFor(entry.vendor)
            .map((b) => b.id)
            .join(', ') || 'none'
        })`,
        {
          field: 'blueprint',
        },
      );
    }
    const fieldDefaults = Object.fromEntries(
      entry.fields.filter((f) => f.default !== undefined).map((f) => [f.key, f.default]),
    );
    // A Blueprint's categories come before the caller's config, so an explicit `events` wins.
    const config = {
      ...fieldDefaults,
      ...(variant?.defaults ?? {}),
      ...(blueprint ? structuredClone(blueprint.config) : {}),
      ...input.config,
    };
    const picked = [
      variant && `${variant.name} variant`,
      blueprint && `Blueprint: ${blueprint.name}`,
    ].filter((x): x is string => Boolean(x));
    const result = await deps.database.db.transaction(async (tx) => {
      const now = deps.now();
      const [template] = await tx
        .insert(integrationTemplates)
        .values({
          id: deps.newId('tmpl'),
          orgId: caller.orgId,
          name: input.name,
          vendor: entry.vendor,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordChange(
        tx,
        caller,
        {
          action: 'catalog.install',
          entityType: 'template',
          entityId: template!.id,
          details: {
            vendor: entry.vendor,
            variant: input.variant ?? null,
            blueprint: input.blueprint ?? null,
          },
        },
        now,
      );
      const revision = await createRevision(tx, deps, caller, template!, {
        config,
        delivery_mode: input.delivery_mode,
        change_summary:
          picked.length > 0
            ? `Installed from catalog (${picked.join(', ')})`
            : 'Installed from catalog',
      });
      return { template: { ...template!, latestRevision: revision.revisionNumber }, revision };
    });
    return c.json(
      { ...templateView(result.template), revision: revisionView(result.revision, entry.vendor) },
      201,
    );
  },
);
