/**
 * Local contract double for the GA4 Measurement Protocol (docs/vendors/ads-analytics-warehouse.md §1 "Test double
 * notes"): `/mp/collect` checks the query (api_secret and exactly one of measurement_id /
 * firebase_app_id) and answers 204 whatever the body, like GA4; `/debug/mp/collect` answers 200
 * with `validationMessages` computed from the documented rules. Built on core/doubles.
 *
 * @example
 * const d = await startDouble('ga4'); // core/vendors/testing/doubles.ts
 * ga4ValidationMessages(JSON.parse(d.requests[0].body)) // → [] for a valid payload
 */
import { json, type Answer, type RecordedRequest } from '../../doubles/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import { GA4_MAX_BODY_BYTES, GA4_MAX_EVENTS, ga4NameProblem, ga4ParamsProblem } from './rules.js';
import { isRecord } from '../../json/index.js';

const hex = (v: unknown): v is string => typeof v === 'string' && isSha256Hex(v);

interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: string;
}

/**
 * The validation server's messages for a payload (empty = valid).
 *
 * @example
 * ga4ValidationMessages({ events: [] })[0].validationCode // → 'VALUE_REQUIRED'
 */
export function ga4ValidationMessages(body: unknown, bytes = 0): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  const msg = (fieldPath: string, validationCode: string, description: string): void =>
    void out.push({ fieldPath, validationCode, description });
  /** A `timestamp_micros` that is set and not Unix microseconds. */
  const micros = (at: string, v: unknown): void => {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) > 1e15))
      msg(at, 'VALUE_INVALID', 'timestamp_micros must be Unix microseconds');
  };
  if (bytes >= GA4_MAX_BODY_BYTES)
    msg('', 'VALUE_OUT_OF_BOUNDS', 'body must be smaller than 130 kB');
  if (!isRecord(body)) {
    msg('', 'VALUE_INVALID', 'body must be a JSON object');
    return out;
  }
  if (typeof body.client_id !== 'string' && typeof body.app_instance_id !== 'string')
    msg('client_id', 'VALUE_REQUIRED', 'client_id (web) or app_instance_id (app) is required');
  micros('timestamp_micros', body.timestamp_micros);
  if (body.user_data !== undefined) {
    if (typeof body.user_id !== 'string')
      msg('user_data', 'VALUE_REQUIRED', 'user_data needs user_id');
    const ud = isRecord(body.user_data) ? body.user_data : {};
    for (const k of ['sha256_email_address', 'sha256_phone_number']) {
      const v = ud[k];
      if (v !== undefined && !(Array.isArray(v) && v.every((x) => hex(x) && x === x.toLowerCase())))
        msg(`user_data.${k}`, 'VALUE_INVALID', `${k} must be a list of lowercase SHA-256 hex`);
    }
    (Array.isArray(ud.address) ? ud.address : []).forEach((a, i) => {
      for (const k of ['sha256_first_name', 'sha256_last_name', 'sha256_street']) {
        const v = isRecord(a) ? a[k] : undefined;
        if (v !== undefined && !hex(v))
          msg(`user_data.address[${i}].${k}`, 'VALUE_INVALID', `${k} must be SHA-256 hex`);
      }
    });
  }
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0) {
    msg('events', 'VALUE_REQUIRED', 'events must hold at least one event');
    return out;
  }
  if (events.length > GA4_MAX_EVENTS)
    msg('events', 'EXCEEDED_MAX_ENTITIES', `at most ${GA4_MAX_EVENTS} events per request`);
  events.forEach((e, i) => {
    if (!isRecord(e) || typeof e.name !== 'string')
      return msg(`events[${i}].name`, 'VALUE_REQUIRED', 'event name is required');
    const name = ga4NameProblem(e.name);
    if (name)
      msg(`events[${i}].name`, name.includes('reserved') ? 'NAME_RESERVED' : 'NAME_INVALID', name);
    const p = ga4ParamsProblem(isRecord(e.params) ? e.params : {});
    if (p) msg(`events[${i}].params`, 'VALUE_INVALID', p);
    micros(`events[${i}].timestamp_micros`, e.timestamp_micros);
  });
  return out;
}

/**
 * The contract as a responder.
 *
 * @example
 * startVendorDouble({ respond: ga4Responder() })
 */
export function ga4Responder(): (req: RecordedRequest) => Answer {
  return (req: RecordedRequest): Answer => {
    const debug = req.path === '/debug/mp/collect';
    if (req.method !== 'POST' || (!debug && req.path !== '/mp/collect'))
      return { status: 404, body: 'Not Found' };
    const ids = ['measurement_id', 'firebase_app_id'].filter((k) => req.query.has(k));
    if (!req.query.get('api_secret') || ids.length !== 1)
      return {
        status: 400,
        body: 'api_secret and exactly one of measurement_id or firebase_app_id are required',
      };
    if (!debug) return { status: 204 };
    const validationMessages = ga4ValidationMessages(req.json, Buffer.byteLength(req.body));
    return json(200, { validationMessages });
  };
}
