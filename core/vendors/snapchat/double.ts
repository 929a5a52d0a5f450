/**
 * Local contract double for the Snapchat Conversions API v3 (docs/vendors/ads-analytics-warehouse.md §6 "Test double notes"):
 * `/v3/{asset}/events` and `/v3/{asset}/events/validate`, token as the `access_token` query
 * parameter, and the validate endpoint's six checks — required fields, purchase value and
 * currency, hashed IP, timestamp unit and range (seconds or ms, ≤ 37 days old), unhashed PII,
 * insufficient PII. Answers `{"status":"SUCCESS"}` or 400 `{"status":"INVALID","reason":…}`.
 *
 * @example
 * const d = await startDouble({ accessToken: 't', now: () => Date.parse('2026-01-01T12:00:00Z') });
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
  SNAPCHAT_ACTION_SOURCES,
  SNAPCHAT_EVENT_ENUM,
  SNAPCHAT_HASHED_KEYS,
  SNAPCHAT_MAX_AGE_MS,
  SNAPCHAT_MAX_BATCH,
} from './declaration.js';
import { snapEventProblem } from './hooks.js';
import { isRecord } from '../../json/index.js';

const PATH = /^\/v3\/([A-Za-z0-9-]+)\/events(\/validate)?$/;
const EVENT_NAMES = new Set<string>(SNAPCHAT_EVENT_ENUM);
const ACTION_SOURCES = new Set<string>(SNAPCHAT_ACTION_SOURCES);
/** How far in the future an event time may be (clock skew). */
const FUTURE_SLACK_MS = 10 * 60 * 1000;

const snap = (status: number, body: Record<string, unknown>): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const invalid = (reason: string): Answer => snap(400, { status: 'INVALID', reason });

/** Snap-shaped answers for failure injection. */
export const snapchatAnswers = {
  tooManyRequests: (seconds: number): Responder => answers.tooManyRequests(seconds),
  unauthorized: (): Responder => () =>
    snap(401, { status: 'UNAUTHORIZED', reason: 'Invalid access token' }),
  unavailable: (): Responder => () => snap(503, { status: 'ERROR', reason: 'Service unavailable' }),
} as const;

function timeProblem(t: unknown, now: number): string | undefined {
  if (typeof t !== 'number' || !Number.isInteger(t)) return 'event_time must be an integer epoch';
  const ms = t >= 1e12 && t < 1e13 ? t : t >= 1e9 && t < 1e10 ? t * 1000 : undefined;
  if (ms === undefined) return 'event_time must be epoch seconds or milliseconds';
  if (ms > now + FUTURE_SLACK_MS) return 'event_time is in the future';
  if (ms < now - SNAPCHAT_MAX_AGE_MS) return 'event_time is older than 37 days';
  return undefined;
}

function eventProblem(ev: unknown, now: number): string | undefined {
  if (!isRecord(ev)) return 'event must be an object';
  if (typeof ev.event_name !== 'string' || !ev.event_name)
    return 'Missing required field event_name';
  if (!EVENT_NAMES.has(ev.event_name.toUpperCase())) return `Unknown event_name ${ev.event_name}`;
  if (typeof ev.action_source !== 'string' || !ACTION_SOURCES.has(ev.action_source))
    return 'action_source must be WEB, MOBILE_APP or OFFLINE';
  const time = timeProblem(ev.event_time, now);
  if (time) return time;
  if (
    ev.event_source_url !== undefined &&
    (typeof ev.event_source_url !== 'string' || !/^https?:\/\//.test(ev.event_source_url))
  )
    return 'event_source_url must include the scheme';
  const u = ev.user_data;
  if (!isRecord(u)) return 'Missing required field user_data';
  if (typeof u.client_ip_address === 'string' && isSha256Hex(u.client_ip_address))
    return 'Invalid hashed IP Address';
  for (const key of SNAPCHAT_HASHED_KEYS) {
    const v = u[key];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    if (!values.every((x) => typeof x === 'string' && isSha256Hex(x)))
      return `Unhashed PII in user_data.${key}`;
  }
  return snapEventProblem(ev);
}

/**
 * Check one request against the v3 contract; the answer Snap would give.
 *
 * @example checkSnapchatRequest(recorded, { now: Date.now() }) // → { status: 200, body: '{"status":"SUCCESS"}' }
 */
export function checkSnapchatRequest(
  req: RecordedRequest,
  opts: { accessToken?: string; now: number },
): Answer {
  const m = PATH.exec(req.path);
  if (!m) return snap(404, { status: 'NOT_FOUND', reason: 'Unknown path' });
  if (req.method !== 'POST') return snap(405, { status: 'INVALID', reason: 'POST only' });
  const token = req.query.get('access_token');
  if (!token || (opts.accessToken !== undefined && token !== opts.accessToken))
    return snap(401, { status: 'UNAUTHORIZED', reason: 'Missing or invalid access_token' });
  const body = req.json;
  if (!isRecord(body) || !Array.isArray(body.data)) return invalid('Missing required field data');
  if (body.data.length === 0 || body.data.length > SNAPCHAT_MAX_BATCH)
    return invalid(`data must hold 1 to ${SNAPCHAT_MAX_BATCH} events`);
  for (let i = 0; i < body.data.length; i++) {
    const problem = eventProblem(body.data[i], opts.now);
    if (problem) return invalid(`data[${i}]: ${problem}`);
  }
  return snap(
    200,
    m[2]
      ? { status: 'VALID', reason: 'Events are valid' }
      : { status: 'SUCCESS', reason: 'Events received' },
  );
}

interface SnapchatDoubleOptions {
  /** When set, any other access_token is refused with 401. */
  accessToken?: string;
  /** The double's clock for the 37-day window (default: the real clock). */
  now?: () => number;
}

/**
 * The double's answer logic as a responder (for socketless contract cases).
 *
 * @example runDoubleCases('snapchat', snapchatResponder({ now: () => 0 }), cases)
 */
export function snapchatResponder(opts: SnapchatDoubleOptions = {}): Responder {
  const now = opts.now ?? Date.now;
  return (req) =>
    checkSnapchatRequest(req, {
      ...(opts.accessToken !== undefined ? { accessToken: opts.accessToken } : {}),
      now: now(),
    });
}

/**
 * Start the Snapchat double on 127.0.0.1, port 0.
 *
 * @example const d = await startDouble(); d.url; d.requests; await d.close();
 */
export function startDouble(opts: SnapchatDoubleOptions = {}): Promise<VendorDouble> {
  return startVendorDouble({ respond: snapchatResponder(opts) });
}
