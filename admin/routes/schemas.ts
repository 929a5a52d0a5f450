/**
 * Request and response shapes of the admin API (zod, with OpenAPI metadata). Field names
 * follow the seeds (snake_case); the API objects are built from rows in `../domain/views.ts`.
 */
import { z } from '@hono/zod-openapi';
import { AllowedOrigin, LINK_HOST } from '../../core/keys/record.js';
import { Condition as CoreCondition } from '../../core/condition/index.js';
import type { Condition, OrgDataLayer, TransformStep } from '../../core/config-store/types.js';
import { ROLES, SOURCE_KINDS } from '../../core/db/schema/index.js';

const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** Standard error responses for a route's `responses`. */
export const errors = (...statuses: (400 | 401 | 403 | 404 | 409 | 502 | 503)[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_TEXT[s], content: { 'application/json': { schema: ErrorBody } } },
    ]),
  ) as Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  >;
const ERROR_TEXT = {
  400: 'Invalid request (error.field names the field)',
  401: 'Missing or invalid token',
  403: 'Role too low',
  404: 'Not found',
  409: 'Conflict',
  502: 'Upstream failure',
  503: 'Upstream unavailable',
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const Name = z.string().trim().min(1).max(200);
const ParamKey = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'parameter keys are 1–100 letters, digits, _ . or -');
export const Parameters = z
  .record(ParamKey, z.string().max(10_000))
  .refine((p) => Object.keys(p).length <= 200, 'at most 200 parameters');
/** Dotted paths; prototype keys would let a transformation reach Object.prototype. */
const Path = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (p) =>
      !p
        .split('.')
        .some((seg) => seg === '__proto__' || seg === 'constructor' || seg === 'prototype'),
    'must not contain __proto__, constructor or prototype',
  );

/**
 * A transformation condition. Validated by a recursive schema, but documented as an object
 * (the OpenAPI generator cannot walk recursive zod schemas).
 */
const ConditionSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    const result = CoreCondition.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  })
  .openapi('Condition', {
    description:
      '{path, equals} | {path, in} | {path, exists} | {path, matches} | {all: Condition[]} | {any: Condition[]} | {not: Condition}',
  }) as unknown as z.ZodType<Condition>;

const TransformStepSchema: z.ZodType<TransformStep> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('filter'), when: ConditionSchema, action: z.enum(['drop', 'keep']) }),
  z.object({
    op: z.literal('set'),
    path: Path,
    value: z.unknown(),
    when: ConditionSchema.optional(),
  }),
  z.object({ op: z.literal('rename'), from: Path, to: Path }),
  z.object({ op: z.literal('delete'), path: Path }),
  z.object({ op: z.literal('hash'), path: Path, algorithm: z.literal('sha256').optional() }),
]) as z.ZodType<TransformStep>;

export const OrgDataLayerSchema: z.ZodType<OrgDataLayer> = z
  .object({
    parse_user_agent: z.boolean(),
    drop_bots: z.boolean(),
    truncate_ip: z.boolean(),
    pii_rules: z
      .array(z.object({ match: z.string().min(1).max(200), action: z.enum(['drop', 'hash']) }))
      .max(200),
    renames: z.array(z.object({ from: Path, to: Path })).max(200),
    identity: z
      .object({
        enabled: z.boolean().openapi({
          description: 'The identity hub (docs/identity.md); absent: on with the default consent.',
        }),
        learn_consent: z.array(z.string().min(1).max(64)).max(20).openapi({
          description:
            'Consent categories required before identifiers are learned (default ["analytics"]).',
        }),
        share_consent: z.array(z.string().min(1).max(64)).max(20).openapi({
          description:
            'Consent categories required before hashed identifiers are added to events (default ["marketing"]).',
        }),
        link_domains: z
          .array(
            z.string().regex(LINK_HOST, 'must be a lower-case host name like checkout.example.com'),
          )
          .max(20)
          .optional()
          .openapi({
            description:
              "The organisation's own domains: Datafly.js links to them carry the visitor (signed link tokens).",
          }),
      })
      .optional(),
  })
  .openapi('OrgDataLayer');

const Timestamp = z.string().openapi({ example: '2026-02-20T10:00:00Z' });
export const Config = z
  .record(z.string(), z.unknown())
  .openapi({ example: { pixel_id: '1234567890', access_token: 'your_access_token' } });
export const DeliveryMode = z.enum(['server_side']).default('server_side');

// ── templates and revisions ────────────────────────────────────────────────────────────
export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    vendor: z.string(),
    latest_revision: z.number().int(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('IntegrationTemplate');
export const Revision = z
  .object({
    id: z.string(),
    integration_id: z.string(),
    revision_number: z.number().int(),
    config: Config,
    delivery_mode: z.string(),
    change_summary: z.string(),
    created_by: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi('IntegrationRevision');
export const TemplateWithRevision = Template.extend({ revision: Revision.optional() }).openapi(
  'IntegrationTemplateWithRevision',
);
export const CreateTemplate = z.object({
  name: Name,
  vendor: z.string().regex(/^[a-z0-9_]{1,64}$/, 'vendor keys are lowercase letters, digits and _'),
  config: Config.optional(),
  delivery_mode: DeliveryMode,
  change_summary: z.string().max(1000).optional(),
});
export const CreateRevision = z.object({
  config: Config,
  delivery_mode: DeliveryMode,
  change_summary: z.string().max(1000).default(''),
});

// ── pipelines ──────────────────────────────────────────────────────────────────────────
export const Pipeline = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    parameters: z.record(z.string(), z.string()),
    transformations: z.array(z.unknown()),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Pipeline');
export const CreatePipeline = z.object({
  name: Name,
  description: z.string().max(2000).default(''),
  parameters: Parameters.default({}),
  transformations: z.array(TransformStepSchema).max(200).default([]),
});
export const UpdatePipeline = z.object({
  name: Name.optional(),
  description: z.string().max(2000).optional(),
  parameters: Parameters.optional(),
  transformations: z.array(TransformStepSchema).max(200).optional(),
});

// ── pipeline integrations ───────────────────────────────────────────────────
export const PipelineIntegration = z
  .object({
    id: z.string().openapi({ example: 'pi_abc123' }),
    pipeline_id: z.string(),
    integration_id: z.string(),
    integration_name: z.string(),
    vendor: z.string(),
    revision_id: z.string(),
    revision_number: z.number().int(),
    latest_revision: z.number().int(),
    enabled: z.boolean(),
    /** Extension: `{{pipeline_param.KEY}}` keys the pinned revision uses that the pipeline lacks. */
    missing_parameters: z.array(z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('PipelineIntegration');
export const AssignIntegration = z.object({
  integration_id: z.string().min(1),
  revision_id: z.string().min(1),
  enabled: z.boolean().default(true),
});
export const UpdateIntegration = z.object({
  revision_id: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
});

// ── sources and keys ───────────────────────────────────────────────────────────────────
const WebhookScheme = z.discriminatedUnion('scheme', [
  z.object({
    scheme: z.literal('hmac_sha256'),
    header: z.string().min(1).max(128).optional(),
    prefix: z.string().max(32).optional(),
    event: z.string().min(1).max(256).optional(),
  }),
  z.object({
    scheme: z.literal('standard_webhooks'),
    tolerance_seconds: z.number().int().min(1).max(3600).optional(),
    event: z.string().min(1).max(256).optional(),
  }),
]);
export const Source = z
  .object({
    id: z.string(),
    pipeline_id: z.string(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    allowed_origins: z.array(z.string()),
    cookie_domain: z.string().nullable(),
    /** The signature scheme without its secrets. */
    webhook: z.record(z.string(), z.unknown()).nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Source');
const CookieDomain = z.string().regex(/^[a-z0-9.-]{1,253}$/, 'must be a domain like example.com');
export const UpdateSource = z.object({
  name: Name.optional(),
  allowed_origins: z.array(AllowedOrigin).max(100).optional(),
  cookie_domain: CookieDomain.nullable().optional(),
});
export const Key = z
  .object({
    id: z.string().openapi({ example: 'dk_3kTqX9m2…' }),
    pipeline_id: z.string(),
    source_id: z.string(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    status: z.enum(['active', 'revoked']),
    allowed_origins: z.array(z.string()),
    cookie_domain: z.string().nullable(),
    /** How many signing secrets are live: 2 while a rotation is in progress. */
    active_secrets: z.number().int(),
    created_at: Timestamp,
    updated_at: Timestamp,
    rotated_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi('PipelineKey');
export const KeyWithSecret = Key.extend({
  /** The new signing secret (HMAC for server/batch keys, webhook secret for webhook keys); shown once. */
  secret: z.string().optional(),
}).openapi('PipelineKeyWithSecret');
export const CreateKey = z.object({
  name: Name.default('default'),
  /** Attach to an existing source; otherwise a source is created from the fields below. */
  source_id: z.string().min(1).optional(),
  kind: z.enum(SOURCE_KINDS).default('browser'),
  allowed_origins: z.array(AllowedOrigin).max(100).default([]),
  cookie_domain: CookieDomain.nullable().default(null),
  webhook: WebhookScheme.optional(),
});

// ── tokens and organisation ────────────────────────────────────────────────────────────
export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    token_prefix: z.string(),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi('ApiToken');
export const CreateToken = z.object({ name: Name, role: z.enum(ROLES) });
export const Organisation = z
  .object({ id: z.string(), name: z.string(), data_layer: OrgDataLayerSchema })
  .openapi('Organisation');

/** `{"status":"removed"}` and friends. @example Status('removed') */
export const Status = (status: string) => z.object({ status: z.literal(status) });
