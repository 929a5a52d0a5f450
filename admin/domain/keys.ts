/**
 * Key records for the edge (core/keys/record.ts), written to KV inside the transaction that
 * changes a key or its source: if the KV write fails the change rolls back, so the API never
 * reports a change the edge did not get.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import {
  keyKindOfSource,
  serializeKeyRecord,
  type KeyRecordInput,
} from '../../core/keys/record.js';
import type { KeyValueWriter } from '../kv/types.js';
import type { Db, Tx } from '../../core/db/client.js';
import {
  organisations,
  pipelineKeys,
  pipelines,
  sources,
  type Organisation,
  type PipelineKeyRow,
  type Source,
} from '../../core/db/schema/index.js';

/** @example keyRecord(keyRow, sourceRow) // → { v: 1, pipeline_id, org_id, source_id, status, … } */
function keyRecord(
  key: PipelineKeyRow,
  source: Source,
  org?: Pick<Organisation, 'dataLayer' | 'linkSecret'>,
  traceUntil: Date | null = null,
): KeyRecordInput {
  const linkDomains = org?.linkSecret ? (org.dataLayer.identity?.link_domains ?? []) : [];
  return {
    ...(traceUntil ? { trace_until: traceUntil.getTime() } : {}),
    v: 1,
    kind: keyKindOfSource(source.kind),
    pipeline_id: key.pipelineId,
    org_id: key.orgId,
    source_id: key.sourceId,
    status: key.status,
    allowed_origins: source.allowedOrigins,
    hmac_secrets: key.hmacSecrets,
    cookie_domain: source.cookieDomain,
    webhook: source.webhook ?? null,
    // Cross-domain link tokens (docs/identity.md): only browser keys mint and verify them.
    ...(linkDomains.length > 0 && keyKindOfSource(source.kind) === 'browser'
      ? { link_domains: linkDomains, link_secret: org!.linkSecret! }
      : {}),
  };
}

/** Which keys to (re)write: explicit key ids, every key of some sources, or of some pipelines. */
type KeySelector =
  { keyIds: string[] } | { sourceIds: string[] } | { pipelineIds: string[] } | { orgIds: string[] };

/**
 * Write the current record of every selected key to KV. Returns how many were written.
 *
 * @example await syncKeys(tx, kv, { sourceIds: [source.id] });
 */
export async function syncKeys(
  db: Db | Tx,
  kv: KeyValueWriter,
  selector: KeySelector | 'all',
): Promise<number> {
  const where =
    selector === 'all'
      ? undefined
      : 'keyIds' in selector
        ? inArray(pipelineKeys.id, selector.keyIds)
        : 'sourceIds' in selector
          ? inArray(pipelineKeys.sourceId, selector.sourceIds)
          : 'orgIds' in selector
            ? inArray(pipelineKeys.orgId, selector.orgIds)
            : inArray(pipelineKeys.pipelineId, selector.pipelineIds);
  const rows = await db
    .select({
      key: pipelineKeys,
      source: sources,
      org: { dataLayer: organisations.dataLayer, linkSecret: organisations.linkSecret },
      traceUntil: pipelines.traceUntil,
    })
    .from(pipelineKeys)
    .innerJoin(sources, eq(sources.id, pipelineKeys.sourceId))
    .innerJoin(organisations, eq(organisations.id, pipelineKeys.orgId))
    .innerJoin(pipelines, eq(pipelines.id, pipelineKeys.pipelineId))
    .where(where);
  for (const { key, source, org, traceUntil } of rows)
    await kv.put(key.id, serializeKeyRecord(keyRecord(key, source, org, traceUntil)));
  return rows.length;
}

/** A new HMAC secret for server/batch requests (64 hex chars). */
export const newHmacSecret = (): string => randomBytes(32).toString('hex');

/** A new webhook secret in the scheme's format (`whsec_<base64>` for Standard Webhooks). */
export const newWebhookSecret = (scheme: 'hmac_sha256' | 'standard_webhooks'): string =>
  scheme === 'standard_webhooks'
    ? `whsec_${randomBytes(24).toString('base64')}`
    : randomBytes(32).toString('hex');

/** Put `fresh` first and keep at most one previous secret (two live during a rotation). */
export const rotateSecrets = (current: readonly string[], fresh: string): string[] => [
  fresh,
  ...current.slice(0, 1),
];
