/**
 * `POST /v1/batch` — `{"batch":[event, …], "sent_at"?: ISO}` as in Segment's batch call, up to
 * 500 events and 500 KB. Two modes, chosen by the key's kind (core/keys), never by the request:
 * - server key: `X-Datafly-Key` + `X-Signature-256` (as /v1/events) are required; server
 *   imports/backfills, `source.kind = "batch"`, events keep their own ids;
 * - browser key (`k` or `X-Datafly-Key`, e.g. Datafly.js flushing its queue): only from an
 *   allowed `Origin` (CORS from the key; no `Origin` is 403), identity cookies,
 *   `anonymous_id`/`vendor_ids` from them, `source.kind = "browser"`.
 * Webhook keys are refused (403).
 * Each event is validated on its own; the valid ones go to the bridge in one call.
 *
 * Answer: `200` when every event was accepted, `207` when some (or all) were rejected:
 * `{"ok":bool,"accepted":[{"index","event_id"}],"rejected":[{"index","event_id"?,"code","message","field"?,"retryable"}]}`.
 * Request-level problems (JSON, size, count, auth) are a 4xx error; bridge down is 503.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { DataflyError } from '../../../core/errors/index.js';
import { LIMITS, type Envelope } from '../../../core/event/index.js';
import { invalidEvent, prepareEvent, toRecord } from '../../ingest/index.js';
import { body, parseJsonBody } from '../../middleware/body/index.js';
import { corsForKey } from '../../middleware/cors/index.js';
import { identity } from '../../middleware/identity/index.js';
import { acceptLinkToken } from '../../middleware/identity/link.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import { hmacSignature } from '../../middleware/signature/index.js';
import type { EdgeEnv } from '../../types.js';

export interface BatchAccepted {
  index: number;
  event_id: string;
}
export interface BatchRejected {
  index: number;
  event_id?: string;
  code: 'invalid_request' | 'payload_too_large' | 'upstream_unavailable';
  message: string;
  field?: string;
  retryable: boolean;
}

const BatchBody = z.looseObject({
  batch: z.array(z.unknown(), { error: 'must be an array of events' }),
  sent_at: z.iso.datetime({ offset: true }).optional(),
});

export const batch = new Hono<EdgeEnv>();

const cors = corsForKey({ methods: ['POST'] });
const signature = hmacSignature();
const cookies = identity();
const fromBrowser = (c: Context<EdgeEnv>) => c.get('key').kind === 'browser';

/** Browser keys: CORS, and an `Origin` is required (a browser key is not a server credential). */
const browserOrigin: MiddlewareHandler<EdgeEnv> = async (c, next) => {
  if (!fromBrowser(c)) return next();
  if (c.req.method !== 'OPTIONS' && c.req.header('origin') === undefined) {
    throw new DataflyError(
      'origin_not_allowed',
      'a browser key is accepted on /v1/batch only from an allowed Origin; servers use a server key and X-Signature-256',
      {
        field: 'Origin',
      },
    );
  }
  return cors(c, next);
};

batch.use(
  '/v1/batch',
  keyCheck({ from: ['query', 'header'], kinds: ['browser', 'server'] }),
  browserOrigin,
);

batch.post(
  '/v1/batch',
  body({ maxBytes: LIMITS.batchBytes }),
  async (c, next) => (fromBrowser(c) ? cookies(c, next) : signature(c, next)),
  async (c) => {
    const parsed = BatchBody.safeParse(parseJsonBody(c.get('rawBody')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || '(body)';
      throw new DataflyError(
        'invalid_request',
        `${field}: ${field === '(body)' ? 'expected {"batch":[…]}' : issue.message}`,
        { field },
      );
    }
    const events = parsed.data.batch;
    if (events.length === 0)
      throw new DataflyError('invalid_request', 'batch is empty', { field: 'batch' });
    if (events.length > LIMITS.batchEvents) {
      throw new DataflyError(
        'payload_too_large',
        `batch has ${events.length} events; the limit is ${LIMITS.batchEvents}`,
        { field: 'batch' },
      );
    }
    const browser = fromBrowser(c);
    // A cross-domain link token on the page of the first event that carries one (docs/identity.md).
    if (browser)
      for (const raw of events.slice(0, 10))
        await acceptLinkToken(raw, {
          key: c.get('key'),
          identity: c.get('identity'),
          origin: c.req.header('origin'),
          now: c.get('deps').now(),
        });
    const accepted: BatchAccepted[] = [];
    const rejected: BatchRejected[] = [];
    const good: { index: number; envelope: Envelope }[] = [];
    events.forEach((raw, index) => {
      const result = prepareEvent(raw, {
        kind: browser ? 'browser' : 'batch',
        key: c.get('key'),
        request: c.get('request'),
        fromBrowser: browser,
        ...(browser ? { identity: c.get('identity') } : {}),
        newId: c.get('deps').uuid,
        ...(parsed.data.sent_at ? { sentAt: parsed.data.sent_at } : {}),
      });
      if (result.ok) return void good.push({ index, envelope: result.envelope });
      const error = invalidEvent(result.issues, `batch[${index}].`);
      const eventId =
        typeof raw === 'object' &&
        raw !== null &&
        'event_id' in raw &&
        typeof raw.event_id === 'string'
          ? raw.event_id
          : undefined;
      rejected.push({
        index,
        ...(eventId ? { event_id: eventId } : {}),
        code: error.code === 'payload_too_large' ? 'payload_too_large' : 'invalid_request',
        message: error.message,
        field: error.field!,
        retryable: false,
      });
    });
    const outcomes = await c.get('bridge').send(good.map((g) => toRecord(g.envelope)));
    outcomes.forEach((outcome, i) => {
      const { index, envelope } = good[i]!;
      if (outcome.ok) accepted.push({ index, event_id: envelope.event_id });
      else
        rejected.push({
          index,
          event_id: envelope.event_id,
          code: 'upstream_unavailable',
          message: outcome.message,
          retryable: true,
        });
    });
    rejected.sort((a, b) => a.index - b.index);
    return c.json(
      { ok: rejected.length === 0, accepted, rejected },
      rejected.length === 0 ? 200 : 207,
    );
  },
);
