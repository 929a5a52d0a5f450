/**
 * Local contract double for The Trade Desk real-time conversions (docs/vendors/ads-analytics-warehouse.md §8 "Test double notes";
 * field-level facts are [oss/3p]): POST `/track/realtimeconversion`, `data` an array of
 * conversions each with `tracker_id` (or `pixel_id` with `adv`), `adid_type` from the enum when
 * `adid` is present, GUID shape for TDID and `imp`, numeric `value`, no hashed PII. Answers 200
 * `{}`; 400 with a message otherwise. Failure injection via `ttdAnswers`.
 *
 * @example
 * const d = await startDouble();
 * d.once(ttdAnswers.unavailable());
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
import { TTD_ID_TYPES, TTD_MAX_BATCH, TTD_PATH } from './declaration.js';
import { isGuid } from './hooks.js';
import { isRecord } from '../../json/index.js';

const ID_TYPES = new Set<string>(TTD_ID_TYPES);

const bad = (message: string): Answer => ({
  status: 400,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ Message: message }),
});

/** TTD-shaped answers for failure injection. */
export const ttdAnswers = {
  badRequest:
    (message = 'Invalid request'): Responder =>
    () =>
      bad(message),
  tooManyRequests: (seconds: number): Responder => answers.tooManyRequests(seconds),
  unavailable: (): Responder => answers.status(503, { Message: 'Service unavailable' }),
} as const;

function conversionProblem(c: unknown, i: number): string | undefined {
  const at = `data[${i}]`;
  if (!isRecord(c)) return `${at} must be an object`;
  const hasTracker = typeof c.tracker_id === 'string' && c.tracker_id !== '';
  const hasPixel =
    typeof c.pixel_id === 'string' &&
    c.pixel_id !== '' &&
    typeof c.adv === 'string' &&
    c.adv !== '';
  if (!hasTracker && !hasPixel) return `${at} needs tracker_id, or pixel_id with adv`;
  if (c.adid !== undefined || c.adid_type !== undefined) {
    if (typeof c.adid !== 'string' || !c.adid) return `${at}.adid is required with adid_type`;
    if (typeof c.adid_type !== 'string' || !ID_TYPES.has(c.adid_type))
      return `${at}.adid_type must be one of ${TTD_ID_TYPES.join(', ')}`;
    if (c.adid_type === 'TDID' && !isGuid(c.adid))
      return `${at}.adid must be a 36-character GUID for TDID`;
  }
  if (c.imp !== undefined && (typeof c.imp !== 'string' || !isGuid(c.imp)))
    return `${at}.imp must be a 36-character GUID`;
  if (c.value !== undefined && typeof c.value !== 'number') return `${at}.value must be a number`;
  if (
    c.currency !== undefined &&
    (typeof c.currency !== 'string' || !/^[A-Z]{3}$/.test(c.currency))
  )
    return `${at}.currency must be ISO 4217`;
  if (c.items !== undefined) {
    if (!Array.isArray(c.items)) return `${at}.items must be an array`;
    for (const item of c.items) {
      if (!isRecord(item)) return `${at}.items[] must be objects`;
      if (item.qty !== undefined && !Number.isInteger(item.qty))
        return `${at}.items[].qty must be an integer`;
      if (item.price !== undefined && typeof item.price !== 'number')
        return `${at}.items[].price must be a number`;
    }
  }
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string' && isSha256Hex(v) && k !== 'adid')
      return `${at}.${k} looks like hashed PII; this endpoint takes no hashed PII`;
  }
  return undefined;
}

/**
 * Check one request against the real-time conversion contract.
 *
 * @example checkTradeDeskRequest(recorded) // → { status: 200, body: '{}' }
 */
export function checkTradeDeskRequest(req: RecordedRequest): Answer {
  if (req.path !== TTD_PATH)
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
  if (req.method !== 'POST')
    return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'Method Not Allowed' };
  const body = req.json;
  if (!isRecord(body) || !Array.isArray(body.data))
    return bad('data must be an array of conversions');
  if (body.data.length === 0 || body.data.length > TTD_MAX_BATCH)
    return bad(`data must hold 1 to ${TTD_MAX_BATCH} conversions`);
  for (let i = 0; i < body.data.length; i++) {
    const problem = conversionProblem(body.data[i], i);
    if (problem) return bad(problem);
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
}

/** The double's answer logic as a responder (for socketless contract cases). */
export const ttdResponder = (): Responder => checkTradeDeskRequest;

/**
 * Start The Trade Desk double on 127.0.0.1, port 0.
 *
 * @example const d = await startDouble(); d.url; d.requests; await d.close();
 */
export function startDouble(): Promise<VendorDouble> {
  return startVendorDouble({ respond: checkTradeDeskRequest });
}
