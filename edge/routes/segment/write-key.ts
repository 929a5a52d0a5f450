/**
 * Write keys as Segment's and RudderStack's SDKs send them, and what each kind of key may do.
 *
 * Where the key travels (the first found wins):
 * 1. `Authorization: Basic base64(writeKey:)` — the write key is the user name (server SDKs,
 *    RudderStack's browser SDK);
 * 2. `Authorization: Bearer <token>` — the token when it is a write key itself, otherwise the
 *    body's `writeKey` (Segment's OAuth-enabled SDKs send a token plus `writeKey`);
 * 3. `writeKey` in the JSON body (Segment's browser SDK), or in the query (RudderStack's beacon).
 *
 * A write key is a pipeline key (`dk_…`), alone for browser SDKs, or joined by a dot to one of
 * the key's secrets for server SDKs (`dk_….<secret>`): Segment's SDKs cannot sign bodies, so
 * the secret travels with every server call instead.
 */
import { DataflyError } from '../../../core/errors/index.js';
import { PIPELINE_KEY_PATTERN, type KeyRecord } from '../../../core/keys/index.js';
import { isOriginAllowed } from '../../middleware/cors/index.js';

/** The pipeline key and, for server SDKs, the secret that came with it. */
export interface WriteKey {
  keyId: string;
  secret?: string;
}

/** The field named in auth errors. */
export const WRITE_KEY_FIELD = 'writeKey';

function decodeBasicUser(credentials: string): string | undefined {
  try {
    const decoded = atob(credentials.trim());
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  } catch {
    return undefined;
  }
}

/**
 * Find the write key of a request (the raw string, not yet split).
 *
 * @example writeKeyFrom('Basic ZGtfYWJjMTIzNDU6', undefined, undefined) // → 'dk_abc12345'
 */
export function writeKeyFrom(
  authorization: string | undefined,
  bodyKey: unknown,
  queryKey: string | undefined,
): string | undefined {
  const [scheme, value] = authorization?.split(/\s+/, 2) ?? [];
  if (value && scheme?.toLowerCase() === 'basic') {
    const user = decodeBasicUser(value);
    if (user) return user;
  }
  if (value && scheme?.toLowerCase() === 'bearer' && value.startsWith('dk_')) return value;
  if (typeof bodyKey === 'string' && bodyKey !== '') return bodyKey;
  return queryKey || undefined;
}

/**
 * Split a write key into the pipeline key and the optional secret; 401 when it is missing or
 * not a pipeline key.
 *
 * @example parseWriteKey('dk_abc12345.s3cr3t') // → { keyId: 'dk_abc12345', secret: 's3cr3t' }
 */
export function parseWriteKey(raw: string | undefined): WriteKey {
  if (!raw) {
    // Keyless requests on the paths shared with Datafly.js land here too: name both ways.
    throw new DataflyError(
      'unauthorized',
      'missing pipeline key: pass it in the k query parameter or the X-Datafly-Key header, or ' +
        'as a Segment/RudderStack write key (the Basic auth user name or "writeKey" in the body)',
      { field: WRITE_KEY_FIELD },
    );
  }
  const dot = raw.indexOf('.');
  const keyId = dot < 0 ? raw : raw.slice(0, dot);
  const secret = dot < 0 ? undefined : raw.slice(dot + 1);
  if (!PIPELINE_KEY_PATTERN.test(keyId) || secret === '') {
    throw new DataflyError(
      'unauthorized',
      'malformed write key: expected a pipeline key dk_…, or dk_….<secret> for server SDKs',
      { field: WRITE_KEY_FIELD },
    );
  }
  return secret === undefined ? { keyId } : { keyId, secret };
}

/** Who is calling, as decided by the key kind check. */
export type WriteKeyUse = 'browser' | 'server';

const encoder = new TextEncoder();

/** Equal strings, compared in time independent of where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * The key kind check for Segment/RudderStack ingestion — the one place that decides whether a
 * key of this record's kind (`KeyRecord.kind`, fixed at creation) may be used this way:
 * - with a secret (`dk_….<secret>`): a server SDK. The key must be a server key and the secret
 *   one of its secrets → `'server'`;
 * - without a secret: a browser SDK. The key must be a browser key, and the request must come
 *   from a browser (`Origin`) allowed by the key's `allowed_origins` → `'browser'`. A bare
 *   public key without `Origin` is refused: server SDKs must send the secret.
 * Webhook keys are never write keys.
 *
 * @example checkWriteKeyKind(record, { keyId, secret: 's3cr3t' }, undefined) // → 'server'
 */
export function checkWriteKeyKind(
  record: KeyRecord,
  key: WriteKey,
  origin: string | undefined,
): WriteKeyUse {
  if (key.secret !== undefined) {
    if (record.kind !== 'server' || record.hmac_secrets.length === 0) {
      throw new DataflyError(
        'unauthorized',
        'this write key is not a server key: server SDKs need a server key and its secret, dk_….<secret>',
        { field: WRITE_KEY_FIELD },
      );
    }
    let match = false;
    for (const s of record.hmac_secrets) match = sameSecret(s, key.secret) || match;
    if (!match)
      throw new DataflyError('unauthorized', 'the secret in the write key does not match the key', {
        field: WRITE_KEY_FIELD,
      });
    return 'server';
  }
  if (record.kind !== 'browser') {
    throw new DataflyError(
      'unauthorized',
      `a ${record.kind} key without its secret is not a write key: browser SDKs need a browser key, server SDKs a server key and its secret, dk_….<secret>`,
      {
        field: WRITE_KEY_FIELD,
      },
    );
  }
  if (origin === undefined) {
    throw new DataflyError(
      'unauthorized',
      'a browser key is only accepted from a browser; server SDKs need a server key and its secret, dk_….<secret>',
      {
        field: WRITE_KEY_FIELD,
      },
    );
  }
  if (!isOriginAllowed(record, origin)) {
    throw new DataflyError(
      'origin_not_allowed',
      `origin ${origin.slice(0, 200)} is not allowed for this pipeline key`,
      { field: 'Origin' },
    );
  }
  return 'browser';
}
