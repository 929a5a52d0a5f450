/**
 * How Meta's contract double answers (docs/vendors/ads-analytics-warehouse.md §2 "Test double
 * notes"). The declaration's double checks the path (numeric pixel id), `access_token`, `data` of
 * 1–1000 events (a form body with `data` as JSON text too), the required fields and the hashed
 * user_data; this adds Graph `error` bodies (code 190 for the token, else 100 with subcode 2804001,
 * or 2804003 for an old event) and Meta's own event checks: `event_time` in seconds within 7 days
 * (62 for physical_store), a known action_source, well-formed fbc/fbp cookies, a Purchase's value
 * and currency.
 *
 * @example startSpecDouble(metaDeclaration, { ...metaDouble, now: () => Date.parse('2026-01-01T12:00:00Z') })
 */
import { json, type Answer } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { timeProblem, type DoubleStyle } from '../spec/double.js';

export const META_ACTION_SOURCES = [
  'website',
  'app',
  'email',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'other',
] as const;

const ACTION_SOURCES = new Set<unknown>([...META_ACTION_SOURCES, 'business_messaging']);
const COOKIE = /^fb\.\d\.\d{13}\..+/;

const graph = (status: number, code: number, message: string, subcode?: number): Answer =>
  json(status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      is_transient: false,
      fbtrace_id: 'double',
    },
  });

/** Meta's wording, answers and event checks. */
export const metaDouble: DoubleStyle = {
  status: { path: 400, method: 400, auth: 400 },
  say: {
    path: 'Unknown path {path}',
    method: 'Unsupported {method} request',
    auth: 'An access token is required',
    body: 'data must hold 1..{max} events',
    count: 'data must hold 1..{max} events',
  },
  at: (i) => `data[${i}].`,
  error: (status, message, why) =>
    why === 'item'
      ? graph(
          status,
          100,
          `Invalid parameter: ${message}`,
          / older /.test(message) ? 2804003 : 2804001,
        )
      : graph(status, why === 'auth' ? 190 : 100, message),
  ok: (n) => json(200, { events_received: n, messages: [], fbtrace_id: 'double' }),
  extraCheck(ev, { at, now }) {
    const days = ev.action_source === 'physical_store' ? 62 : 7;
    const time = timeProblem(ev.event_time, 's', { now, days });
    if (time) return `${at}event_time ${time}`;
    if (!ACTION_SOURCES.has(ev.action_source)) return `${at}action_source is invalid`;
    const ud = isRecord(ev.user_data) ? ev.user_data : {};
    for (const key of ['fbc', 'fbp'])
      if (ud[key] !== undefined && !COOKIE.test(String(ud[key])))
        return `${at}user_data.${key} is malformed`;
    const cd = isRecord(ev.custom_data) ? ev.custom_data : {};
    if (ev.event_name === 'Purchase' && !(typeof cd.value === 'number' && cd.currency))
      return 'Purchase needs custom_data.value (number) and custom_data.currency';
    return undefined;
  },
};
