/**
 * What GA4's declaration cannot say as data (docs/vendors/ads-analytics-warehouse.md §1): GA4's own transforms (client id
 * from the `_ga` cookie, snake_case pass-through names, consent words), what production would
 * drop silently (skipped with the reason, or long strings cut as GA4 would), and a validation
 * answer without its `validationMessages`. The exactly-one-id rule is the declaration's
 * `exactly_one_of`.
 */
import { everyEvent, httpVerdict, jsonBody } from '../outcomes.js';
import { textTransform } from '../../identity-kit/index.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { consentWords } from '../spec/consent-mode.js';
import type { SpecHooks } from '../spec/interpret.js';
import { ga4NameProblem, ga4ParamMaxLength, ga4ParamsProblem } from './rules.js';

/** GA4 takes events up to 72 hours old (docs/vendors/ads-analytics-warehouse.md §1 "Timestamps & age"). */
const GA4_MAX_AGE_MS = 72 * 3_600_000;

/**
 * The GA4 client id from a `_ga` cookie value or a bare id: `GA1.1.123.456` → `123.456`.
 *
 * @example ga4ClientId('GA1.2.1234567890.1700000000') // → '1234567890.1700000000'
 */
export function ga4ClientId(raw: string): string | undefined {
  const s = raw.trim();
  const m = /^GA\d\.\d+\.(\d+\.\d+)$/.exec(s);
  return m ? m[1] : s || undefined;
}

/**
 * A GA4-legal event name from any event name: snake_case, letters/digits/underscores, starting
 * with a letter, ≤40 chars.
 *
 * @example ga4EventName('Video Played!') // → 'video_played'
 */
export function ga4EventName(name: string): string {
  const s = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return s.slice(0, 40);
}

/** GA4's own transforms (Google's user-data normalisers are the identity kit's `id.*` rules). */
export const ga4Transforms: TransformTable = {
  'ga4.client_id': textTransform(ga4ClientId),
  'ga4.event_name': textTransform(ga4EventName),
  'ga4.consent': consentWords('GRANTED', 'DENIED'),
};

export const ga4Hooks: SpecHooks = {
  item(item, _event, _params, _test, now) {
    // user_data is ignored by GA4 without user_id: do not send PII that cannot be used.
    if (item.user_data && !item.user_id) delete item.user_data;
    const params = (item.params ?? {}) as Record<string, unknown>;
    // GA4 truncates over-long string values anyway; truncating here keeps the event valid.
    for (const [k, v] of Object.entries(params))
      if (typeof v === 'string' && v.length > ga4ParamMaxLength(k))
        params[k] = v.slice(0, ga4ParamMaxLength(k));
    const ts = item.timestamp_micros;
    if (now !== undefined && typeof ts === 'number' && ts < (now - GA4_MAX_AGE_MS) * 1000)
      return 'timestamp_micros is older than the 72 hours GA4 accepts';
    if (!item.client_id && !item.app_instance_id)
      return 'client_id is missing (context.vendor_ids.ga_client_id or anonymous_id)';
    return ga4NameProblem(String(item.name)) ?? ga4ParamsProblem(params);
  },
  // The validation endpoint always lists its findings (answer.rows reads them); production lists none.
  classify(response, request) {
    if (!request.url.includes('/debug/mp/collect') || httpVerdict(response, '')) return undefined;
    const messages = (jsonBody(response.body) as { validationMessages?: unknown } | undefined)
      ?.validationMessages;
    if (Array.isArray(messages)) return undefined;
    return everyEvent(request, {
      status: 'retry',
      code: 'vendor_server_error',
      reason: 'validation endpoint answered without validationMessages',
    });
  },
};
