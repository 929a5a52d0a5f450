/**
 * Key check: find the pipeline key (`k` query and/or `X-Datafly-Key` header), load its record
 * from KV through a short-lived in-isolate cache, and refuse unknown or revoked keys with 401.
 */
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import {
  PIPELINE_KEY_PATTERN,
  parseKeyRecord,
  type KeyKind,
  type KeyRecord,
} from '../../../core/keys/index.js';
import type { EdgeEnv } from '../../types.js';
import { RETRY_AFTER_SECONDS } from '../forward/index.js';
import { checkKeyKind } from '../key-kind/index.js';

/** Where a route accepts the key from. */
type KeySource = 'query' | 'header';

interface KeyCheckOptions {
  from: readonly KeySource[];
  /** The key kinds the route accepts; any other is refused with 403 (edge/middleware/key-kind). */
  kinds: readonly KeyKind[];
}

interface CacheEntry {
  expires: number;
  record: KeyRecord | null;
}

const MAX_ENTRIES = 10_000;
const cache = new Map<string, CacheEntry>();

/**
 * The record this isolate holds for a key while it is fresh (`null` for a known miss), or
 * `undefined` when KV must be asked. Synchronous, so a cached key costs no await.
 *
 * @example cachedKey('dk_abc12345', Date.now()) // → the record, null, or undefined
 */
function cachedKey(keyId: string, now: number): KeyRecord | null | undefined {
  const hit = cache.get(keyId);
  return hit && hit.expires > now ? hit.record : undefined;
}

/**
 * Look a key up in KV, at most once per `ttlMs` per isolate once read (misses are cached too).
 * Only settled records are shared between requests, never a pending read: a promise that
 * belongs to one request's I/O must not be awaited by another (workerd cancels its
 * continuations when the first request is cancelled, and the second would hang with its
 * connection open). Invalid records count as unknown.
 *
 * @example const record = await lookupKey(env.PIPELINE_KEYS, 'dk_abc12345', Date.now(), 30_000)
 */
export async function lookupKey(
  kv: KVNamespace,
  keyId: string,
  now: number,
  ttlMs: number,
): Promise<KeyRecord | null> {
  const cached = cachedKey(keyId, now);
  if (cached !== undefined) return cached;
  // A failed KV read throws here and is not cached: the next request tries again.
  const json = await kv.get(keyId);
  let record: KeyRecord | null = null;
  if (json !== null) {
    record = parseKeyRecord(json);
    // The key itself is not logged; the record's shape is admin's contract (core/keys).
    if (!record)
      console.warn(
        'edge: a KV key record failed validation against core/keys KeyRecord; the key is treated as unknown',
      );
  }
  cache.delete(keyId);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(keyId, { expires: now + ttlMs, record });
  return record;
}

/** The header wins over the query when a route accepts both. */
function keyFromRequest(
  query: string | undefined,
  header: string | undefined,
  from: readonly KeySource[],
): { keyId: string; field: string } | undefined {
  if (from.includes('header') && header) return { keyId: header, field: 'X-Datafly-Key' };
  if (from.includes('query') && query) return { keyId: query, field: 'k' };
  return undefined;
}

/**
 * Middleware: sets `c.get('key')` and `c.get('keyId')`, or throws `unauthorized` (401), or
 * `forbidden` (403) for a key of a kind the route does not accept.
 *
 * @example browser.use('/v1/t', keyCheck({ from: ['query', 'header'], kinds: ['browser'] }))
 */
export function keyCheck(options: KeyCheckOptions): MiddlewareHandler<EdgeEnv> {
  const where = options.from
    .map((f) => (f === 'query' ? 'the k query parameter' : 'the X-Datafly-Key header'))
    .join(' or ');
  return async function keyCheckMiddleware(c, next) {
    const found = keyFromRequest(c.req.query('k'), c.req.header('x-datafly-key'), options.from);
    if (!found)
      throw new DataflyError('unauthorized', `missing pipeline key: pass it in ${where}`, {
        field: options.from.includes('header') ? 'X-Datafly-Key' : 'k',
      });
    const { keyId, field } = found;
    if (!PIPELINE_KEY_PATTERN.test(keyId)) {
      throw new DataflyError(
        'unauthorized',
        'malformed pipeline key: expected dk_ followed by 8–128 letters, digits, _ or -',
        { field },
      );
    }
    const deps = c.get('deps');
    const now = deps.now();
    let record = cachedKey(keyId, now);
    if (record === undefined) {
      try {
        record = await lookupKey(c.env.PIPELINE_KEYS, keyId, now, deps.keyCacheTtlMs);
      } catch (e) {
        throw new DataflyError(
          'upstream_unavailable',
          'the key store is unavailable; retry later',
          {
            retryAfter: RETRY_AFTER_SECONDS,
            cause: e,
          },
        );
      }
    }
    if (!record) throw new DataflyError('unauthorized', 'unknown pipeline key', { field });
    if (record.status !== 'active')
      throw new DataflyError('unauthorized', 'pipeline key is revoked', { field });
    const wrongKind = checkKeyKind(record.kind, options.kinds, field);
    if (wrongKind) throw wrongKind;
    c.set('keyId', keyId);
    c.set('keyField', field);
    c.set('key', record);
    await next();
  };
}
