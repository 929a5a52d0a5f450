/**
 * Local contract double for the Google Data Manager API `events:ingest` (docs/vendors/ads-analytics-warehouse.md §3c
 * "Test double notes"), with Google's token endpoint at `/token`: requires a bearer it issued,
 * ≤10 destinations, ≤2000 events, RFC 3339 `eventTimestamp`, destination references that
 * exist, identifiers with exactly one of emailAddress / phoneNumber / address, `encoding` when
 * user data is sent and well-formed 64-hex under HEX, plain 2-letter region codes. Answers
 * 200 `{requestId}` or a Google error with `fieldViolations` (fast-fail). Built on core/doubles.
 *
 * @example
 * const d = await googleAdsDouble.start({ publicKey });
 * // service account token_uri: `${d.url}/token`; settings.endpoint_override: d.url
 */
import { json, type Answer, type RecordedRequest } from '../../doubles/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import {
  googleApiResponder,
  googleError,
  ownUrlDouble,
  type GoogleDoubleOptions,
  type TokenIssuer,
} from '../spec/google-token-double.js';
import { isRecord } from '../../json/index.js';

/** Facts the declaration (index.ts) and this double share. */
export const DATA_MANAGER_SCOPE = 'https://www.googleapis.com/auth/datamanager';
export const DATA_MANAGER_MAX_EVENTS = 2000;
export const DATA_MANAGER_MAX_DESTINATIONS = 10;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const CONSENT = new Set(['CONSENT_GRANTED', 'CONSENT_DENIED', 'CONSENT_STATUS_UNSPECIFIED']);
const SOURCES = new Set(['WEB', 'APP', 'IN_STORE', 'PHONE', 'OTHER']);

function hexOk(v: unknown, encoding: unknown): boolean {
  if (typeof v !== 'string') return false;
  return encoding === 'BASE64'
    ? /^[A-Za-z0-9+/]{43}=$/.test(v)
    : isSha256Hex(v) && v === v.toLowerCase();
}

/** The first contract problem of an ingest body as [field, message], or undefined. */
function ingestProblem(body: unknown): [string, string] | undefined {
  if (!isRecord(body)) return ['', 'body must be a JSON object'];
  const dests = body.destinations;
  if (!Array.isArray(dests) || dests.length === 0)
    return ['destinations', 'REQUIRED_FIELD_MISSING: destinations'];
  if (dests.length > DATA_MANAGER_MAX_DESTINATIONS)
    return ['destinations', 'TOO_MANY_DESTINATIONS'];
  const refs = new Set<string>();
  for (const [i, d] of dests.entries()) {
    if (!isRecord(d) || !isRecord(d.operatingAccount))
      return [`destinations[${i}].operatingAccount`, 'REQUIRED_FIELD_MISSING'];
    if (
      typeof d.operatingAccount.accountId !== 'string' ||
      !/^\d+$/.test(d.operatingAccount.accountId)
    )
      return [`destinations[${i}].operatingAccount.accountId`, 'INVALID_ARGUMENT: digits only'];
    if (typeof d.productDestinationId !== 'string' || !/^\d+$/.test(d.productDestinationId))
      return [`destinations[${i}].productDestinationId`, 'INVALID_CONVERSION_ACTION_ID'];
    if (typeof d.reference === 'string') refs.add(d.reference);
  }
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0)
    return ['events', 'REQUIRED_FIELD_MISSING: events'];
  if (events.length > DATA_MANAGER_MAX_EVENTS)
    return ['events', `at most ${DATA_MANAGER_MAX_EVENTS} events per request`];
  if (body.encoding !== undefined && body.encoding !== 'HEX' && body.encoding !== 'BASE64')
    return ['encoding', 'INVALID_ARGUMENT'];
  for (const [i, e] of events.entries()) {
    const at = `events[${i}]`;
    if (!isRecord(e)) return [at, 'INVALID_ARGUMENT'];
    if (typeof e.eventTimestamp !== 'string' || !RFC3339.test(e.eventTimestamp))
      return [`${at}.eventTimestamp`, 'INVALID_ARGUMENT: eventTimestamp must be RFC 3339'];
    if (e.eventSource !== undefined && !SOURCES.has(e.eventSource as string))
      return [`${at}.eventSource`, 'INVALID_ARGUMENT'];
    const er = e.destinationReferences;
    if (dests.length > 1 && (!Array.isArray(er) || er.length === 0))
      return [`${at}.destinationReferences`, 'REQUIRED_FIELD_MISSING'];
    if (Array.isArray(er) && er.some((r) => !refs.has(r as string)))
      return [`${at}.destinationReferences`, 'INVALID_ARGUMENT: unknown destination reference'];
    if (e.conversionValue !== undefined && typeof e.conversionValue !== 'number')
      return [`${at}.conversionValue`, 'INVALID_ARGUMENT'];
    if (e.currency !== undefined && !/^[A-Z]{3}$/.test(e.currency as string))
      return [`${at}.currency`, 'INVALID_ARGUMENT'];
    if (isRecord(e.consent)) {
      for (const k of ['adUserData', 'adPersonalization'])
        if (e.consent[k] !== undefined && !CONSENT.has(e.consent[k] as string))
          return [`${at}.consent.${k}`, 'INVALID_ARGUMENT'];
    }
    if (e.userData !== undefined) {
      if (body.encoding === undefined)
        return ['encoding', 'REQUIRED_FIELD_MISSING: encoding is required with userData'];
      const ids = isRecord(e.userData) ? e.userData.userIdentifiers : undefined;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 10)
        return [`${at}.userData.userIdentifiers`, 'INVALID_ARGUMENT'];
      for (const [j, u] of ids.entries()) {
        const uat = `${at}.userData.userIdentifiers[${j}]`;
        const keys = isRecord(u) ? Object.keys(u) : [];
        if (keys.length !== 1 || !['emailAddress', 'phoneNumber', 'address'].includes(keys[0]!))
          return [uat, 'INVALID_ARGUMENT: exactly one of emailAddress, phoneNumber, address'];
        const r = u as Record<string, unknown>;
        if (r.address !== undefined) {
          const a = isRecord(r.address) ? r.address : {};
          if (!hexOk(a.givenName, body.encoding) || !hexOk(a.familyName, body.encoding))
            return [
              `${uat}.address`,
              body.encoding === 'BASE64' ? 'INVALID_BASE64_ENCODING' : 'INVALID_HEX_ENCODING',
            ];
          if (typeof a.regionCode !== 'string' || !/^[A-Z]{2}$/.test(a.regionCode))
            return [`${uat}.address.regionCode`, 'INVALID_COUNTRY_CODE'];
          if (typeof a.postalCode !== 'string' || !a.postalCode || isSha256Hex(a.postalCode))
            return [`${uat}.address.postalCode`, 'INVALID_POSTAL_CODE'];
        } else if (!hexOk(r[keys[0]!], body.encoding)) {
          return [
            `${uat}.${keys[0]}`,
            body.encoding === 'BASE64' ? 'INVALID_BASE64_ENCODING' : 'INVALID_SHA256_FORMAT',
          ];
        }
      }
    }
  }
  return undefined;
}

/**
 * The contract as a responder, with its token issuer (audience = `${base}/token`).
 *
 * @example
 * const { respond, issuer } = googleAdsResponder({}, () => double.url);
 */
export function googleAdsResponder(
  opts: GoogleDoubleOptions,
  base: () => string,
): { respond: (req: RecordedRequest) => Answer; issuer: TokenIssuer } {
  let n = 0;
  return googleApiResponder(DATA_MANAGER_SCOPE, /^\/v\d+\/events:ingest$/, opts, base, (req) => {
    if (req.headers['developer-token'] !== undefined)
      return googleError(400, 'INVALID_ARGUMENT', 'the Data Manager API takes no developer-token');
    const p = ingestProblem(req.json);
    if (p) return googleError(400, 'INVALID_ARGUMENT', p[1], { field: p[0] });
    n += 1;
    return json(200, { requestId: `double-${n}` });
  });
}

/**
 * The Data Manager double (`/token` beside the API): `check` for the sandbox, `start(opts)` on a
 * random port of its own.
 *
 * @example const d = await googleAdsDouble.start(); d.issuer.issued() // → tokens handed out so far
 */
export const googleAdsDouble = ownUrlDouble(googleAdsResponder);
