/**
 * Local contract double for the TikTok Events API 2.0: checks each request the way docs/vendors/ads-analytics-warehouse.md
 * (§4 "Test double notes") describes and answers like TikTok — HTTP 200 with `code` 0 on
 * success, 40001 for a missing/wrong Access-Token, 40002 for an invalid parameter, 40100 when
 * throttled. Built on the shared harness in core/doubles.
 *
 * @example
 * const d = await startDouble({ accessToken: 't' });
 * // point the integration at it: { endpoint_override: d.url, … }
 * d.once(tiktokAnswers.throttled());
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
import { TIKTOK_CODES, TIKTOK_MAX_BATCH, TIKTOK_TRACK_PATH } from './declaration.js';
import { isRecord } from '../../json/index.js';

const HASHED_USER_KEYS = [
  'email',
  'phone',
  'external_id',
  'first_name',
  'last_name',
  'zip_code',
] as const;
const EVENT_SOURCES = new Set(['web', 'app', 'offline', 'crm']);

const tiktok = (code: number, message: string, status = 200): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ code, message, request_id: 'double-request', data: {} }),
});

/** TikTok-shaped answers for failure injection. */
export const tiktokAnswers = {
  /** 200 with in-body code 40100 ("Too many requests"). */
  throttled: (): Responder => () => tiktok(TIKTOK_CODES.tooManyRequests, 'Too many requests'),
  /** 200 with in-body code 40001 (no permission for this pixel). */
  noPermission: (): Responder => () =>
    tiktok(TIKTOK_CODES.noPermission, 'No permission to operate pixel code'),
  /** 200 with a 5xxxx in-body code. */
  internal: (): Responder => () => tiktok(51000, 'Internal service error'),
  /** HTTP 429 with Retry-After (seen in front of the API). */
  tooManyRequests: (seconds: number): Responder => answers.tooManyRequests(seconds),
} as const;

/** Why one `data[]` item breaks the contract, or undefined. */
function itemProblem(item: unknown, i: number): string | undefined {
  const at = `data.${i}`;
  if (!isRecord(item)) return `${at}: Not a valid object`;
  if (typeof item.event !== 'string' || !item.event)
    return `${at}.event: Missing data for required field`;
  const t = item.event_time;
  if (typeof t !== 'number' || !Number.isInteger(t)) return `${at}.event_time: Not a valid integer`;
  if (t >= 1e11) return `${at}.event_time: must be Unix seconds, got a millisecond value`;
  if (t < 1e9) return `${at}.event_time: Not a valid timestamp`;
  const user = item.user;
  if (user !== undefined) {
    if (!isRecord(user)) return `${at}.user: Not a valid object`;
    for (const key of HASHED_USER_KEYS) {
      const v = user[key];
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string' && isSha256Hex(x) && x === x.toLowerCase())) {
        return `${at}.user.${key}: must be a lowercase SHA-256 hex digest`;
      }
    }
  }
  const props = item.properties;
  if (props !== undefined) {
    if (!isRecord(props)) return `${at}.properties: Not a valid object`;
    if (props.value !== undefined && typeof props.value !== 'number')
      return `${at}.properties.value: Not a valid number`;
    if (props.contents !== undefined) {
      if (!Array.isArray(props.contents)) return `${at}.properties.contents: Not a valid list`;
      const bad = props.contents.findIndex(
        (c) => !isRecord(c) || (c.content_id !== undefined && typeof c.content_id !== 'string'),
      );
      if (bad >= 0) return `${at}.properties.contents.${bad}.content_id: Not a valid string`;
    }
  }
  return undefined;
}

/**
 * Check one request against the Events API contract; the answer TikTok would give.
 *
 * @example checkTikTokRequest(recorded, { accessToken: 't' }) // → { status: 200, body: '{"code":0,…}' }
 */
export function checkTikTokRequest(
  req: RecordedRequest,
  opts: { accessToken?: string } = {},
): Answer {
  if (req.path !== TIKTOK_TRACK_PATH)
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
  if (req.method !== 'POST')
    return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'Method Not Allowed' };
  const token = req.headers['access-token'];
  if (!token || (opts.accessToken !== undefined && token !== opts.accessToken)) {
    return tiktok(TIKTOK_CODES.noPermission, 'Access-Token is missing or invalid');
  }
  const body = req.json;
  if (!isRecord(body))
    return tiktok(TIKTOK_CODES.invalidParameter, 'Request body is not a JSON object');
  if (typeof body.event_source !== 'string' || !EVENT_SOURCES.has(body.event_source)) {
    return tiktok(
      TIKTOK_CODES.invalidParameter,
      'event_source: must be one of web, app, offline, crm',
    );
  }
  if (typeof body.event_source_id !== 'string' || !body.event_source_id)
    return tiktok(
      TIKTOK_CODES.invalidParameter,
      'event_source_id: Missing data for required field',
    );
  if (!Array.isArray(body.data) || body.data.length === 0)
    return tiktok(TIKTOK_CODES.invalidParameter, 'data: Missing data for required field');
  if (body.data.length > TIKTOK_MAX_BATCH)
    return tiktok(
      TIKTOK_CODES.invalidParameter,
      `data: Length must be between 1 and ${TIKTOK_MAX_BATCH}`,
    );
  for (let i = 0; i < body.data.length; i++) {
    const problem = itemProblem(body.data[i], i);
    if (problem) return tiktok(TIKTOK_CODES.invalidParameter, problem);
  }
  return tiktok(TIKTOK_CODES.ok, 'OK');
}

interface TikTokDoubleOptions {
  /** When set, any other Access-Token is refused (code 40001). */
  accessToken?: string;
}

/**
 * The double's answer logic as a responder (for socketless contract cases).
 *
 * @example runDoubleCases('tiktok', tiktokResponder(), cases)
 */
export function tiktokResponder(opts: TikTokDoubleOptions = {}): Responder {
  return (req) => checkTikTokRequest(req, opts);
}

/**
 * Start the TikTok double on 127.0.0.1, port 0.
 *
 * @example const d = await startDouble(); d.url; d.requests; await d.close();
 */
export function startDouble(opts: TikTokDoubleOptions = {}): Promise<VendorDouble> {
  return startVendorDouble({ respond: tiktokResponder(opts) });
}
