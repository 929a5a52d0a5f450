/**
 * The pipeline key record stored in Workers KV (`dk_…` → JSON). Written by admin on every key
 * change, read by the edge on every request (behind an in-isolate cache). Runtime-neutral: only
 * zod, so both the Worker and the Node admin import it.
 *
 * Shape (v1):
 * ```json
 * {"v":1,"kind":"server","pipeline_id":"pip_…","org_id":"org_…","source_id":"src_…","status":"active",
 *  "allowed_origins":["https://www.example.com"],"hmac_secrets":["s3cr3t-new","s3cr3t-old"],
 *  "cookie_domain":"example.com",
 *  "webhook":{"scheme":"standard_webhooks","secrets":["whsec_…"]}}
 * ```
 */
import { z } from 'zod';

/** Every pipeline key starts with this prefix. */
const KEY_PREFIX = 'dk_';

/** The shape of a pipeline key: `dk_` + 8–128 url-safe chars. */
export const PIPELINE_KEY_PATTERN = /^dk_[A-Za-z0-9_-]{8,128}$/;

/** A pipeline key as it appears in `k=` / `X-Datafly-Key`. */
export const PipelineKey = z
  .string()
  .regex(PIPELINE_KEY_PATTERN, 'must be dk_ followed by 8–128 letters, digits, _ or -');
export type PipelineKey = z.infer<typeof PipelineKey>;

/**
 * An allowed browser origin: `https://www.example.com` (scheme + host + optional port, no
 * path), or `*` for any origin (meant for local development only).
 */
export const AllowedOrigin = z.union([
  z.literal('*'),
  z
    .string()
    .regex(
      /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
      'must be an origin like https://www.example.com (no path, no trailing slash)',
    ),
]);

/**
 * Generic HMAC webhook: `header` carries the lowercase hex HMAC-SHA256 of the raw body,
 * optionally after `prefix` (e.g. `sha256=`). Secrets are the raw shared secrets, two during
 * rotation.
 */
const HmacWebhook = z.object({
  scheme: z.literal('hmac_sha256'),
  header: z.string().min(1).max(128).default('x-webhook-signature'),
  prefix: z.string().max(32).default(''),
  secrets: z.array(z.string().min(1)).min(1).max(2),
  /** Event name for bodies that are not canonical events (default `Webhook Received`). */
  event: z.string().min(1).max(256).optional(),
});

/**
 * Standard Webhooks (standardwebhooks.com): headers `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` (`v1,<base64>` entries, space separated) over `id.timestamp.body`;
 * secrets are `whsec_<base64>`; timestamps older/newer than the tolerance are refused.
 */
const StandardWebhook = z.object({
  scheme: z.literal('standard_webhooks'),
  secrets: z
    .array(z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be whsec_ followed by base64'))
    .min(1)
    .max(2),
  tolerance_seconds: z.number().int().min(1).max(3600).default(300),
  event: z.string().min(1).max(256).optional(),
});

/** The webhook signature scheme configured for the key's source. */
export const WebhookConfig = z.discriminatedUnion('scheme', [HmacWebhook, StandardWebhook]);
export type WebhookConfig = z.infer<typeof WebhookConfig>;

const KEY_STATUSES = ['active', 'revoked'] as const;

/**
 * What a key is for, fixed when it is created. Each edge endpoint accepts only its kinds
 * (docs/security.md): `browser` keys are public (Datafly.js, the pixel, unsigned batches from an
 * allowed origin); `server` keys must sign every request with their HMAC secret (`/v1/events`,
 * signed `/v1/batch`); `webhook` keys only `/v1/webhook`, with the configured signature.
 */
const KEY_KINDS = ['browser', 'server', 'webhook'] as const;
export const KeyKind = z.enum(KEY_KINDS);
export type KeyKind = z.infer<typeof KeyKind>;

/**
 * The key kind of an admin source kind: browser and pixel sources get browser keys, server and
 * batch sources server keys, webhook sources webhook keys.
 *
 * @example keyKindOfSource('batch') // → 'server'
 */
export function keyKindOfSource(
  sourceKind: 'browser' | 'server' | 'batch' | 'pixel' | 'webhook',
): KeyKind {
  if (sourceKind === 'server' || sourceKind === 'batch') return 'server';
  if (sourceKind === 'webhook') return 'webhook';
  return 'browser';
}

/** A host name (`checkout.example-pay.com`, `localhost`), lower case, no scheme, port or path. */
export const LINK_HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The KV value for one pipeline key. */
export const KeyRecord = z.object({
  v: z.literal(1),
  kind: KeyKind,
  pipeline_id: z.string().min(1),
  org_id: z.string().min(1),
  source_id: z.string().min(1),
  status: z.enum(KEY_STATUSES),
  allowed_origins: z.array(AllowedOrigin).default([]),
  /** Server/batch HMAC secrets: the current one first, the previous one during rotation. */
  hmac_secrets: z.array(z.string().min(1)).max(2).default([]),
  /** Domain attribute for first-party cookies (`example.com`); null = host-only cookies. */
  cookie_domain: z.string().min(1).nullable().default(null),
  /** Webhook signature scheme; null = the key does not accept webhooks. */
  webhook: WebhookConfig.nullable().default(null),
  /**
   * A live debugger watches the pipeline until this time (ms since epoch): the edge then also
   * publishes what it received (the body as sent, the enriched envelope) to the live trace.
   */
  trace_until: z.number().int().nonnegative().optional(),
  /** The organisation's declared domains (hosts) that cross-domain link tokens are minted for (docs/identity.md). */
  link_domains: z.array(z.string().regex(LINK_HOST)).max(20).optional(),
  /** The organisation's link-token HMAC secret; absent = no cross-domain links. */
  link_secret: z.string().min(32).optional(),
});
/** The record as stored (after defaults). */
export type KeyRecord = z.infer<typeof KeyRecord>;
/** The record as a writer may supply it (defaults optional). */
export type KeyRecordInput = z.input<typeof KeyRecord>;

/**
 * The kind of a record written before kinds existed, chosen so that no such key gains a door:
 * a webhook scheme makes it a webhook key, HMAC secrets a server key, otherwise a browser key.
 * Admin rewrites every record with its kind on start (local KV) and on every change.
 */
function legacyKind(raw: Record<string, unknown>): KeyKind {
  if (raw.webhook !== undefined && raw.webhook !== null) return 'webhook';
  if (Array.isArray(raw.hmac_secrets) && raw.hmac_secrets.length > 0) return 'server';
  return 'browser';
}

/**
 * Parse a KV value into a key record; `null` when the JSON or its shape is invalid.
 *
 * @example parseKeyRecord('{"v":1,"kind":"browser","pipeline_id":"pip_1","org_id":"org_1","source_id":"src_1","status":"active"}')
 *   // → { v: 1, kind: 'browser', …, allowed_origins: [], hmac_secrets: [], cookie_domain: null, webhook: null }
 */
export function parseKeyRecord(json: string): KeyRecord | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('kind' in raw)) {
    raw = { ...raw, kind: legacyKind(raw as Record<string, unknown>) };
  }
  const parsed = KeyRecord.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Serialise a record for KV (validated and with defaults filled in), as admin writes it.
 *
 * @example
 * await env.PIPELINE_KEYS.put(
 *   'dk_abc12345',
 *   serializeKeyRecord({
 *     v: 1, kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'src_1',
 *     status: 'active',
 *   }),
 * )
 */
export function serializeKeyRecord(record: KeyRecordInput): string {
  return JSON.stringify(KeyRecord.parse(record));
}
