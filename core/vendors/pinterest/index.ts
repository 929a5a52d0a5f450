/**
 * Pinterest Conversions API v5 (vendor digest §5): `POST {base}/v5/ad_accounts/{id}/events`
 * with `Authorization: Bearer <conversion token>`, up to 1000 events in `data[]`, Unix seconds.
 * A 200 may still fail single events: `events[i].status` is `processed` or `failed`, in request
 * order. Test mode is `?test=true` (fully validated, nothing recorded).
 */
import { z } from 'zod';
import type { Envelope } from '../../event/index.js';
import { retryAfterOf, chunk, CommonParams, everyEvent, httpVerdict, jsonBody, parseMappedSettings, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { pinterestMapping } from './mapping.js';

export { PINTEREST_EVENT_ENUM, PINTEREST_EVENT_NAMES, PINTEREST_FIELDS, PINTEREST_HASHED_KEYS, pinterestMapping, pinterestTransforms } from './mapping.js';

/** Pinterest's production base URL (`endpoint_override` replaces it). */
export const PINTEREST_BASE_URL = 'https://api.pinterest.com';
/** Most events per request. */
export const PINTEREST_MAX_BATCH = 1000;
/** Default requests/s: the documented quota is 5,000 calls per minute per ad account. */
export const PINTEREST_DEFAULT_RPS = 50;
/** `action_source` values. */
export const PINTEREST_ACTION_SOURCES = ['web', 'app_android', 'app_ios', 'offline'] as const;

/** Integration parameters (catalog entry `pinterest`). */
export const PinterestParams = CommonParams.extend({
  ad_account_id: z.string().regex(/^\d+$/, 'must be the numeric ad account id'),
  access_token: z.string().min(1),
  action_source: z.enum(PINTEREST_ACTION_SOURCES).default('web'),
  partner_name: z.string().min(1).max(64).optional(),
});
export type PinterestParams = z.infer<typeof PinterestParams>;
export type PinterestSettings = MappedSettings<PinterestParams>;

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Pinterest's minimum identity: an email, a hashed mobile id, or IP + user agent together. */
export function pinterestIdentityProblem(userData: unknown): string | undefined {
  const u = (userData ?? {}) as Record<string, unknown>;
  if (u.em || u.hashed_maids || (u.client_ip_address && u.client_user_agent)) return undefined;
  return 'Pinterest needs user_data.em, user_data.hashed_maids, or client_ip_address with client_user_agent';
}

function format(events: Envelope[], settings: PinterestSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of events) {
    const r = settings.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    const problem = pinterestIdentityProblem(r.fields.user_data);
    if (problem) {
      skipped.push({ event_id: e.event_id, reason: problem });
      continue;
    }
    items.push({
      id: e.event_id,
      item: {
        event_name: r.vendor_event,
        action_source: params.action_source,
        event_time: seconds(e.timestamp),
        event_id: e.event_id,
        ...(params.partner_name ? { partner_name: params.partner_name } : {}),
        ...r.fields,
      },
    });
  }
  const test = settings.testMode || ctx.testMode;
  const url = `${(params.endpoint_override ?? PINTEREST_BASE_URL).replace(/\/+$/, '')}/v5/ad_accounts/${params.ad_account_id}/events${test ? '?test=true' : ''}`;
  const requests = chunk(items, PINTEREST_MAX_BATCH).map(
    (batch): OutboundRequest => ({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${params.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: batch.map((b) => b.item) }),
      event_ids: batch.map((b) => b.id),
    }),
  );
  return { requests, skipped };
}

const PinterestAnswer = z.looseObject({
  num_events_received: z.number().optional(),
  num_events_processed: z.number().optional(),
  events: z.array(z.looseObject({ status: z.string(), error_message: z.string().nullish(), warning_message: z.string().nullish() })).optional(),
});
const PinterestError = z.looseObject({ code: z.number().optional(), message: z.string() });

/**
 * Status and per-event `events[].status` → outcomes.
 *
 * @example classifyPinterest({ status: 200, headers: {}, body: '{"events":[{"status":"failed","error_message":"bad"}]}' }, req)
 *   // → [{ event_id, status: 'failed', code: 'vendor_rejected', reason: 'bad' }]
 */
export function classifyPinterest(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const { status } = response;
  const json = jsonBody(response.body);
  if (status >= 200 && status < 300) {
    const answer = PinterestAnswer.safeParse(json);
    const perEvent = answer.success ? answer.data.events : undefined;
    return request.event_ids.map((event_id, i): EventOutcome => {
      const ev = perEvent?.[i];
      if (ev && ev.status !== 'processed') return { event_id, status: 'failed', code: 'vendor_rejected', reason: ev.error_message || `Pinterest status ${ev.status}` };
      return { event_id, status: 'delivered' };
    });
  }
  const err = PinterestError.safeParse(json);
  const said = err.success ? `HTTP ${status}: ${err.data.message}` : `HTTP ${status}`;
  return everyEvent(request, httpVerdict(response, said)!);
}

/**
 * The Pinterest Conversions API vendor definition.
 *
 * @example
 * const s = pinterest.parseSettings({ ad_account_id: '549755885175', access_token: 'pina_…' });
 * pinterest.format([event], s, { testMode: true }).requests[0].url // → '…/v5/ad_accounts/549755885175/events?test=true'
 */
export const pinterest: VendorDefinition<PinterestSettings> = {
  id: 'pinterest',
  parseSettings: (config) => parseMappedSettings(config, PinterestParams, pinterestMapping),
  limits: () => ({ maxBatchEvents: PINTEREST_MAX_BATCH, rateLimitRps: PINTEREST_DEFAULT_RPS }),
  mapping: pinterestMapping,
  format,
  classify: classifyPinterest,
  secretKeys: ['access_token'],
};
