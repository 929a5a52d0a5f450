/**
 * TikTok Events API 2.0 (vendor digest §4): `POST {base}/open_api/v1.3/event/track/` with the
 * `Access-Token` header, up to 1000 events in `data[]`, `event_time` in Unix seconds. TikTok
 * answers HTTP 200 even for errors: the body's `code` decides (0 ok, 40100 throttled, 40001
 * no permission, other 4xxxx rejected, 5xxxx server). A bad row fails the whole batch.
 * Test mode sends `test_event_code` (events show under Test Events, nothing counts).
 */
import { z } from 'zod';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { retryAfterOf, chunk, CommonParams, everyEvent, httpVerdict, jsonBody, parseMappedSettings, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { tiktokMapping } from './mapping.js';

export { tiktokMapping, TIKTOK_EVENT_NAMES, TIKTOK_FIELDS, tiktokTransforms } from './mapping.js';

/** TikTok's production base URL (`endpoint_override` replaces it for the sandbox). */
export const TIKTOK_BASE_URL = 'https://business-api.tiktok.com';
/** Path of the Events 2.0 endpoint (the trailing slash is part of it). */
export const TIKTOK_TRACK_PATH = '/open_api/v1.3/event/track/';
/** Most events per request. */
export const TIKTOK_MAX_BATCH = 1000;
/** Default requests/s: TikTok publishes no quota; throttling shows as code 40100. */
export const TIKTOK_DEFAULT_RPS = 10;

/** Integration parameters (catalog entry `tiktok`). */
export const TikTokParams = CommonParams.extend({
  pixel_code: z.string().min(1),
  access_token: z.string().min(1),
  test_event_code: z.string().min(1).optional(),
  event_source: z.enum(['web', 'app', 'offline', 'crm']).default('web'),
  partner_name: z.string().min(1).max(64).optional(),
});
export type TikTokParams = z.infer<typeof TikTokParams>;
export type TikTokSettings = MappedSettings<TikTokParams>;

/** In-body codes (HTTP 200) that are not plain success. */
export const TIKTOK_CODES = { ok: 0, partialOk: 20001, noPermission: 40001, invalidParameter: 40002, tooManyRequests: 40100 } as const;

function parseSettings(config: unknown): TikTokSettings {
  const s = parseMappedSettings(config, TikTokParams, tiktokMapping);
  if (s.testMode && !s.params.test_event_code) {
    throw new DataflyError('config_error', 'test_mode needs test_event_code (Events Manager → Test events)', { field: 'parameters.test_event_code' });
  }
  return s;
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

function format(events: Envelope[], settings: TikTokSettings, ctx: { testMode: boolean }): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of events) {
    const r = settings.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    items.push({ id: e.event_id, item: { event: r.vendor_event, event_time: seconds(e.timestamp), event_id: e.event_id, ...r.fields } });
  }
  const testMode = settings.testMode || ctx.testMode;
  const url = `${(params.endpoint_override ?? TIKTOK_BASE_URL).replace(/\/+$/, '')}${TIKTOK_TRACK_PATH}`;
  const requests = chunk(items, TIKTOK_MAX_BATCH).map((batch): OutboundRequest => {
    const body = {
      event_source: params.event_source,
      event_source_id: params.pixel_code,
      ...(params.partner_name ? { partner_name: params.partner_name } : {}),
      ...(testMode && params.test_event_code ? { test_event_code: params.test_event_code } : {}),
      data: batch.map((b) => b.item),
    };
    return {
      method: 'POST',
      url,
      headers: { 'access-token': params.access_token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      event_ids: batch.map((b) => b.id),
    };
  });
  return { requests, skipped };
}

const TikTokAnswer = z.looseObject({ code: z.number().int(), message: z.string().optional(), request_id: z.string().optional() });

/**
 * HTTP status and TikTok's in-body `code` → one outcome for every event of the request.
 *
 * @example classifyTikTok({ status: 200, headers: {}, body: '{"code":40100,"message":"Too many requests"}' }, req)
 *   // → [{ event_id, status: 'retry', code: 'vendor_throttled', … }]
 */
export function classifyTikTok(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const { status } = response;
  const parsed = TikTokAnswer.safeParse(jsonBody(response.body));
  const answer = parsed.success ? parsed.data : undefined;
  const said = answer ? `TikTok code ${answer.code}${answer.message ? `: ${answer.message}` : ''}` : `HTTP ${status}`;

  // In-body throttling wins over any HTTP status; below 400 (not only 2xx) the body decides.
  if (answer?.code === TIKTOK_CODES.tooManyRequests) {
    const retryAfterMs = retryAfterOf(response);
    return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason: said, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status >= 400) return everyEvent(request, httpVerdict(response, said)!);
  if (!answer) return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason: `HTTP ${status} without a TikTok answer body` });
  if (answer.code === TIKTOK_CODES.ok || answer.code === TIKTOK_CODES.partialOk) return everyEvent(request, { status: 'delivered' });
  if (answer.code === TIKTOK_CODES.noPermission) return everyEvent(request, { status: 'failed', code: 'vendor_auth', reason: said });
  if (answer.code >= 50000) return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason: said });
  return everyEvent(request, { status: 'failed', code: 'vendor_rejected', reason: said });
}

/**
 * The TikTok Events API vendor definition.
 *
 * @example
 * const s = tiktok.parseSettings({ pixel_code: 'C123', access_token: 't' });
 * tiktok.format([event], s, { testMode: false }).requests[0].url // → 'https://business-api.tiktok.com/open_api/v1.3/event/track/'
 */
export const tiktok: VendorDefinition<TikTokSettings> = {
  id: 'tiktok',
  parseSettings,
  limits: () => ({ maxBatchEvents: TIKTOK_MAX_BATCH, rateLimitRps: TIKTOK_DEFAULT_RPS }),
  mapping: tiktokMapping,
  format,
  classify: classifyTikTok,
  secretKeys: ['access_token'],
};
