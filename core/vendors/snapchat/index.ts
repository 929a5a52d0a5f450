/**
 * Snapchat Conversions API v3 (vendor digest §6): `POST {base}/v3/{pixel_id}/events` with the
 * token in the `access_token` query parameter (so it is a secret that must be scrubbed from
 * logged URLs), `{"data":[…]}`, `event_time` in Unix seconds, `action_source` WEB. Test mode
 * posts to `/v3/{pixel_id}/events/validate`, which checks the events and records nothing.
 * Web events without a URL, purchases without value and currency, and events without enough
 * identity are skipped before sending (Snap would refuse them). The 37-day age limit is Snap's to
 * enforce (format has no clock); the double enforces it.
 */
import { z } from 'zod';
import type { Envelope } from '../../event/index.js';
import { retryAfterOf, chunk, CommonParams, everyEvent, httpVerdict, jsonBody, parseMappedSettings, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { snapchatMapping } from './mapping.js';

export { SNAPCHAT_EVENT_ENUM, SNAPCHAT_EVENT_NAMES, SNAPCHAT_FIELDS, SNAPCHAT_HASHED_KEYS, snapchatMapping, snapchatTransforms } from './mapping.js';

/** Snap's production base URL (`endpoint_override` replaces it). */
export const SNAPCHAT_BASE_URL = 'https://tr.snapchat.com';
/** Most events per request (RudderStack's batch size; Snap's own cap is unpublished). */
export const SNAPCHAT_MAX_BATCH = 2000;
/** Default requests/s (Snap publishes no rate limit). */
export const SNAPCHAT_DEFAULT_RPS = 10;
/** Oldest event Snap attributes. */
export const SNAPCHAT_MAX_AGE_MS = 37 * 24 * 60 * 60 * 1000;
/** `action_source` values. */
export const SNAPCHAT_ACTION_SOURCES = ['WEB', 'MOBILE_APP', 'OFFLINE'] as const;

/** Integration parameters (catalog entry `snapchat`). */
export const SnapchatParams = CommonParams.extend({
  pixel_id: z.string().min(1).regex(/^[A-Za-z0-9-]+$/, 'must be a Snap pixel id'),
  access_token: z.string().min(1),
  snap_app_id: z.string().min(1).optional(),
  action_source: z.enum(SNAPCHAT_ACTION_SOURCES).default('WEB'),
});
export type SnapchatParams = z.infer<typeof SnapchatParams>;
export type SnapchatSettings = MappedSettings<SnapchatParams>;

/**
 * Why Snap would refuse this mapped event (the validate endpoint's checks), or undefined.
 *
 * @example snapEventProblem({ event_name: 'PURCHASE', action_source: 'WEB', event_source_url: 'https://x', user_data: { em: ['…'] } }) // → 'PURCHASE needs custom_data.value and custom_data.currency'
 */
export function snapEventProblem(ev: Record<string, unknown>): string | undefined {
  if (ev.action_source === 'WEB' && typeof ev.event_source_url !== 'string') return 'web events need event_source_url';
  const u = (ev.user_data ?? {}) as Record<string, unknown>;
  if (!(u.em || u.ph || u.madid || (u.client_ip_address && u.client_user_agent))) {
    return 'Snap needs user_data.em, user_data.ph, user_data.madid, or client_ip_address with client_user_agent';
  }
  if (String(ev.event_name).toUpperCase() === 'PURCHASE') {
    const c = (ev.custom_data ?? {}) as Record<string, unknown>;
    if (c.value === undefined || !c.currency) return 'PURCHASE needs custom_data.value and custom_data.currency';
  }
  return undefined;
}

function format(events: Envelope[], settings: SnapchatSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of events) {
    const r = settings.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    const item = { event_name: r.vendor_event, event_time: Math.floor(Date.parse(e.timestamp) / 1000), action_source: params.action_source, event_id: e.event_id, ...r.fields };
    const problem = snapEventProblem(item);
    if (problem) skipped.push({ event_id: e.event_id, reason: problem });
    else items.push({ id: e.event_id, item });
  }
  const test = settings.testMode || ctx.testMode;
  const asset = params.snap_app_id && params.action_source === 'MOBILE_APP' ? params.snap_app_id : params.pixel_id;
  const base = (params.endpoint_override ?? SNAPCHAT_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/v3/${encodeURIComponent(asset)}/events${test ? '/validate' : ''}?access_token=${encodeURIComponent(params.access_token)}`;
  const requests = chunk(items, SNAPCHAT_MAX_BATCH).map(
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

const SnapAnswer = z.looseObject({ status: z.string(), reason: z.string().optional() });

/**
 * Status and Snap's `status`/`reason` body → one outcome for every event of the request.
 *
 * @example classifySnapchat({ status: 400, headers: {}, body: '{"status":"INVALID","reason":"Unhashed PII"}' }, req)
 *   // → [{ event_id, status: 'failed', code: 'vendor_rejected', reason: 'Snap INVALID: Unhashed PII' }]
 */
export function classifySnapchat(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const { status } = response;
  const parsed = SnapAnswer.safeParse(jsonBody(response.body));
  const answer = parsed.success ? parsed.data : undefined;
  const said = answer ? `Snap ${answer.status}${answer.reason ? `: ${answer.reason}` : ''}` : `HTTP ${status}`;
  if (status >= 200 && status < 300) {
    if (answer && /^(INVALID|FAILED|FAILURE|ERROR)$/i.test(answer.status)) return everyEvent(request, { status: 'failed', code: 'vendor_rejected', reason: said });
    return everyEvent(request, { status: 'delivered' });
  }
  return everyEvent(request, httpVerdict(response, said)!);
}

/**
 * The Snapchat Conversions API vendor definition.
 *
 * @example
 * const s = snapchat.parseSettings({ pixel_id: '1ec32188-754e-4be2-8e55-c949a984a39f', access_token: 't', test_mode: true });
 * snapchat.format([event], s, { testMode: false }).requests[0].url // → '…/v3/1ec3…/events/validate?access_token=t'
 */
export const snapchat: VendorDefinition<SnapchatSettings> = {
  id: 'snapchat',
  parseSettings: (config) => parseMappedSettings(config, SnapchatParams, snapchatMapping),
  limits: () => ({ maxBatchEvents: SNAPCHAT_MAX_BATCH, rateLimitRps: SNAPCHAT_DEFAULT_RPS }),
  mapping: snapchatMapping,
  format,
  classify: classifySnapchat,
  secretKeys: ['access_token'],
};
