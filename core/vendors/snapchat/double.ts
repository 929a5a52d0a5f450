/**
 * How Snapchat's contract double answers (docs/vendors/ads-analytics-warehouse.md §6 "Test double
 * notes"): the declaration's double takes `/v3/{asset}/events` and `/events/validate` with the
 * `access_token` query parameter and `data` of 1–2000 events, with unhashed PII, unknown action
 * sources and the events format itself skips (the spec's eligibility rules) refused; this adds the
 * validate endpoint's checks (known event, times in seconds or milliseconds at most 37 days old, no
 * hashed IP) and Snap's answers: `{"status":"SUCCESS"}` (`VALID` when validating) or `{"status":"INVALID","reason":…}`.
 *
 * @example startSpecDouble(snapchatDeclaration, { ...snapchatDouble, token: 't' })
 */
import { json } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import { timeProblem, type DoubleStyle } from '../spec/double.js';

/** Snap's standard event names (docs/vendors/ads-analytics-warehouse.md §6). */
const EVENT_NAMES = new Set<string>([
  'PAGE_VIEW',
  'VIEW_CONTENT',
  'ADD_CART',
  'ADD_TO_WISHLIST',
  'SIGN_UP',
  'SEARCH',
  'PURCHASE',
  'ADD_BILLING',
  'START_CHECKOUT',
  'SAVE',
  'SUBSCRIBE',
  'AD_CLICK',
  'AD_VIEW',
  'COMPLETE_TUTORIAL',
  'LEVEL_COMPLETE',
  'INVITE',
  'LOGIN',
  'SHARE',
  'RESERVE',
  'ACHIEVEMENT_UNLOCKED',
  'SPENT_CREDITS',
  'RATE',
  'START_TRIAL',
  'LIST_VIEW',
  'APP_INSTALL',
  'APP_OPEN',
  ...[1, 2, 3, 4, 5].map((n) => `CUSTOM_EVENT_${n}`),
]);

/** Snap's wording, answers and the validate endpoint's checks. */
export const snapchatDouble: DoubleStyle = {
  fields: false,
  say: {
    path: 'Unknown path',
    method: 'POST only',
    auth: 'Missing or invalid access_token',
    body: 'Missing required field data',
    count: 'data must hold 1 to {max} events',
    hashed: 'Unhashed PII in {path}',
  },
  at: (i) => `data[${i}]: `,
  error: (status, reason, why) =>
    json(status, {
      status: why === 'path' ? 'NOT_FOUND' : why === 'auth' ? 'UNAUTHORIZED' : 'INVALID',
      reason,
    }),
  ok: (_n, req) =>
    json(
      200,
      req.path.endsWith('/validate')
        ? { status: 'VALID', reason: 'Events are valid' }
        : { status: 'SUCCESS', reason: 'Events received' },
    ),
  extraCheck(ev, { at, now }) {
    const name = typeof ev.event_name === 'string' ? ev.event_name : '';
    if (!name) return `${at}Missing required field event_name`;
    if (!EVENT_NAMES.has(name.toUpperCase())) return `${at}Unknown event_name ${name}`;
    const time = timeProblem(ev.event_time, 's|ms', { now, days: 37 });
    if (time) return `${at}event_time ${time}`;
    if (ev.event_source_url !== undefined && !/^https?:\/\//.test(String(ev.event_source_url)))
      return `${at}event_source_url must include the scheme`;
    if (!isRecord(ev.user_data)) return `${at}Missing required field user_data`;
    const ip = ev.user_data.client_ip_address;
    if (typeof ip === 'string' && isSha256Hex(ip)) return `${at}Invalid hashed IP Address`;
    return undefined;
  },
};
