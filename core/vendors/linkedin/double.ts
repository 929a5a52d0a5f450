/**
 * Local contract double for the LinkedIn Conversions API (docs/vendors/ads-analytics-warehouse.md §7 "Test double notes"): the
 * three required headers, single create (201 + `x-restli-id`) or `X-RestLi-Method: BATCH_CREATE`
 * (200 + per-element statuses), the rule URN, 13-digit millisecond times within 90 days,
 * `amount` as a string, the idType enum and 64-hex `SHA256_EMAIL`. A batch with bad elements is
 * refused whole with 400 and `Index: N, ERROR :: reason` lines, as LinkedIn does.
 *
 * @example
 * const d = await startDouble({ accessToken: 'AQX', now: () => Date.now() });
 * d.once(linkedinAnswers.revokedToken());
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
  LINKEDIN_ID_TYPES,
  LINKEDIN_MAX_AGE_MS,
  LINKEDIN_MAX_BATCH,
  LINKEDIN_PATH,
} from './declaration.js';
import { isRecord } from '../../json/index.js';

const URN = /^urn:lla:llaPartnerConversion:\d+$/;
const ID_TYPES = new Set<string>(LINKEDIN_ID_TYPES);

const li = (status: number, code: string, message: string, serviceErrorCode = 100): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status, serviceErrorCode, code, message }),
});

/** LinkedIn-shaped answers for failure injection. */
export const linkedinAnswers = {
  /** 401 REVOKED_ACCESS_TOKEN (re-authorisation needed). */
  revokedToken: (): Responder => () =>
    li(
      401,
      'REVOKED_ACCESS_TOKEN',
      'The token used in the request has been revoked by the user',
      65601,
    ),
  tooManyRequests: (seconds: number): Responder => answers.tooManyRequests(seconds),
  unavailable: (): Responder => () => li(503, 'SERVICE_UNAVAILABLE', 'Service unavailable'),
} as const;

function elementProblem(el: unknown, now: number): string | undefined {
  if (!isRecord(el)) return 'element must be an object';
  if (typeof el.conversion !== 'string' || !URN.test(el.conversion))
    return '/conversion must be urn:lla:llaPartnerConversion:{id}';
  const at = el.conversionHappenedAt;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 1e12 || at >= 1e13)
    return '/conversionHappenedAt must be epoch milliseconds';
  if (at < now - LINKEDIN_MAX_AGE_MS) return '/conversionHappenedAt is older than 90 days';
  if (at > now + 10 * 60 * 1000) return '/conversionHappenedAt is in the future';
  if (el.eventId !== undefined && (typeof el.eventId !== 'string' || el.eventId.length > 64))
    return '/eventId must be a string of at most 64 characters';
  const value = el.conversionValue;
  if (value !== undefined) {
    if (
      !isRecord(value) ||
      typeof value.currencyCode !== 'string' ||
      !/^[A-Z]{3}$/.test(value.currencyCode)
    )
      return '/conversionValue/currencyCode must be ISO 4217';
    if (typeof value.amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.amount))
      return '/conversionValue/amount must be a decimal string';
  }
  const user = el.user;
  if (!isRecord(user)) return '/user is required';
  const ids = user.userIds ?? [];
  if (!Array.isArray(ids)) return '/user/userIds must be an array';
  for (const id of ids) {
    if (!isRecord(id) || typeof id.idType !== 'string' || !ID_TYPES.has(id.idType))
      return '/user/userIds/idType is not a supported id type';
    if (typeof id.idValue !== 'string' || !id.idValue) return '/user/userIds/idValue is required';
    if (
      id.idType === 'SHA256_EMAIL' &&
      !(isSha256Hex(id.idValue) && id.idValue === id.idValue.toLowerCase())
    )
      return '/user/userIds SHA256_EMAIL must be a lowercase SHA-256 hex digest';
  }
  const info = user.userInfo;
  if (
    info !== undefined &&
    (!isRecord(info) || typeof info.firstName !== 'string' || typeof info.lastName !== 'string')
  )
    return '/user/userInfo needs firstName and lastName';
  if (ids.length === 0 && info === undefined) return '/user needs at least one userId or userInfo';
  return undefined;
}

/**
 * Check one request against the Conversions API contract; the answer LinkedIn would give.
 *
 * @example checkLinkedInRequest(recorded, { now: Date.now() }) // → { status: 200, body: '{"elements":[{"status":201}]}' }
 */
export function checkLinkedInRequest(
  req: RecordedRequest,
  opts: { accessToken?: string; now: number },
): Answer {
  if (req.path !== LINKEDIN_PATH) return li(404, 'NOT_FOUND', `No resource at ${req.path}`);
  if (req.method !== 'POST') return li(405, 'METHOD_NOT_ALLOWED', 'POST only');
  const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!auth || (opts.accessToken !== undefined && auth[1] !== opts.accessToken))
    return li(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
  if (!/^\d{6}$/.test(req.headers['linkedin-version'] ?? ''))
    return li(426, 'VERSION_MISSING', 'A version must be present: LinkedIn-Version: YYYYMM');
  if (req.headers['x-restli-protocol-version'] !== '2.0.0')
    return li(400, 'PROTOCOL_VERSION', 'X-Restli-Protocol-Version: 2.0.0 is required');
  const body = req.json;
  if (req.headers['x-restli-method']?.toUpperCase() === 'BATCH_CREATE') {
    if (!isRecord(body) || !Array.isArray(body.elements))
      return li(400, 'INVALID_BODY', 'BATCH_CREATE needs {"elements":[…]}');
    if (body.elements.length === 0 || body.elements.length > LINKEDIN_MAX_BATCH)
      return li(400, 'INVALID_BODY', `elements must hold 1 to ${LINKEDIN_MAX_BATCH} items`);
    const problems = body.elements.flatMap((el, i) => {
      const p = elementProblem(el, opts.now);
      return p ? [`Index: ${i}, ERROR :: ${p}`] : [];
    });
    if (problems.length)
      return li(400, 'INVALID_BODY', `Batch validation failed:\n${problems.join('\n')}`);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ elements: body.elements.map(() => ({ status: 201 })) }),
    };
  }
  const problem = elementProblem(body, opts.now);
  if (problem) return li(400, 'INVALID_BODY', problem);
  return { status: 201, headers: { 'x-restli-id': 'double-conversion-event' }, body: '' };
}

interface LinkedInDoubleOptions {
  /** When set, any other bearer token is refused with 401. */
  accessToken?: string;
  /** The double's clock for the 90-day window (default: the real clock). */
  now?: () => number;
}

/**
 * The double's answer logic as a responder (for socketless contract cases).
 *
 * @example runDoubleCases('linkedin', linkedinResponder({ now: () => 0 }), cases)
 */
export function linkedinResponder(opts: LinkedInDoubleOptions = {}): Responder {
  const now = opts.now ?? Date.now;
  return (req) =>
    checkLinkedInRequest(req, {
      ...(opts.accessToken !== undefined ? { accessToken: opts.accessToken } : {}),
      now: now(),
    });
}

/**
 * Start the LinkedIn double on 127.0.0.1, port 0.
 *
 * @example const d = await startDouble(); d.url; d.requests; await d.close();
 */
export function startDouble(opts: LinkedInDoubleOptions = {}): Promise<VendorDouble> {
  return startVendorDouble({ respond: linkedinResponder(opts) });
}
