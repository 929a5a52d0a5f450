/**
 * Segment- and RudderStack-compatible ingestion: their SDKs work unchanged with the edge as
 * their host and a pipeline key as their write key (docs/segment-compat.md).
 *
 * - HTTP Tracking API: `POST /v1/{identify,track,page,screen,group,alias}` (one message) and
 *   `POST /v1/batch` (`{"batch":[…], "context"?, "integrations"?, "sentAt"?}`; the batch's
 *   `context` and `integrations` are merged under each message's own).
 * - Segment's browser short paths: `/v1/{i,t,p,s,g,a}` and `/v1/b` for batches.
 * - Settings: `GET /v1/projects/{writeKey}/settings` (Segment), `GET /sourceConfig/` (RudderStack).
 *
 * `/v1/t|p|i|g` and `/v1/batch` are also Datafly.js's and Datafly's own paths. A request is
 * theirs when it names a pipeline key the Datafly way (`k` query or `X-Datafly-Key` header):
 * those pass through to the Datafly routes untouched; every other request on these paths is
 * Segment's form (write key in `Authorization` or in the body).
 *
 * Limits: 32 KB per message, 500 KB and 500 messages per batch. Answers: `200
 * {"success":true}`; in a batch, invalid messages are reported without sinking the valid ones
 * (`207` with `accepted` and `rejected`, as `/v1/batch`); a message the event log did not
 * store makes the answer `503` so the SDK retries (its `messageId` keeps the retry a duplicate
 * that delivery recognises).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DataflyError } from '../../../core/errors/index.js';
import { LIMITS, type Envelope } from '../../../core/event/index.js';
import type { KeyRecord } from '../../../core/keys/index.js';
import { forwardOne, invalidEvent, prepareEvent, toRecord } from '../../ingest/index.js';
import { parseJsonBody } from '../../middleware/body/index.js';
import { PREFLIGHT_MAX_AGE } from '../../middleware/cors/index.js';
import { RETRY_AFTER_SECONDS } from '../../middleware/forward/index.js';
import { lookupKey } from '../../middleware/key-check/index.js';
import type { EdgeEnv } from '../../types.js';
import type { BatchAccepted, BatchRejected } from '../batch/index.js';
import { readBody } from './body.js';
import { fromSegment, type SegmentType } from './map.js';
import { rudderSourceConfig, segmentSettings } from './settings.js';
import {
  WRITE_KEY_FIELD,
  checkWriteKeyKind,
  parseWriteKey,
  writeKeyFrom,
  type WriteKey,
  type WriteKeyUse,
} from './write-key.js';
import { isRecord, utf8SizeOver } from '../../../core/json/index.js';

export const segment = new Hono<EdgeEnv>();

/** Path → the call it takes (`batch` for batches). */
const CALL_PATHS: Readonly<Record<string, SegmentType | 'batch'>> = {
  '/v1/identify': 'identify',
  '/v1/track': 'track',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/group': 'group',
  '/v1/alias': 'alias',
  '/v1/batch': 'batch',
  '/v1/i': 'identify',
  '/v1/t': 'track',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/g': 'group',
  '/v1/a': 'alias',
  '/v1/b': 'batch',
};

const SETTINGS_PATH = '/v1/projects/:writeKey/settings';
const SOURCE_CONFIG_PATHS = ['/sourceConfig', '/sourceConfig/'];

/** Datafly's own form names the key in `k` or `X-Datafly-Key`; Segment's SDKs never do. */
const isDataflyForm = (c: Context<EdgeEnv>): boolean =>
  c.req.query('k') !== undefined || c.req.header('x-datafly-key') !== undefined;

const Batch = z.looseObject({
  batch: z.array(z.unknown(), { error: 'must be an array of messages' }),
});

type Obj = Record<string, unknown>;

/** Load the key record behind a write key; 401 unknown/revoked, 503 when KV fails. */
async function loadKey(c: Context<EdgeEnv>, key: WriteKey): Promise<KeyRecord> {
  const deps = c.get('deps');
  let record: KeyRecord | null;
  try {
    record = await lookupKey(c.env.PIPELINE_KEYS, key.keyId, deps.now(), deps.keyCacheTtlMs);
  } catch (e) {
    throw new DataflyError('upstream_unavailable', 'the key store is unavailable; retry later', {
      retryAfter: RETRY_AFTER_SECONDS,
      cause: e,
    });
  }
  if (!record)
    throw new DataflyError('unauthorized', 'unknown write key', { field: WRITE_KEY_FIELD });
  if (record.status !== 'active')
    throw new DataflyError('unauthorized', 'write key is revoked', { field: WRITE_KEY_FIELD });
  return record;
}

/** CORS answer headers for an origin the key allows (checked by `checkWriteKeyKind`). */
function allowOrigin(c: Context<EdgeEnv>, origin: string): void {
  c.header('access-control-allow-origin', origin);
  c.header('access-control-allow-credentials', 'true');
  c.header('access-control-expose-headers', 'Retry-After');
  c.header('vary', 'Origin', { append: true });
}

/** Authenticate a call: the write key, its record, and whether a browser or a server sent it. */
async function authenticate(
  c: Context<EdgeEnv>,
  body: Obj,
): Promise<{ record: KeyRecord; use: WriteKeyUse }> {
  const key = parseWriteKey(
    writeKeyFrom(c.req.header('authorization'), body.writeKey, c.req.query('writeKey')),
  );
  const record = await loadKey(c, key);
  const origin = c.req.header('origin');
  const use = checkWriteKeyKind(record, key, origin);
  if (use === 'browser' && origin !== undefined) allowOrigin(c, origin);
  return { record, use };
}

/**
 * The answer to a Segment-form call (`POST`, or its `OPTIONS` preflight) on one of the call
 * paths, or `undefined` for any other request: the app's setup middleware asks before routing,
 * so a Datafly-form request on a shared path goes to its route without passing a Segment handler.
 *
 * @example const answer = segmentCall(c); if (answer) return answer;
 */
export function segmentCall(c: Context<EdgeEnv>): Promise<Response> | Response | undefined {
  const call = Object.hasOwn(CALL_PATHS, c.req.path) ? CALL_PATHS[c.req.path] : undefined;
  if (call === undefined || isDataflyForm(c)) return undefined;
  if (c.req.method === 'OPTIONS') return preflight(c);
  if (c.req.method === 'POST') return handleCall(c, call);
  return undefined;
}

async function handleCall(c: Context<EdgeEnv>, call: SegmentType | 'batch'): Promise<Response> {
  const text = await readBody(c.req.raw, call === 'batch' ? LIMITS.batchBytes : LIMITS.eventBytes);
  const body = parseJsonBody(text);
  if (!isRecord(body))
    throw new DataflyError('invalid_request', 'expected a JSON object', { field: '(body)' });
  const { record, use } = await authenticate(c, body);
  const prepare = (
    message: unknown,
    defaults: Parameters<typeof fromSegment>[1],
    prefix: string,
  ): { ok: true; envelope: Envelope } | { ok: false; error: DataflyError } => {
    const size = utf8SizeOver(JSON.stringify(message), LIMITS.eventBytes);
    if (size !== null) {
      return {
        ok: false,
        error: new DataflyError(
          'payload_too_large',
          `${prefix}(event): is ${size} bytes; the limit is ${LIMITS.eventBytes}`,
          { field: `${prefix}(event)` },
        ),
      };
    }
    const mapped = fromSegment(message, defaults);
    if (!mapped.ok)
      return {
        ok: false,
        error: invalidEvent([{ field: mapped.field, message: mapped.message }], prefix),
      };
    const result = prepareEvent(mapped.event, {
      kind: use === 'browser' ? 'browser' : 'server',
      key: record,
      request: c.get('request'),
      fromBrowser: use === 'browser',
      newId: c.get('deps').uuid,
    });
    return result.ok ? result : { ok: false, error: invalidEvent(result.issues, prefix) };
  };

  if (call !== 'batch') {
    const result = prepare(body, { type: call }, '');
    if (!result.ok) throw result.error;
    const { event_id } = await forwardOne(c.get('bridge'), result.envelope);
    return c.json({ success: true, event_id });
  }

  const parsed = Batch.safeParse(body);
  if (!parsed.success)
    throw new DataflyError('invalid_request', 'batch: expected {"batch":[…]}', {
      field: 'batch',
    });
  const messages = parsed.data.batch;
  if (messages.length === 0)
    throw new DataflyError('invalid_request', 'batch is empty', { field: 'batch' });
  if (messages.length > LIMITS.batchEvents) {
    throw new DataflyError(
      'payload_too_large',
      `batch has ${messages.length} messages; the limit is ${LIMITS.batchEvents}`,
      { field: 'batch' },
    );
  }
  const defaults = {
    context: body.context,
    integrations: body.integrations,
    sentAt: body.sentAt,
  };
  const accepted: BatchAccepted[] = [];
  const rejected: BatchRejected[] = [];
  const good: { index: number; envelope: Envelope }[] = [];
  messages.forEach((message, index) => {
    const result = prepare(message, defaults, `batch[${index}].`);
    if (result.ok) return void good.push({ index, envelope: result.envelope });
    const messageId =
      isRecord(message) && typeof message.messageId === 'string' ? message.messageId : undefined;
    rejected.push({
      index,
      ...(messageId ? { event_id: messageId } : {}),
      code: 'invalid_request',
      message: result.error.message,
      field: result.error.field!,
      retryable: false,
    });
  });
  const outcomes =
    good.length > 0 ? await c.get('bridge').send(good.map((g) => toRecord(g.envelope))) : [];
  const unstored = outcomes.filter((o) => !o.ok).length;
  if (unstored > 0) {
    throw new DataflyError(
      'upstream_unavailable',
      `${unstored} of ${good.length} messages were not stored by the event log; retry the batch`,
      { retryAfter: RETRY_AFTER_SECONDS },
    );
  }
  for (const g of good) accepted.push({ index: g.index, event_id: g.envelope.event_id });
  if (rejected.length === 0) return c.json({ success: true });
  return c.json({ success: false, accepted, rejected }, 207);
}

/**
 * Headers the browser SDKs send: Segment's batching (`Authorization`, `X-Retry-Count`),
 * RudderStack's (`Authorization`, `AnonymousId`, `SentAt`, its `Rsa-*` retry headers).
 */
const PREFLIGHT_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-Retry-Count',
  'AnonymousId',
  'SentAt',
  'Rsa-Retry-Attempt',
  'Rsa-Retry-Reason',
  'Rsa-Since-First-Attempt',
  'Rsa-Since-Last-Attempt',
  'Rsa-Recovered',
].join(', ');

/**
 * Preflight for SDKs that send `Authorization` or JSON (RudderStack's browser SDK). It carries
 * no key, so any origin gets the answer; the request itself is held to the key's origins.
 */
function preflight(c: Context<EdgeEnv>): Response {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    c.header('access-control-allow-origin', origin);
    c.header('access-control-allow-credentials', 'true');
    c.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    c.header('access-control-allow-headers', PREFLIGHT_HEADERS);
    c.header('access-control-max-age', String(PREFLIGHT_MAX_AGE));
    c.header('vary', 'Origin', { append: true });
  }
  return c.body(null, 204);
}

/** Settings are fetched by browsers with the public key: a secret never goes in a URL. */
async function settingsKey(
  c: Context<EdgeEnv>,
  raw: string | undefined,
): Promise<{ keyId: string; record: KeyRecord }> {
  const key = parseWriteKey(raw);
  if (key.secret !== undefined) {
    throw new DataflyError(
      'unauthorized',
      'settings are for browser SDKs: use the public pipeline key, never the server secret',
      { field: WRITE_KEY_FIELD },
    );
  }
  const record = await loadKey(c, key);
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    checkWriteKeyKind(record, key, origin);
    allowOrigin(c, origin);
  }
  return { keyId: key.keyId, record };
}

segment.get(SETTINGS_PATH, async (c) => {
  const { keyId } = await settingsKey(c, c.req.param('writeKey'));
  return c.json(segmentSettings(keyId, new URL(c.req.url)));
});

for (const path of SOURCE_CONFIG_PATHS) {
  segment.options(path, (c) => preflight(c));
  segment.get(path, async (c) => {
    c.header('cache-control', 'no-store');
    const { keyId, record } = await settingsKey(
      c,
      writeKeyFrom(c.req.header('authorization'), undefined, c.req.query('writeKey')),
    );
    return c.json(rudderSourceConfig(keyId, record));
  });
}
