/**
 * GA4 Measurement Protocol payload rules (docs/vendors/ads-analytics-warehouse.md §1 "Event naming", "Limits"), shared by
 * `format` (skip events GA4 would drop) and the double's validation endpoint.
 */

export const GA4_MAX_EVENTS = 25;
const GA4_MAX_PARAMS = 25;
export const GA4_MAX_BODY_BYTES = 130 * 1024;
const GA4_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

const RESERVED_EVENTS = new Set([
  'ad_activeview',
  'ad_click',
  'ad_exposure',
  'ad_impression',
  'ad_query',
  'adunit_exposure',
  'app_clear_data',
  'app_install',
  'app_update',
  'app_remove',
  'error',
  'first_open',
  'first_visit',
  'in_app_purchase',
  'notification_dismiss',
  'notification_foreground',
  'notification_open',
  'notification_receive',
  'os_update',
  'screen_view',
  'session_start',
  'user_engagement',
]);
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_', 'gtag.'];
const RESERVED_PARAM_PREFIXES = ['google_', 'ga_', 'firebase_'];

/** String param values: 100 characters, except the page params GA4 documents as longer. */
const PARAM_MAX_LENGTH: Readonly<Record<string, number>> = {
  page_location: 1000,
  page_referrer: 420,
  page_title: 300,
};

/**
 * The longest string value GA4 keeps for a param (it truncates longer ones silently).
 *
 * @example ga4ParamMaxLength('page_location') // → 1000
 */
export function ga4ParamMaxLength(param: string): number {
  return PARAM_MAX_LENGTH[param] ?? 100;
}

/**
 * Why GA4 would reject this event name, or undefined.
 *
 * @example
 * ga4NameProblem('session_start') // → 'event name "session_start" is reserved'
 */
export function ga4NameProblem(name: string): string | undefined {
  if (!GA4_NAME.test(name))
    return `event name "${name}" must be ≤40 letters, digits or _ and start with a letter`;
  if (RESERVED_EVENTS.has(name) || RESERVED_PREFIXES.some((p) => name.startsWith(p)))
    return `event name "${name}" is reserved`;
  return undefined;
}

/**
 * Why GA4 would reject these params, or undefined.
 *
 * @example
 * ga4ParamsProblem({ ga_x: 1 }) // → 'param "ga_x" uses a reserved prefix'
 */
export function ga4ParamsProblem(params: Record<string, unknown>): string | undefined {
  const keys = Object.keys(params);
  if (keys.length > GA4_MAX_PARAMS) return `more than ${GA4_MAX_PARAMS} params`;
  for (const k of keys) {
    if (!GA4_NAME.test(k)) return `param "${k}" is not a valid name`;
    if (RESERVED_PARAM_PREFIXES.some((p) => k.startsWith(p)) || k === 'firebase_conversion')
      return `param "${k}" uses a reserved prefix`;
    const v = params[k];
    if (k === 'items') continue;
    if (v !== null && typeof v === 'object') return `param "${k}" must be a scalar`;
    const max = ga4ParamMaxLength(k);
    if (typeof v === 'string' && v.length > max)
      return `param "${k}" is longer than ${max} characters`;
  }
  return undefined;
}
