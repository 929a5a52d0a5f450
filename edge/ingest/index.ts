/**
 * The per-event pipeline shared by every endpoint: decode the wire form, apply what the edge
 * knows (request facts, click ids, campaign, identity), validate and build the envelope with
 * core's `normalizeEvent`, and hand accepted envelopes to the bridge.
 */
import { DataflyError } from '../../core/errors/index.js';
import {
  LIMITS,
  normalizeEvent,
  type Envelope,
  type EventType,
  type FieldIssue,
  type NormalizeResult,
  type SourceKind,
} from '../../core/event/index.js';
import { checkJson, isRecord, utf8SizeOver } from '../../core/json/index.js';
import type { KeyRecord } from '../../core/keys/index.js';
import { marketingFromUrl, mergeMarketing } from '../middleware/click-ids/index.js';
import type { RequestFacts } from '../middleware/enrich/index.js';
import {
  RETRY_AFTER_SECONDS,
  type BridgeClient,
  type BridgeRecord,
} from '../middleware/forward/index.js';
import type { Identity } from '../middleware/identity/index.js';
import { stripLinkParam } from '../middleware/identity/link.js';
import { decodeWire } from '../wire/index.js';

interface PrepareOptions {
  kind: SourceKind;
  key: KeyRecord;
  request: RequestFacts;
  newId: () => string;
  /** Browser and pixel requests: the cookie identity (sets `anonymous_id` and `vendor_ids`). */
  identity?: Identity;
  /** Take the visitor's IP, user agent and geo from the request (requests sent by browsers). */
  fromBrowser: boolean;
  /** The type the endpoint implies (`/v1/t` → track); a different `type` in the body is refused. */
  type?: EventType;
  /** Request-level `sent_at` (batch) for events that carry none. */
  sentAt?: string;
  /** A default event id (e.g. the Standard Webhooks `webhook-id`). */
  eventId?: string;
}

type Obj = Record<string, unknown>;
/**
 * Room the edge's own enrichment may add on top of the client's 32 KB: request facts, click
 * ids and campaign from the request URL, vendor ids from cookies (each bounded by the runtime's
 * URL and header limits).
 */
const ENRICHMENT_ALLOWANCE_BYTES = 32 * 1024;

/**
 * What the client sent, checked before anything is added to it: nesting within
 * `MAX_JSON_DEPTH` (a 400 naming the field) and JSON size within `LIMITS.eventBytes` (413).
 */
function checkClientEvent(raw: unknown): FieldIssue | null {
  const problem = checkJson(raw);
  if (problem) return problem.field === '(body)' ? { ...problem, field: '(event)' } : problem;
  const size = utf8SizeOver(JSON.stringify(raw), LIMITS.eventBytes);
  if (size !== null)
    return {
      field: '(event)',
      message: `is ${size} bytes; the limit is ${LIMITS.eventBytes}`,
      tooLarge: true,
    };
  return null;
}

/**
 * Turn one raw event into an envelope, or field-precise issues.
 *
 * @example prepareEvent({ event: 'Signup' }, { kind: 'browser', type: 'track', key, request, newId, identity, fromBrowser: true })
 *   // → { ok: true, envelope: { v: 1, type: 'track', anonymous_id: <_dfid>, context: { ip, geo, vendor_ids, … }, … } }
 */
export function prepareEvent(raw: unknown, o: PrepareOptions): NormalizeResult {
  const problem = checkClientEvent(raw);
  if (problem) return { ok: false, issues: [problem] };
  const decoded = decodeWire(raw);
  if (!isRecord(decoded)) return normalizeEvent(decoded, facts(o));
  const event: Obj = { ...decoded };
  if (o.type) {
    if (event.type !== undefined && event.type !== o.type) {
      return {
        ok: false,
        issues: [
          {
            field: 'type',
            message: `this endpoint takes ${o.type} events, not ${JSON.stringify(event.type).slice(0, 40)}`,
          },
        ],
      };
    }
    event.type = o.type;
  }
  if (o.eventId !== undefined && event.event_id === undefined && event.messageId === undefined)
    event.event_id = o.eventId;
  if (event.context === undefined) event.context = {};
  if (isRecord(event.context)) event.context = enrichContext(event.context, o);
  if (o.identity) event.anonymous_id = o.identity.anonymous_id;
  return normalizeEvent(event, facts(o));
}

function facts(o: PrepareOptions) {
  return {
    received_at: o.request.received_at,
    source: {
      kind: o.kind,
      pipeline_id: o.key.pipeline_id,
      org_id: o.key.org_id,
      source_id: o.key.source_id,
    },
    newId: o.newId,
    maxBytes: LIMITS.eventBytes + ENRICHMENT_ALLOWANCE_BYTES,
    sent_at: o.sentAt || undefined,
  };
}

function enrichContext(client: Obj, o: PrepareOptions): Obj {
  const ctx: Obj = { ...client };
  const { request } = o;
  if (o.fromBrowser) {
    if (request.ip) ctx.ip = request.ip;
    if (request.user_agent) ctx.user_agent = request.user_agent;
    if (request.geo) ctx.geo = isRecord(ctx.geo) ? { ...ctx.geo, ...request.geo } : request.geo;
  }
  const pageUrl = isRecord(ctx.page) && typeof ctx.page.url === 'string' ? ctx.page.url : undefined;
  const fromPage = marketingFromUrl(pageUrl);
  const clickIds = mergeMarketing(
    ctx.click_ids,
    fromPage.click_ids,
    request.url_marketing.click_ids,
  );
  if (clickIds) ctx.click_ids = clickIds;
  const campaign = mergeMarketing(ctx.campaign, fromPage.campaign, request.url_marketing.campaign);
  if (campaign) ctx.campaign = campaign;
  // Cross-domain link tokens never travel on (docs/identity.md); only a verified one links ids.
  if (isRecord(ctx.page)) {
    const page: Obj = { ...ctx.page };
    for (const f of ['url', 'search', 'referrer'])
      if (typeof page[f] === 'string') page[f] = stripLinkParam(page[f]);
    ctx.page = page;
  }
  delete ctx.identity_hop;
  if (o.identity?.hop) ctx.identity_hop = { anonymous_id: o.identity.hop };
  if (o.identity) {
    const fbclid = clickIds?.fbclid;
    if (typeof fbclid === 'string') o.identity.noteFbclid(fbclid);
    ctx.vendor_ids = {
      ...(isRecord(ctx.vendor_ids) ? ctx.vendor_ids : {}),
      ...o.identity.vendor_ids,
    };
  }
  return ctx;
}

/**
 * The validation error for one event: 400 naming the first problem's field (413 when the
 * problem is its size), all problems in `details.issues`.
 *
 * @example throw invalidEvent([{ field: 'event', message: 'track events need an "event" name' }])
 */
export function invalidEvent(issues: FieldIssue[], prefix = ''): DataflyError {
  const first = issues[0] ?? { field: '(event)', message: 'is invalid' };
  const field = prefix + first.field;
  const issuesOut = issues.map((i) => ({ field: prefix + i.field, message: i.message }));
  return new DataflyError(
    first.tooLarge ? 'payload_too_large' : 'invalid_request',
    `${field}: ${first.message}`,
    { field, details: { issues: issuesOut } },
  );
}

/**
 * The bridge record for an envelope, keyed so one visitor's events stay ordered.
 *
 * @example toRecord(envelope) // → { key: envelope.anonymous_id, value: envelope }
 */
export function toRecord(envelope: Envelope): BridgeRecord {
  return { key: envelope.anonymous_id ?? envelope.user_id ?? envelope.event_id, value: envelope };
}

/**
 * Forward one envelope and answer only once it is stored; otherwise throw 503.
 *
 * @example return c.json(await forwardOne(c.get('bridge'), envelope)) // → { ok: true, event_id }
 */
export async function forwardOne(
  bridge: BridgeClient,
  envelope: Envelope,
): Promise<{ ok: true; event_id: string }> {
  const [outcome] = await bridge.send([toRecord(envelope)]);
  if (!outcome?.ok) {
    throw new DataflyError(
      'upstream_unavailable',
      outcome?.message ?? 'not stored by the event log; retry later',
      { retryAfter: RETRY_AFTER_SECONDS },
    );
  }
  return { ok: true, event_id: envelope.event_id };
}

/**
 * Read a single-event body: a JSON object (arrays belong to /v1/batch).
 *
 * @example const raw = singleEvent(parseJsonBody(c.get('rawBody')))
 */
export function singleEvent(value: unknown): Obj {
  if (!isRecord(value)) {
    throw new DataflyError(
      'invalid_request',
      Array.isArray(value)
        ? 'expected one event object; send several events to /v1/batch'
        : 'expected a JSON object',
      { field: '(body)' },
    );
  }
  return value;
}
