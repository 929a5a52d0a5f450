/**
 * Local contract double for the Meta Conversions API (docs/vendors/ads-analytics-warehouse.md §2 "Test double notes"):
 * checks method/path, `access_token`, the `data` array (≤1000), each event's required fields,
 * `event_time` in seconds within [now−7 d (62 d for physical_store), now+60 s], the hashed
 * user_data keys as lowercase 64-hex, fbc/fbp format, Purchase value+currency. Answers like
 * Meta: 200 `{events_received}` or 400 with a Graph `error` body. Built on core/doubles.
 *
 * @example
 * const d = await startMetaDouble({ now: () => Date.parse('2026-01-01T12:00:00Z') });
 * d.once(metaAnswers.throttled());
 * await d.close();
 */
import {
  startVendorDouble,
  type Answer,
  type RecordedRequest,
  type Responder,
  type VendorDouble,
} from '../../doubles/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import { META_MAX_BATCH } from './declaration.js';
import { isRecord } from '../../json/index.js';

const HASHED = [
  'em',
  'ph',
  'fn',
  'ln',
  'ge',
  'db',
  'ct',
  'st',
  'zp',
  'country',
  'external_id',
] as const;
const ACTION_SOURCES = new Set([
  'website',
  'app',
  'email',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'other',
  'business_messaging',
]);
const COOKIE = /^fb\.\d\.\d{13}\..+/;
const DAY = 86_400;

const graphError = (status: number, code: number, message: string, subcode?: number): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      is_transient: false,
      fbtrace_id: 'double',
    },
  }),
});

/** Meta-shaped failure answers for injection. */
export const metaAnswers = {
  throttled: (): Responder => () => graphError(400, 17, 'User request limit reached'),
  tokenExpired: (): Responder => () => graphError(400, 190, 'Error validating access token', 463),
  temporary: (): Responder => () =>
    graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.'),
} as const;

function eventProblem(ev: unknown, i: number, nowS: number): string | undefined {
  const at = `data[${i}]`;
  if (!isRecord(ev)) return `${at} is not an object`;
  if (typeof ev.event_name !== 'string' || !ev.event_name) return `${at}.event_name is required`;
  const t = ev.event_time;
  if (typeof t !== 'number' || !Number.isInteger(t))
    return `${at}.event_time must be an integer (Unix seconds)`;
  if (t >= 1e11) return `${at}.event_time looks like milliseconds; Meta wants seconds`;
  const maxAge = ev.action_source === 'physical_store' ? 62 * DAY : 7 * DAY;
  if (t < nowS - maxAge) return `${at}.event_time is too old`;
  if (t > nowS + 60) return `${at}.event_time is in the future`;
  if (typeof ev.action_source !== 'string' || !ACTION_SOURCES.has(ev.action_source))
    return `${at}.action_source is invalid`;
  const ud = ev.user_data;
  if (!isRecord(ud)) return `${at}.user_data is required`;
  if (ev.action_source === 'website') {
    if (typeof ev.event_source_url !== 'string' || !ev.event_source_url)
      return `${at}.event_source_url is required for website events`;
    if (typeof ud.client_user_agent !== 'string' || !ud.client_user_agent)
      return `${at}.user_data.client_user_agent is required for website events`;
  }
  for (const key of HASHED) {
    const v = ud[key];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    if (!values.every((x) => typeof x === 'string' && isSha256Hex(x) && x === x.toLowerCase()))
      return `${at}.user_data.${key} must be SHA-256 hashed (lowercase hex)`;
  }
  for (const key of ['fbc', 'fbp'] as const) {
    const v = ud[key];
    if (v !== undefined && (typeof v !== 'string' || !COOKIE.test(v)))
      return `${at}.user_data.${key} is malformed`;
  }
  if (ev.event_name === 'Purchase') {
    const cd = isRecord(ev.custom_data) ? ev.custom_data : {};
    if (typeof cd.value !== 'number' || typeof cd.currency !== 'string')
      return `${at}: Purchase needs custom_data.value (number) and custom_data.currency`;
  }
  return undefined;
}

interface MetaDoubleOptions {
  /** The double's clock for the event_time window (default: Date.now). */
  now?: () => number;
}

/**
 * The contract check as a responder (usable on any core/doubles double).
 *
 * @example
 * startVendorDouble({ respond: metaResponder() })
 */
export function metaResponder(opts: MetaDoubleOptions = {}): Responder {
  const now = opts.now ?? Date.now;
  return (req) => checkMetaRequest(req, now());
}

/**
 * Check one request against the Conversions API contract; the answer Meta would give.
 *
 * @example checkMetaRequest(recorded, Date.now()) // → { status: 200, body: '{"events_received":1,…}' }
 */
export function checkMetaRequest(req: RecordedRequest, nowMs: number): Answer {
  if (req.method !== 'POST') return graphError(400, 100, `Unsupported ${req.method} request`);
  if (!/^\/v\d+\.\d+\/\d+\/events$/.test(req.path))
    return graphError(400, 100, `Unknown path ${req.path}`);
  let body: unknown = req.json;
  if (body === undefined && req.body) {
    const form = new URLSearchParams(req.body);
    try {
      body = {
        data: JSON.parse(form.get('data') ?? ''),
        access_token: form.get('access_token') ?? undefined,
      };
    } catch {
      return graphError(400, 100, 'data must be a JSON array');
    }
  }
  const token = req.query.get('access_token') ?? (isRecord(body) ? body.access_token : undefined);
  if (typeof token !== 'string' || !token)
    return graphError(400, 190, 'An access token is required');
  if (!isRecord(body) || !Array.isArray(body.data))
    return graphError(400, 100, 'data must be an array');
  if (body.data.length === 0 || body.data.length > META_MAX_BATCH)
    return graphError(400, 100, `data must hold 1..${META_MAX_BATCH} events`);
  const nowS = Math.floor(nowMs / 1000);
  for (let i = 0; i < body.data.length; i++) {
    const why = eventProblem(body.data[i], i, nowS);
    if (why)
      return graphError(
        400,
        100,
        `Invalid parameter: ${why}`,
        why.includes('too old') ? 2804003 : 2804001,
      );
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events_received: body.data.length, messages: [], fbtrace_id: 'double' }),
  };
}

/**
 * Start a Meta double on a random port.
 *
 * @example
 * const d = await startMetaDouble(); // settings: { endpoint_override: d.url, … }
 */
export function startMetaDouble(opts: MetaDoubleOptions = {}): Promise<VendorDouble> {
  return startVendorDouble({ respond: metaResponder(opts) });
}
