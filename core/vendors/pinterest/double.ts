/**
 * How Pinterest's contract double answers (docs/vendors/ads-analytics-warehouse.md §5 "Test double
 * notes"): the declaration's double takes the numeric ad account's path with a bearer token, `data`
 * of 1–1000 events, the required fields, a known action source, the minimum identity and hashed
 * user fields as lists of lowercase SHA-256; this adds Pinterest's own checks (snake_case event
 * names, times in seconds, IP, user agent and click id as plain strings, value and item_price as
 * strings) and its answers: 4xx `{code, message}` for the request, 200 with each event
 * `processed` or `failed` in `events[]` (request order).
 *
 * @example startSpecDouble(pinterestDeclaration, { ...pinterestDouble, token: 'pina_x' })
 */
import { json } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { timeProblem, type DoubleStyle } from '../spec/double.js';

/** Every event name the Conversions API accepts (docs/vendors/ads-analytics-warehouse.md §5; CamelCase names fail). */
const EVENT_NAMES = new Set<unknown>([
  'add_to_cart',
  'checkout',
  'custom',
  'lead',
  'page_visit',
  'search',
  'signup',
  'view_category',
  'watch_video',
  'add_payment_info',
  'add_to_wishlist',
  'app_install',
  'app_open',
  'contact',
  'customize_product',
  'find_location',
  'initiate_checkout',
  'schedule',
  'start_trial',
  'submit_application',
  'subscribe',
  'view_content',
]);
const CODES: Record<string, number> = { path: 404, method: 405, auth: 2 };

/** Pinterest's wording, answers and event checks. */
export const pinterestDouble: DoubleStyle = {
  say: {
    path: 'Not found',
    method: 'Method not allowed',
    auth: 'Authentication failed.',
    body: 'data is required',
    count: 'data must hold 1 to {max} events',
    hashed: '{path} must hold lowercase SHA-256 hex digests',
  },
  hashedLists: true,
  error: (status, message, why) => json(status, { code: CODES[why] ?? 1, message }),
  request: (req) =>
    [null, 'true', 'false'].includes(req.query.get('test'))
      ? undefined
      : json(400, { code: 1, message: 'test must be true or false' }),
  answer(problems) {
    const events = problems.map((p) => ({
      status: p ? 'failed' : 'processed',
      error_message: p ?? '',
      warning_message: '',
    }));
    return json(200, {
      num_events_received: events.length,
      num_events_processed: events.filter((e) => !e.error_message).length,
      events,
    });
  },
  extraCheck(ev) {
    if (!EVENT_NAMES.has(ev.event_name))
      return `event_name "${String(ev.event_name)}" is not a Pinterest event name`;
    const time = timeProblem(ev.event_time, 's');
    if (time) return `event_time ${time}`;
    const u = isRecord(ev.user_data) ? ev.user_data : {};
    for (const key of ['client_ip_address', 'client_user_agent', 'click_id'])
      if (u[key] !== undefined && typeof u[key] !== 'string')
        return `user_data.${key} must be a plain string`;
    const c = isRecord(ev.custom_data) ? ev.custom_data : {};
    if (c.value !== undefined && typeof c.value !== 'string')
      return 'custom_data.value must be a string';
    for (const item of Array.isArray(c.contents) ? c.contents : []) {
      const { item_price: price, quantity } = isRecord(item) ? item : {};
      if (price !== undefined && typeof price !== 'string')
        return 'custom_data.contents[].item_price must be a string';
      if (quantity !== undefined && !Number.isInteger(quantity))
        return 'custom_data.contents[].quantity must be an integer';
    }
    return undefined;
  },
};
