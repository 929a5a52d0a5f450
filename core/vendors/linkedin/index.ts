/**
 * LinkedIn Conversions API (vendor digest §7): `POST {base}/rest/conversionEvents` as a
 * `BATCH_CREATE` of up to 5000 elements, `Authorization: Bearer`, `LinkedIn-Version: YYYYMM`,
 * `X-Restli-Protocol-Version: 2.0.0`; `conversionHappenedAt` in **milliseconds** within 90 days;
 * `amount` a string. Answers: 200 with per-element statuses (request order), or a 4xx whose
 * message names bad rows as `Index: N, ERROR :: reason` — those fail, the others are retried.
 * LinkedIn documents no test mode: `test_mode` sends every event to `test_conversion_rule_id`,
 * a rule not attached to live campaigns.
 */
import { z } from 'zod';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { retryAfterOf, chunk, CommonParams, everyEvent, httpVerdict, jsonBody, parseMappedSettings, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { LINKEDIN_ID_TYPES, linkedinMapping } from './mapping.js';

export { LINKEDIN_EVENT_NAMES, LINKEDIN_FIELDS, LINKEDIN_ID_TYPES, linkedinMapping, linkedinTransforms } from './mapping.js';

/** LinkedIn's production base URL (`endpoint_override` replaces it). */
export const LINKEDIN_BASE_URL = 'https://api.linkedin.com';
export const LINKEDIN_PATH = '/rest/conversionEvents';
/** Most elements per BATCH_CREATE. */
export const LINKEDIN_MAX_BATCH = 5000;
/** Default requests/s (600/min reported for connector apps; app tiers vary). */
export const LINKEDIN_DEFAULT_RPS = 5;
/** Longest `eventId` LinkedIn accepts. */
export const LINKEDIN_MAX_EVENT_ID = 64;
/** Oldest conversion LinkedIn accepts. */
export const LINKEDIN_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

const RuleId = z.string().regex(/^\d+$/, 'must be the numeric conversion rule id');

/** Integration parameters (catalog entry `linkedin`). */
export const LinkedInParams = CommonParams.extend({
  access_token: z.string().min(1),
  conversion_rule_id: RuleId,
  /** Rule type (the event map's vendor event, e.g. `PURCHASE`) → rule id. */
  conversion_rules: z.record(z.string().min(1), RuleId).default({}),
  linkedin_version: z.string().regex(/^\d{6}$/, 'must be YYYYMM').default('202511'),
  test_conversion_rule_id: RuleId.optional(),
});
export type LinkedInParams = z.infer<typeof LinkedInParams>;
export type LinkedInSettings = MappedSettings<LinkedInParams>;

function parseSettings(config: unknown): LinkedInSettings {
  const s = parseMappedSettings(config, LinkedInParams, linkedinMapping);
  if (s.testMode && !s.params.test_conversion_rule_id) {
    throw new DataflyError('config_error', 'LinkedIn has no test endpoint: test_mode needs test_conversion_rule_id (a rule not attached to live campaigns)', {
      field: 'parameters.test_conversion_rule_id',
    });
  }
  return s;
}

/**
 * Mapped fields → one LinkedIn element (ids assembled into `user.userIds`), or a reason to skip.
 *
 * @example toElement({ ids: { SHA256_EMAIL: 'ab…' } }, 'urn:lla:llaPartnerConversion:1', 1767225600000, 'e1')
 *   // → { conversion: 'urn:…:1', conversionHappenedAt: 1767225600000, eventId: 'e1', user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: 'ab…' }] } }
 */
export function toElement(fields: Record<string, unknown>, conversion: string, at: number, eventId: string): Record<string, unknown> | string {
  const { ids, user, conversion_rule_id: _rule, ...rest } = fields as { ids?: Record<string, unknown>; user?: Record<string, unknown>; conversion_rule_id?: unknown };
  const userIds = LINKEDIN_ID_TYPES.flatMap((idType) => {
    const v = ids?.[idType];
    return typeof v === 'string' && v ? [{ idType, idValue: v }] : [];
  });
  const info = user?.userInfo as Record<string, unknown> | undefined;
  const hasInfo = !!(info?.firstName && info.lastName);
  if (!userIds.length && !hasInfo) return 'LinkedIn needs a user id (email, li_fat_id, …) or userInfo with firstName and lastName';
  const externalIds = Array.isArray(user?.externalIds) ? user.externalIds.slice(0, 1) : undefined;
  return {
    conversion,
    conversionHappenedAt: at,
    // LinkedIn refuses event ids over 64 characters: such an event goes without dedup rather than not at all.
    ...(eventId.length <= LINKEDIN_MAX_EVENT_ID ? { eventId } : {}),
    ...rest,
    user: { userIds, ...(hasInfo ? { userInfo: info } : {}), ...(externalIds?.length ? { externalIds } : {}) },
  };
}

function format(events: Envelope[], settings: LinkedInSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const test = settings.testMode || ctx.testMode;
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of events) {
    const r = settings.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    const override = r.fields.conversion_rule_id;
    const rule = test
      ? params.test_conversion_rule_id!
      : typeof override === 'string' || typeof override === 'number'
        ? String(override)
        : (params.conversion_rules[r.vendor_event] ?? params.conversion_rule_id);
    const element = toElement(r.fields, `urn:lla:llaPartnerConversion:${rule}`, Date.parse(e.timestamp), e.event_id);
    if (typeof element === 'string') skipped.push({ event_id: e.event_id, reason: element });
    else items.push({ id: e.event_id, item: element });
  }
  const url = `${(params.endpoint_override ?? LINKEDIN_BASE_URL).replace(/\/+$/, '')}${LINKEDIN_PATH}`;
  const requests = chunk(items, LINKEDIN_MAX_BATCH).map(
    (batch): OutboundRequest => ({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${params.access_token}`,
        'linkedin-version': params.linkedin_version,
        'x-restli-protocol-version': '2.0.0',
        'x-restli-method': 'BATCH_CREATE',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ elements: batch.map((b) => b.item) }),
      event_ids: batch.map((b) => b.id),
    }),
  );
  return { requests, skipped };
}

const BatchAnswer = z.looseObject({ elements: z.array(z.looseObject({ status: z.number(), error: z.unknown().optional() })) });
const ErrorAnswer = z.looseObject({ status: z.number().optional(), code: z.string().optional(), serviceErrorCode: z.number().optional(), message: z.string().optional() });

/**
 * Status, per-element statuses and `Index: N, ERROR ::` lines → per-event outcomes.
 *
 * @example classifyLinkedIn({ status: 200, headers: {}, body: '{"elements":[{"status":201},{"status":400}]}' }, req)
 *   // → [{ status: 'delivered' }, { status: 'failed', code: 'vendor_rejected', … }]
 */
export function classifyLinkedIn(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  const { status } = response;
  const json = jsonBody(response.body);
  if (status >= 200 && status < 300) {
    const batch = BatchAnswer.safeParse(json);
    if (!batch.success) return everyEvent(request, { status: 'delivered' });
    return request.event_ids.map((event_id, i): EventOutcome => {
      const s = batch.data.elements[i]?.status;
      if (s === undefined || (s >= 200 && s < 300)) return { event_id, status: 'delivered' };
      if (s === 429 || s >= 500) return { event_id, status: 'retry', code: s === 429 ? 'vendor_throttled' : 'vendor_server_error', reason: `element status ${s}` };
      return { event_id, status: 'failed', code: 'vendor_rejected', reason: `element status ${s}${batch.data.elements[i]?.error ? `: ${JSON.stringify(batch.data.elements[i]?.error)}` : ''}` };
    });
  }
  const err = ErrorAnswer.safeParse(json);
  const message = err.success ? (err.data.message ?? '') : response.body;
  const said = `HTTP ${status}${err.success && err.data.code ? ` ${err.data.code}` : ''}${message ? `: ${message.split('\n')[0]}` : ''}`;
  // 429, 408/5xx and 401/403 as usual; another refusal may name its bad rows.
  const verdict = httpVerdict(response, said)!;
  if (verdict.status !== 'failed' || verdict.code !== 'vendor_rejected') return everyEvent(request, verdict);
  const bad = new Map<number, string>();
  for (const m of message.matchAll(/Index: (\d+), ERROR :: ([^\n]+)/g)) bad.set(Number(m[1]), m[2]!.trim());
  if (bad.size === 0) return everyEvent(request, verdict);
  return request.event_ids.map((event_id, i): EventOutcome => {
    const reason = bad.get(i);
    return reason !== undefined
      ? { event_id, status: 'failed', code: 'vendor_rejected', reason }
      : { event_id, status: 'retry', code: 'upstream_unavailable', reason: 'batch refused because of other events; resend without them' };
  });
}

/**
 * The LinkedIn Conversions API vendor definition.
 *
 * @example
 * const s = linkedin.parseSettings({ access_token: 'AQX…', conversion_rule_id: '123456' });
 * linkedin.format([event], s, { testMode: false }).requests[0].headers['x-restli-method'] // → 'BATCH_CREATE'
 */
export const linkedin: VendorDefinition<LinkedInSettings> = {
  id: 'linkedin',
  parseSettings,
  limits: () => ({ maxBatchEvents: LINKEDIN_MAX_BATCH, rateLimitRps: LINKEDIN_DEFAULT_RPS }),
  mapping: linkedinMapping,
  format,
  classify: classifyLinkedIn,
  secretKeys: ['access_token'],
};
