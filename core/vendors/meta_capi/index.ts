/**
 * Meta Conversions API (vendor digest §2): `POST {base}/{api_version}/{pixel_id}/events` with
 * `access_token` in the query, JSON body `{ data: [...≤1000], test_event_code? }`, `event_time`
 * in Unix seconds, PII hashed per Meta's rules. Errors are non-2xx with
 * `error{code, error_subcode, is_transient}`; a bad event fails the whole request.
 * Test mode adds `test_event_code`.
 */
import { z } from 'zod';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { chunk, CommonParams, everyEvent, httpVerdict, jsonBody, mapEvents, parseMappedSettings, retryAfterOf, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { metaMapping } from './mapping.js';

export { metaMapping, metaTransforms, META_EVENT_NAMES, META_FIELDS } from './mapping.js';

export const META_BASE_URL = 'https://graph.facebook.com';
export const META_MAX_BATCH = 1000;
/** Meta publishes no CAPI rate; throttling shows as codes 4/17/32/613/80003. */
export const META_DEFAULT_RPS = 20;
/** Graph error codes meaning "throttled" and "temporary". */
export const META_THROTTLE_CODES: readonly number[] = [4, 17, 32, 613, 80003, 80004];
export const META_TRANSIENT_CODES: readonly number[] = [1, 2, 341, 368, 5000, 21009];

/** Integration parameters (catalog entry `meta_capi`). */
export const MetaParams = CommonParams.extend({
  pixel_id: z.string().regex(/^\d{1,32}$/, 'must be the numeric pixel / dataset id'),
  access_token: z.string().min(1),
  api_version: z.string().regex(/^v\d+\.\d+$/, 'must look like v24.0').default('v24.0'),
  test_event_code: z.string().min(1).max(64).optional(),
  action_source: z.enum(['website', 'app', 'email', 'phone_call', 'chat', 'physical_store', 'system_generated', 'other']).default('website'),
});
export type MetaParams = z.infer<typeof MetaParams>;
export type MetaSettings = MappedSettings<MetaParams>;

function parseSettings(config: unknown): MetaSettings {
  const s = parseMappedSettings(config, MetaParams, metaMapping);
  if (s.testMode && !s.params.test_event_code) {
    throw new DataflyError('config_error', 'test_mode needs test_event_code (Events Manager → Test events)', { field: 'parameters.test_event_code' });
  }
  return s;
}

/** Why Meta would refuse this event, or undefined. */
function problem(ev: Record<string, unknown>): string | undefined {
  const ud = (ev.user_data ?? {}) as Record<string, unknown>;
  if (typeof ev.event_time !== 'number') return 'event_time is missing';
  if (ev.action_source === 'website') {
    if (!ev.event_source_url) return 'website events need event_source_url (context.page.url)';
    if (!ud.client_user_agent) return 'website events need user_data.client_user_agent (context.user_agent)';
  }
  const cd = (ev.custom_data ?? {}) as Record<string, unknown>;
  if (ev.event_name === 'Purchase' && (cd.value === undefined || !cd.currency)) return 'Purchase needs custom_data.value and custom_data.currency';
  return undefined;
}

/** Meta refuses a whole request when one event is older than 7 days (62 for physical_store). */
export const META_MAX_AGE_S = 7 * 86_400;
export const META_MAX_AGE_STORE_S = 62 * 86_400;

function ageProblem(ev: Record<string, unknown>, nowMs: number): string | undefined {
  const t = ev.event_time as number;
  const now = Math.floor(nowMs / 1000);
  const max = ev.action_source === 'physical_store' ? META_MAX_AGE_STORE_S : META_MAX_AGE_S;
  if (t < now - max) return `event_time is older than Meta accepts (${max / 86_400} days); it would fail the whole batch`;
  if (t > now + 60) return 'event_time is more than a minute in the future';
  return undefined;
}

function format(events: Envelope[], settings: MetaSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const { mapped, skipped } = mapEvents(events, settings.mapping);
  const items: { id: string; item: Record<string, unknown> }[] = [];
  for (const m of mapped) {
    const item = { event_name: m.vendor_event, ...m.fields };
    const why = problem(item) ?? (ctx.now === undefined ? undefined : ageProblem(item, ctx.now));
    if (why) skipped.push({ event_id: m.event_id, reason: why });
    else items.push({ id: m.event_id, item });
  }
  const testMode = settings.testMode || ctx.testMode;
  const url = `${(params.endpoint_override ?? META_BASE_URL).replace(/\/+$/, '')}/${params.api_version}/${params.pixel_id}/events?access_token=${encodeURIComponent(params.access_token)}`;
  const requests = chunk(items, META_MAX_BATCH).map(
    (batch): OutboundRequest => ({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: batch.map((b) => b.item), ...(testMode && params.test_event_code ? { test_event_code: params.test_event_code } : {}) }),
      event_ids: batch.map((b) => b.id),
    }),
  );
  return { requests, skipped };
}

const GraphError = z.looseObject({
  error: z.looseObject({ message: z.string().optional(), code: z.number().optional(), error_subcode: z.number().optional(), is_transient: z.boolean().optional() }),
});

/**
 * Meta answer → one outcome for every event of the request (Meta validates per request).
 *
 * @example
 * classifyMeta({ status: 400, headers: {}, body: '{"error":{"code":17}}' }, req) // → retry, vendor_throttled
 */
export function classifyMeta(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  if (response.status >= 200 && response.status < 300) return everyEvent(request, { status: 'delivered' });
  const parsed = GraphError.safeParse(jsonBody(response.body));
  if (!parsed.success) {
    // HTML or empty body from an edge/proxy: transient.
    return everyEvent(request, httpVerdict(response, `HTTP ${response.status}`) ?? { status: 'retry', code: 'vendor_server_error', reason: `HTTP ${response.status} without a Graph error body` });
  }
  const e = parsed.data.error;
  const reason = `Meta error ${e.code ?? '?'}${e.error_subcode ? `/${e.error_subcode}` : ''}: ${e.message ?? 'no message'}`;
  const ms = retryAfterOf(response);
  if (response.status === 429 || (e.code !== undefined && META_THROTTLE_CODES.includes(e.code))) {
    return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason, ...(ms !== undefined ? { retryAfterMs: ms } : {}) });
  }
  if (e.is_transient || (e.code !== undefined && META_TRANSIENT_CODES.includes(e.code)) || response.status >= 500) {
    return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason });
  }
  if (e.code === 190 || e.code === 200 || response.status === 401 || response.status === 403) return everyEvent(request, { status: 'failed', code: 'vendor_auth', reason });
  return everyEvent(request, { status: 'failed', code: 'vendor_rejected', reason });
}

/**
 * The Meta Conversions API vendor definition.
 *
 * @example
 * const s = metaCapi.parseSettings({ pixel_id: '123', access_token: 't' });
 * metaCapi.format([event], s, { testMode: false }).requests[0].url // → 'https://graph.facebook.com/v24.0/123/events?access_token=t'
 */
export const metaCapi: VendorDefinition<MetaSettings> = {
  id: 'meta_capi',
  mapping: metaMapping,
  parseSettings,
  limits: () => ({ maxBatchEvents: META_MAX_BATCH, rateLimitRps: META_DEFAULT_RPS }),
  format,
  classify: classifyMeta,
  secretKeys: ['access_token'],
};
