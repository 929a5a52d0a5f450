/**
 * Google Analytics 4 Measurement Protocol (vendor digest §1): `POST {base}/mp/collect?
 * measurement_id=…&api_secret=…` (or `firebase_app_id`), body `{ client_id, user_id?,
 * user_data?, events: [≤25 {name, params, timestamp_micros}] }`. Production always answers 2xx
 * and never reports payload errors, so format refuses what GA4 would silently drop. Test mode
 * sends to the validation endpoint `/debug/mp/collect`, whose `validationMessages` classify.
 */
import { z } from 'zod';
import type { Envelope } from '../../event/index.js';
import { chunk, CommonParams, everyEvent, httpVerdict, jsonBody, mapEvents, parseMappedSettings, splitBySize, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { ga4Mapping, GA4_REQUEST_KEYS } from './mapping.js';
import { GA4_MAX_BODY_BYTES, GA4_MAX_EVENTS, ga4NameProblem, ga4ParamMaxLength, ga4ParamsProblem } from './rules.js';

export { ga4Mapping, ga4Transforms, ga4ClientId, ga4EventName, GA4_EVENT_NAMES, GA4_FIELDS } from './mapping.js';

export const GA4_BASE_URL = 'https://www.google-analytics.com';
export const GA4_EU_BASE_URL = 'https://region1.google-analytics.com';
export const GA4_DEFAULT_RPS = 50;
/** GA4 takes events up to 72 hours old (digest §1 "Timestamps & age"). */
export const GA4_MAX_AGE_MS = 72 * 3_600_000;

/** Integration parameters (catalog entry `ga4`). */
export const Ga4Params = CommonParams.extend({
  measurement_id: z.string().regex(/^G-[A-Z0-9]+$/, 'must be the G-… measurement id').optional(),
  firebase_app_id: z.string().min(1).optional(),
  api_secret: z.string().min(1),
  region: z.enum(['global', 'eu']).default('global'),
}).refine((p) => !!p.measurement_id !== !!p.firebase_app_id, { message: 'set exactly one of measurement_id or firebase_app_id', path: ['measurement_id'] });
export type Ga4Params = z.infer<typeof Ga4Params>;
export type Ga4Settings = MappedSettings<Ga4Params>;

const parseSettings = (config: unknown): Ga4Settings => parseMappedSettings(config, Ga4Params, ga4Mapping);

const REQUEST_KEYS = new Set<string>(GA4_REQUEST_KEYS);

function format(events: Envelope[], settings: Ga4Settings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const { mapped, skipped } = mapEvents(events, settings.mapping);
  const groups = new Map<string, { head: Record<string, unknown>; items: { id: string; event: Record<string, unknown> }[] }>();
  for (const m of mapped) {
    const head: Record<string, unknown> = {};
    const event: Record<string, unknown> = { name: m.vendor_event };
    for (const [k, v] of Object.entries(m.fields)) (REQUEST_KEYS.has(k) ? head : event)[k] = v;
    // user_data is ignored by GA4 without user_id: do not send PII that cannot be used.
    if (head.user_data && !head.user_id) delete head.user_data;
    // GA4 truncates over-long string values anyway; truncating here keeps the event valid.
    if (event.params && typeof event.params === 'object') {
      const params = event.params as Record<string, unknown>;
      for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && v.length > ga4ParamMaxLength(k)) params[k] = v.slice(0, ga4ParamMaxLength(k));
    }
    const ts = event.timestamp_micros;
    const why =
      (ctx.now !== undefined && typeof ts === 'number' && ts < (ctx.now - GA4_MAX_AGE_MS) * 1000 ? 'timestamp_micros is older than the 72 hours GA4 accepts' : undefined) ??
      (!head.client_id && !head.app_instance_id ? 'client_id is missing (context.vendor_ids.ga_client_id or anonymous_id)' : undefined) ??
      ga4NameProblem(m.vendor_event) ??
      ga4ParamsProblem((event.params ?? {}) as Record<string, unknown>);
    if (why) {
      skipped.push({ event_id: m.event_id, reason: why });
      continue;
    }
    const key = JSON.stringify(head);
    const g = groups.get(key) ?? { head, items: [] };
    g.items.push({ id: m.event_id, event });
    groups.set(key, g);
  }
  const testMode = settings.testMode || ctx.testMode;
  const base = (params.endpoint_override ?? (params.region === 'eu' ? GA4_EU_BASE_URL : GA4_BASE_URL)).replace(/\/+$/, '');
  // firebase_app_id keeps its ':' unencoded (digest §1).
  const id = params.measurement_id ? `measurement_id=${encodeURIComponent(params.measurement_id)}` : `firebase_app_id=${encodeURI(params.firebase_app_id ?? '')}`;
  const url = `${base}${testMode ? '/debug/mp/collect' : '/mp/collect'}?${id}&api_secret=${encodeURIComponent(params.api_secret)}`;
  const requests: OutboundRequest[] = [];
  for (const g of groups.values()) {
    for (const batch of chunk(g.items, GA4_MAX_EVENTS)) {
      const { parts, tooBig } = splitBySize(batch, (b) => JSON.stringify({ ...g.head, events: b.map((x) => x.event) }), GA4_MAX_BODY_BYTES - 1);
      for (const t of tooBig) skipped.push({ event_id: t.id, reason: 'event alone exceeds the 130 kB GA4 body limit' });
      for (const p of parts) {
        requests.push({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: p.body, event_ids: p.items.map((b) => b.id) });
      }
    }
  }
  return { requests, skipped };
}

const Validation = z.looseObject({
  validationMessages: z.array(z.looseObject({ fieldPath: z.string().optional(), description: z.string().optional(), validationCode: z.string().optional() })),
});

/**
 * GA4 answer → per-event outcomes. Production: any 2xx is delivered (GA4 reports nothing).
 * Validation endpoint: messages naming `events[i]` fail that event, others fail all.
 *
 * @example
 * classifyGa4({ status: 204, headers: {}, body: '' }, req) // → every event delivered
 */
export function classifyGa4(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const verdict = httpVerdict(response, `HTTP ${response.status}`);
  if (verdict) return everyEvent(request, verdict);
  if (!request.url.includes('/debug/mp/collect')) return everyEvent(request, { status: 'delivered' });
  const parsed = Validation.safeParse(jsonBody(response.body));
  if (!parsed.success) return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason: 'validation endpoint answered without validationMessages' });
  const perEvent = new Map<number, string>();
  const general: string[] = [];
  for (const m of parsed.data.validationMessages) {
    const text = `${m.validationCode ?? 'INVALID'} ${m.fieldPath ?? ''}: ${m.description ?? ''}`.trim();
    const idx = /^events\[(\d+)\]/.exec(m.fieldPath ?? '')?.[1];
    if (idx === undefined) general.push(text);
    else perEvent.set(Number(idx), perEvent.get(Number(idx)) ?? text);
  }
  return request.event_ids.map((event_id, i): EventOutcome => {
    const reason = general[0] ?? perEvent.get(i);
    return reason ? { event_id, status: 'failed', code: 'vendor_rejected', reason } : { event_id, status: 'delivered' };
  });
}

/**
 * The GA4 Measurement Protocol vendor definition.
 *
 * @example
 * const s = ga4.parseSettings({ measurement_id: 'G-ABC123', api_secret: 's' });
 * ga4.format([event], s, { testMode: false }).requests[0].url // → 'https://www.google-analytics.com/mp/collect?measurement_id=G-ABC123&api_secret=s'
 */
export const ga4: VendorDefinition<Ga4Settings> = {
  id: 'ga4',
  mapping: ga4Mapping,
  parseSettings,
  limits: () => ({ maxBatchEvents: GA4_MAX_EVENTS, maxBatchBytes: 130 * 1024, rateLimitRps: GA4_DEFAULT_RPS }),
  format,
  classify: classifyGa4,
  secretKeys: ['api_secret'],
};
