/**
 * Contract double for the Amazon Ads Conversions API with Login with Amazon's token endpoint beside
 * it (so it runs on its own server, like Google's): `POST /auth/o2/token` takes a refresh-token grant
 * with client id and secret in the form and issues a token; `POST /events/v1` requires that token as
 * Bearer, the `Amazon-Advertising-API-ClientID` and `Amazon-Ads-AccountId` headers, 1–500 events with
 * name, a known eventType, eventActionSource, a two-letter countryCode, an ISO timestamp and match keys
 * whose hashed values are lowercase SHA-256, and answers 207 with `success[]` / `error[]` (1-based
 * `index`), as Amazon does.
 */
import { randomBytes } from 'node:crypto';
import { startVendorDouble, type Answer, type RecordedRequest } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import type { SpecDouble } from '../spec/double.js';

const TYPES = new Set([
  'ADD_TO_SHOPPING_CART',
  'APPLICATION',
  'CHECKOUT',
  'CONTACT',
  'LEAD',
  'OFF_AMAZON_PURCHASES',
  'MOBILE_APP_FIRST_START',
  'PAGE_VIEW',
  'SEARCH',
  'SIGN_UP',
  'SUBSCRIBE',
  'OTHER',
]);
const json = (status: number, body: unknown): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The first problem of one event, or undefined. */
function eventProblem(e: unknown): string | undefined {
  if (!isRecord(e)) return 'event must be an object';
  if (typeof e.name !== 'string' || !e.name) return 'name is required';
  if (!TYPES.has(e.eventType as string)) return `eventType ${String(e.eventType)} is not supported`;
  if (
    e.eventActionSource !== 'WEBSITE' &&
    e.eventActionSource !== 'ANDROID' &&
    e.eventActionSource !== 'IOS' &&
    e.eventActionSource !== 'OFFLINE'
  )
    return 'eventActionSource is not supported';
  if (typeof e.countryCode !== 'string' || !/^[A-Z]{2}$/.test(e.countryCode))
    return 'countryCode must be ISO 3166-1 alpha-2';
  if (typeof e.timestamp !== 'string' || Number.isNaN(Date.parse(e.timestamp)))
    return 'timestamp must be ISO 8601';
  if (!Array.isArray(e.matchKeys) || e.matchKeys.length === 0 || e.matchKeys.length > 11)
    return 'matchKeys must hold 1 to 11 keys';
  for (const k of e.matchKeys) {
    if (!isRecord(k) || !Array.isArray(k.values) || k.values.length !== 1)
      return 'a match key holds exactly one value';
    const v = k.values[0];
    if (
      k.type !== 'MAID' &&
      k.type !== 'RAMP_ID' &&
      k.type !== 'MATCH_ID' &&
      !(typeof v === 'string' && isSha256Hex(v) && v === v.toLowerCase())
    )
      return `${String(k.type)} must be lowercase SHA-256 hex`;
  }
  return undefined;
}

/** A request checker with its own issued tokens. */
function checker(): (req: RecordedRequest) => Answer {
  const issued = new Set<string>();
  return (req) => {
    if (req.method !== 'POST') return json(405, { message: `${req.method} is not allowed` });
    if (req.path === '/auth/o2/token') {
      const form = new URLSearchParams(req.body);
      if (
        form.get('grant_type') !== 'refresh_token' ||
        !form.get('refresh_token') ||
        !form.get('client_id') ||
        !form.get('client_secret')
      )
        return json(400, { error: 'invalid_request' });
      const token = `Atza|${randomBytes(8).toString('hex')}`;
      issued.add(token);
      return json(200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: form.get('refresh_token'),
      });
    }
    if (req.path !== '/events/v1') return json(404, { message: `no such endpoint ${req.path}` });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.has(bearer))
      return json(401, {
        code: 'UNAUTHORIZED',
        details: 'Not authorized to access this advertiser',
      });
    if (!req.headers['amazon-advertising-api-clientid'] || !req.headers['amazon-ads-accountid'])
      return json(400, {
        code: 'BAD_REQUEST',
        details: 'Amazon-Advertising-API-ClientID and Amazon-Ads-AccountId are required',
      });
    const body = req.json;
    if (
      !isRecord(body) ||
      body.ingestionMethod !== 'SERVER_TO_SERVER' ||
      !Array.isArray(body.eventData)
    )
      return json(400, {
        code: 'BAD_REQUEST',
        details: 'eventData and ingestionMethod are required',
      });
    if (body.eventData.length === 0 || body.eventData.length > 500)
      return json(400, { code: 'BAD_REQUEST', details: 'eventData must hold 1 to 500 events' });
    const success: unknown[] = [];
    const error: unknown[] = [];
    body.eventData.forEach((e, i) => {
      const problem = eventProblem(e);
      if (problem)
        error.push({
          index: i + 1,
          httpStatusCode: '400',
          subErrors: [{ errorCode: 'INVALID_ARGUMENT', errorMessage: problem }],
        });
      else success.push({ index: i + 1, event: e });
    });
    return json(207, { success, error });
  };
}

/** The Amazon Ads double (its own server: the token endpoint sits beside the API). */
export const amazonAdsDouble: SpecDouble = {
  check: checker(),
  inBodyProblems: (text) => {
    try {
      const body = JSON.parse(text) as {
        error?: { index: number; subErrors?: { errorMessage?: string }[] }[];
      };
      return (body.error ?? []).map(
        (e) => `eventData[${e.index - 1}]: ${e.subErrors?.[0]?.errorMessage ?? 'rejected'}`,
      );
    } catch {
      return [];
    }
  },
  start: () => startVendorDouble({ respond: checker() }),
};
