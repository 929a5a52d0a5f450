/**
 * How LinkedIn's contract double answers (docs/vendors/ads-analytics-warehouse.md §7 "Test double
 * notes"): the declaration's double takes `/rest/conversionEvents` with a bearer token; this adds
 * the `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0` headers, single create (201 +
 * `x-restli-id`) beside `X-RestLi-Method: BATCH_CREATE` (1–5000 elements, 200 with one 201 per
 * element), each element's rule URN, 13-digit millisecond time within 90 days, string `amount`,
 * id types and lowercase SHA-256 `SHA256_EMAIL`; a batch with bad elements is refused whole with
 * `Index: N, ERROR :: reason` lines, as LinkedIn does.
 *
 * @example startSpecDouble(linkedinDeclaration, { ...linkedinDouble, token: 'AQX' })
 */
import { json, type Answer, type RecordedRequest } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import { timeProblem, type DoubleStyle } from '../spec/double.js';

/** `user.userIds[].idType` values. */
export const LINKEDIN_ID_TYPES = [
  'SHA256_EMAIL',
  'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID',
  'ACXIOM_ID',
  'ORACLE_MOAT_ID',
] as const;

const URN = /^urn:lla:llaPartnerConversion:\d+$/;
const ID_TYPES = new Set<unknown>(LINKEDIN_ID_TYPES);
const CODES: Record<string, string> = {
  path: 'NOT_FOUND',
  method: 'METHOD_NOT_ALLOWED',
  auth: 'INVALID_ACCESS_TOKEN',
};

const li = (status: number, code: string, message: string, serviceErrorCode = 100): Answer =>
  json(status, { status, serviceErrorCode, code, message });
const batch = (req: RecordedRequest): boolean =>
  req.headers['x-restli-method']?.toUpperCase() === 'BATCH_CREATE';

/** LinkedIn's headers, wording, answers and element checks. */
export const linkedinDouble: DoubleStyle = {
  fields: false,
  say: {
    path: 'No resource at {path}',
    method: 'POST only',
    auth: 'Invalid access token',
    body: 'elements must hold 1 to {max} items',
    count: 'elements must hold 1 to {max} items',
  },
  error: (status, message, why) =>
    li(status, CODES[why] ?? 'INVALID_BODY', message, why === 'auth' ? 65600 : 100),
  request(req) {
    if (!/^\d{6}$/.test(req.headers['linkedin-version'] ?? ''))
      return li(426, 'VERSION_MISSING', 'A version must be present: LinkedIn-Version: YYYYMM');
    if (req.headers['x-restli-protocol-version'] !== '2.0.0')
      return li(400, 'PROTOCOL_VERSION', 'X-Restli-Protocol-Version: 2.0.0 is required');
    return undefined;
  },
  items: (body, req) => (batch(req) ? undefined : [body]),
  answer(problems, req) {
    const bad = problems.flatMap((p, i) => (p ? [`Index: ${i}, ERROR :: ${p}`] : []));
    if (!batch(req))
      return problems[0]
        ? li(400, 'INVALID_BODY', problems[0])
        : { status: 201, headers: { 'x-restli-id': 'double-conversion-event' }, body: '' };
    return bad.length
      ? li(400, 'INVALID_BODY', `Batch validation failed:\n${bad.join('\n')}`)
      : json(200, { elements: problems.map(() => ({ status: 201 })) });
  },
  extraCheck(el, { now }) {
    if (typeof el.conversion !== 'string' || !URN.test(el.conversion))
      return '/conversion must be urn:lla:llaPartnerConversion:{id}';
    const time = timeProblem(el.conversionHappenedAt, 'ms', { now, days: 90 });
    if (time) return `/conversionHappenedAt ${time}`;
    if (el.eventId !== undefined && (typeof el.eventId !== 'string' || el.eventId.length > 64))
      return '/eventId must be a string of at most 64 characters';
    if (el.conversionValue !== undefined) {
      const { currencyCode, amount } = isRecord(el.conversionValue) ? el.conversionValue : {};
      if (!/^[A-Z]{3}$/.test(String(currencyCode)))
        return '/conversionValue/currencyCode must be ISO 4217';
      if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount))
        return '/conversionValue/amount must be a decimal string';
    }
    if (!isRecord(el.user)) return '/user is required';
    const ids = el.user.userIds ?? [];
    if (!Array.isArray(ids)) return '/user/userIds must be an array';
    for (const id of ids) {
      const { idType, idValue } = isRecord(id) ? id : {};
      if (!ID_TYPES.has(idType)) return '/user/userIds/idType is not a supported id type';
      if (typeof idValue !== 'string' || !idValue) return '/user/userIds/idValue is required';
      if (idType === 'SHA256_EMAIL' && !(isSha256Hex(idValue) && idValue === idValue.toLowerCase()))
        return '/user/userIds SHA256_EMAIL must be a lowercase SHA-256 hex digest';
    }
    const info = el.user.userInfo;
    if (
      info !== undefined &&
      !(isRecord(info) && typeof info.firstName === 'string' && typeof info.lastName === 'string')
    )
      return '/user/userInfo needs firstName and lastName';
    return ids.length === 0 && info === undefined
      ? '/user needs at least one userId or userInfo'
      : undefined;
  },
};
