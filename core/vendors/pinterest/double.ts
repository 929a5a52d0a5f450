/**
 * Local contract double for the Pinterest Conversions API v5 (docs/vendors/ads-analytics-warehouse.md §5 "Test double notes"):
 * Bearer auth, numeric ad account in the path, `data` of 1–1000 events, snake_case event names,
 * `event_time` in seconds, hashed user fields as arrays of lowercase 64-hex, IP/UA/click id as
 * plain strings, `value`/`item_price` as strings. Request-level problems answer 4xx; event-level
 * problems answer 200 with that event `failed` in `events[]` (request order), like Pinterest.
 *
 * @example
 * const d = await startDouble({ accessToken: 'pina_x' });
 * d.once(answers.tooManyRequests(5));
 * await d.close();
 */
import {
  answers,
  startVendorDouble,
  type Answer,
  type RecordedRequest,
  type Responder,
  type VendorDouble,
} from '../../doubles/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import {
  PINTEREST_ACTION_SOURCES,
  PINTEREST_EVENT_ENUM,
  PINTEREST_HASHED_KEYS,
  PINTEREST_IDENTITY_REASON,
  PINTEREST_MAX_BATCH,
} from './declaration.js';
import { isRecord } from '../../json/index.js';

/** Pinterest's minimum identity: an email, a hashed mobile id, or IP + user agent together. */
function pinterestIdentityProblem(userData: unknown): string | undefined {
  const u = (userData ?? {}) as Record<string, unknown>;
  if (u.em || u.hashed_maids || (u.client_ip_address && u.client_user_agent)) return undefined;
  return PINTEREST_IDENTITY_REASON;
}

const PATH = /^\/v5\/ad_accounts\/(\d+)\/events$/;
const EVENT_NAMES = new Set<string>(PINTEREST_EVENT_ENUM);
const ACTION_SOURCES = new Set<string>(PINTEREST_ACTION_SOURCES);

const jsonAnswer = (status: number, body: unknown): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const error = (status: number, code: number, message: string): Answer =>
  jsonAnswer(status, { code, message });

/** Pinterest-shaped answers for failure injection. */
export const pinterestAnswers = {
  /** 429 with Retry-After seconds. */
  tooManyRequests: (seconds: number): Responder => answers.tooManyRequests(seconds),
  /** 401 as for an expired or revoked token. */
  unauthorized: (): Responder => () => error(401, 2, 'Authentication failed.'),
  /** 503 from the API. */
  unavailable: (): Responder => () => error(503, 8, 'Service unavailable'),
} as const;

/** Why one event breaks the contract (→ `failed` in `events[]`), or undefined. */
function eventProblem(ev: unknown): string | undefined {
  if (!isRecord(ev)) return 'event must be an object';
  if (typeof ev.event_name !== 'string' || !EVENT_NAMES.has(ev.event_name))
    return `event_name "${String(ev.event_name)}" is not a Pinterest event name`;
  if (typeof ev.action_source !== 'string' || !ACTION_SOURCES.has(ev.action_source))
    return 'action_source must be web, app_android, app_ios or offline';
  const t = ev.event_time;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 1e9 || t >= 1e10)
    return 'event_time must be Unix seconds (10 digits)';
  if (typeof ev.event_id !== 'string' || !ev.event_id) return 'event_id is required';
  const u = ev.user_data;
  if (!isRecord(u)) return 'user_data is required';
  for (const key of PINTEREST_HASHED_KEYS) {
    const v = u[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) return `user_data.${key} must be an array`;
    if (!v.every((x) => typeof x === 'string' && isSha256Hex(x) && x === x.toLowerCase()))
      return `user_data.${key} must hold lowercase SHA-256 hex digests`;
  }
  for (const key of ['client_ip_address', 'client_user_agent', 'click_id'] as const) {
    if (u[key] !== undefined && typeof u[key] !== 'string')
      return `user_data.${key} must be a plain string`;
  }
  const identity = pinterestIdentityProblem(u);
  if (identity) return identity;
  const c = ev.custom_data;
  if (c !== undefined) {
    if (!isRecord(c)) return 'custom_data must be an object';
    if (c.value !== undefined && typeof c.value !== 'string')
      return 'custom_data.value must be a string';
    if (c.contents !== undefined) {
      if (!Array.isArray(c.contents)) return 'custom_data.contents must be an array';
      for (const item of c.contents) {
        if (!isRecord(item)) return 'custom_data.contents[] must be objects';
        if (item.item_price !== undefined && typeof item.item_price !== 'string')
          return 'custom_data.contents[].item_price must be a string';
        if (item.quantity !== undefined && !Number.isInteger(item.quantity))
          return 'custom_data.contents[].quantity must be an integer';
      }
    }
  }
  return undefined;
}

/**
 * Check one request against the Conversions API contract; the answer Pinterest would give.
 *
 * @example checkPinterestRequest(recorded) // → { status: 200, body: '{"num_events_received":1,…}' }
 */
export function checkPinterestRequest(
  req: RecordedRequest,
  opts: { accessToken?: string } = {},
): Answer {
  if (!PATH.test(req.path)) return error(404, 404, 'Not found');
  if (req.method !== 'POST') return error(405, 405, 'Method not allowed');
  const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!auth || (opts.accessToken !== undefined && auth[1] !== opts.accessToken))
    return error(401, 2, 'Authentication failed.');
  const test = req.query.get('test');
  if (test !== null && test !== 'true' && test !== 'false')
    return error(400, 1, 'test must be true or false');
  const body = req.json;
  if (!isRecord(body) || !Array.isArray(body.data)) return error(400, 1, 'data is required');
  if (body.data.length === 0 || body.data.length > PINTEREST_MAX_BATCH)
    return error(400, 1, `data must hold 1 to ${PINTEREST_MAX_BATCH} events`);
  const events = body.data.map((ev) => {
    const problem = eventProblem(ev);
    return problem
      ? { status: 'failed', error_message: problem, warning_message: '' }
      : { status: 'processed', error_message: '', warning_message: '' };
  });
  return jsonAnswer(200, {
    num_events_received: events.length,
    num_events_processed: events.filter((e) => e.status === 'processed').length,
    events,
  });
}

interface PinterestDoubleOptions {
  /** When set, any other bearer token is refused with 401. */
  accessToken?: string;
}

/**
 * The double's answer logic as a responder (for socketless contract cases).
 *
 * @example runDoubleCases('pinterest', pinterestResponder(), cases)
 */
export function pinterestResponder(opts: PinterestDoubleOptions = {}): Responder {
  return (req) => checkPinterestRequest(req, opts);
}

/**
 * Start the Pinterest double on 127.0.0.1, port 0.
 *
 * @example const d = await startDouble(); d.url; d.requests; await d.close();
 */
export function startDouble(opts: PinterestDoubleOptions = {}): Promise<VendorDouble> {
  return startVendorDouble({ respond: pinterestResponder(opts) });
}
