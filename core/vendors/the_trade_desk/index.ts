/**
 * The Trade Desk real-time conversions (vendor digest §8, reconstructed from open-source senders
 * and integration vendors: TTD's portal is login-gated). `POST {base}/track/realtimeconversion`
 * with `{"data":[…]}`, no auth header (advertiser and tracker ids are in the body), no time field
 * (recorded on receipt). Batch cap, answers and dedup are undocumented, so we send one conversion
 * per request and classify by HTTP status only. No test endpoint exists: `test_mode` sends to
 * `test_tracker_id`, a tracker no campaign uses.
 */
import { z } from 'zod';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { retryAfterOf, chunk, CommonParams, everyEvent, httpVerdict, parseMappedSettings, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { TTD_ID_TYPES, ttdMapping } from './mapping.js';

export { TTD_EVENT_NAMES, TTD_FIELDS, TTD_ID_TYPES, ttdMapping, ttdTransforms } from './mapping.js';

/** TTD's production base URL (`endpoint_override` replaces it). */
export const TTD_BASE_URL = 'https://insight.adsrvr.org';
export const TTD_PATH = '/track/realtimeconversion';
/** Conversions per request: TTD documents no cap, so one (as the pixel does). */
export const TTD_MAX_BATCH = 1;
/** Default requests/s (TTD publishes no limit here). */
export const TTD_DEFAULT_RPS = 20;

/** Integration parameters (catalog entry `the_trade_desk`). */
export const TradeDeskParams = CommonParams.extend({
  advertiser_id: z.string().min(1).max(64),
  tracker_id: z.string().min(1).max(64),
  merchant_id: z.string().min(1).max(64).optional(),
  test_tracker_id: z.string().min(1).max(64).optional(),
});
export type TradeDeskParams = z.infer<typeof TradeDeskParams>;
export type TradeDeskSettings = MappedSettings<TradeDeskParams>;

function parseSettings(config: unknown): TradeDeskSettings {
  const s = parseMappedSettings(config, TradeDeskParams, ttdMapping);
  if (s.testMode && !s.params.test_tracker_id) {
    throw new DataflyError('config_error', 'The Trade Desk has no test endpoint: test_mode needs test_tracker_id (a tracker no campaign uses)', {
      field: 'parameters.test_tracker_id',
    });
  }
  return s;
}

/**
 * Mapped fields → one conversion: the first id in `ids` (TDID first) becomes `adid`/`adid_type`.
 *
 * @example toConversion({ ids: { UID2: 'tok' }, value: 1 }, { tracker_id: 't', adv: 'a' }, 'purchase')
 *   // → { tracker_id: 't', adv: 'a', event_name: 'purchase', adid: 'tok', adid_type: 'UID2', value: 1 }
 */
export function toConversion(fields: Record<string, unknown>, head: Record<string, string>, eventName: string): Record<string, unknown> {
  const { ids, ...rest } = fields as { ids?: Record<string, unknown> };
  const type = TTD_ID_TYPES.find((t) => typeof ids?.[t] === 'string' && ids[t] !== '');
  return { ...head, event_name: eventName, ...(type ? { adid: ids![type], adid_type: type } : {}), ...rest };
}

function format(events: Envelope[], settings: TradeDeskSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const test = settings.testMode || ctx.testMode;
  const head: Record<string, string> = {
    tracker_id: test ? params.test_tracker_id! : params.tracker_id,
    adv: params.advertiser_id,
    ...(params.merchant_id ? { merchant_id: params.merchant_id } : {}),
  };
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of events) {
    const r = settings.mapping.map(e);
    if (!r.ok) skipped.push({ event_id: r.event_id, reason: r.reason });
    else if (r.vendor_event === 'purchase' && typeof r.fields.value !== 'number') skipped.push({ event_id: e.event_id, reason: 'a purchase needs a numeric value' });
    else items.push({ id: e.event_id, item: toConversion(r.fields, head, r.vendor_event) });
  }
  const url = `${(params.endpoint_override ?? TTD_BASE_URL).replace(/\/+$/, '')}${TTD_PATH}`;
  const requests = chunk(items, TTD_MAX_BATCH).map(
    (batch): OutboundRequest => ({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: batch.map((b) => b.item) }),
      event_ids: batch.map((b) => b.id),
    }),
  );
  return { requests, skipped };
}

/**
 * HTTP status → one outcome per event (TTD's answer bodies are undocumented).
 *
 * @example classifyTradeDesk({ status: 200, headers: {}, body: '' }, req) // → [{ event_id, status: 'delivered' }]
 */
export function classifyTradeDesk(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const { status } = response;
  const said = `HTTP ${status}${response.body ? `: ${response.body.slice(0, 200)}` : ''}`;
  if (status >= 200 && status < 300) return everyEvent(request, { status: 'delivered' });
  return everyEvent(request, httpVerdict(response, said)!);
}

/**
 * The Trade Desk real-time conversions vendor definition.
 *
 * @example
 * const s = theTradeDesk.parseSettings({ advertiser_id: 'abc12345', tracker_id: 'hc7ihke' });
 * theTradeDesk.format([event], s, { testMode: false }).requests[0].url // → 'https://insight.adsrvr.org/track/realtimeconversion'
 */
export const theTradeDesk: VendorDefinition<TradeDeskSettings> = {
  id: 'the_trade_desk',
  parseSettings,
  limits: () => ({ maxBatchEvents: TTD_MAX_BATCH, rateLimitRps: TTD_DEFAULT_RPS }),
  mapping: ttdMapping,
  format,
  classify: classifyTradeDesk,
  secretKeys: [],
};
