/**
 * Google Ads conversions through the Data Manager API (vendor digest §3c): `POST
 * {base}/v1/events:ingest` with an OAuth2 bearer (scope datamanager; service-account JWT or
 * refresh token; no developer token), `destinations[]` (≤10) + `events[]` (≤2000), hashed user
 * identifiers with `encoding: HEX`. Google documents this as the upgrade path from the Ads API
 * conversion uploads (which need a developer token). Fast-fail: a bad event fails the request;
 * events it names fail, the rest are retried. Test mode sets `validateOnly`.
 */
import { z } from 'zod';
import type { Envelope } from '../../event/index.js';
import { CommonParams, everyEvent, httpVerdict, jsonBody, mapEvents, parseMappedSettings, retryAfterOf, type MappedSettings } from '../../mapping/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';
import { googleAdsMapping } from './mapping.js';
import { googleCredentials, googleTokens, ServiceAccountSetting } from './oauth.js';

export { googleAdsMapping, googleAdsTransforms, GOOGLE_ADS_FIELDS, GOOGLE_ADS_EVENT_ACTIONS } from './mapping.js';

export const DATA_MANAGER_BASE_URL = 'https://datamanager.googleapis.com';
export const DATA_MANAGER_SCOPE = 'https://www.googleapis.com/auth/datamanager';
export const DATA_MANAGER_MAX_EVENTS = 2000;
export const DATA_MANAGER_MAX_DESTINATIONS = 10;
export const GOOGLE_ADS_DEFAULT_RPS = 10;

const digits = (what: string) =>
  z
    .string()
    .transform((s) => s.replace(/-/g, ''))
    .pipe(z.string().regex(/^\d{1,20}$/, `must be the ${what}, digits only`));

/** Integration parameters (catalog entry `google_ads`). */
export const GoogleAdsParams = CommonParams.extend({
  customer_id: digits('Google Ads conversion customer id'),
  conversion_action_id: digits('conversion action id'),
  lead_conversion_action_id: digits('conversion action id').optional(),
  page_view_conversion_action_id: digits('conversion action id').optional(),
  add_to_cart_conversion_action_id: digits('conversion action id').optional(),
  login_customer_id: digits('manager account id').optional(),
  service_account_json: ServiceAccountSetting.optional(),
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  api_version: z.string().regex(/^v\d+$/).default('v1'),
}).refine((p) => !!p.service_account_json || !!(p.client_id && p.client_secret && p.refresh_token), {
  message: 'set service_account_json, or client_id + client_secret + refresh_token',
  path: ['service_account_json'],
});
export type GoogleAdsParams = z.infer<typeof GoogleAdsParams>;
export type GoogleAdsSettings = MappedSettings<GoogleAdsParams>;

const parseSettings = (config: unknown): GoogleAdsSettings => parseMappedSettings(config, GoogleAdsParams, googleAdsMapping);

type Json = Record<string, unknown>;

/** Drop empty identifier slots and incomplete addresses (givenName, familyName, regionCode, postalCode all needed). */
function tidyUserData(ev: Json): void {
  const ud = ev.userData as { userIdentifiers?: (Json | undefined)[] } | undefined;
  if (!ud?.userIdentifiers) return;
  const ids = ud.userIdentifiers.filter((u): u is Json => {
    if (!u || Object.keys(u).length === 0) return false;
    if (!u.address) return true;
    const a = u.address as Json;
    return !!(a.givenName && a.familyName && a.regionCode && a.postalCode);
  });
  if (ids.length) ud.userIdentifiers = ids;
  else delete ev.userData;
}

function format(events: Envelope[], settings: GoogleAdsSettings, ctx: FormatContext): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] } {
  const { params } = settings;
  const { mapped, skipped } = mapEvents(events, settings.mapping);
  const url = `${(params.endpoint_override ?? DATA_MANAGER_BASE_URL).replace(/\/+$/, '')}/${params.api_version}/events:ingest`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(ctx.accessToken ? { authorization: `Bearer ${ctx.accessToken}` } : {}) };
  const testMode = settings.testMode || ctx.testMode;
  const requests: OutboundRequest[] = [];
  let batch: { id: string; event: Json; dest: string }[] = [];
  let dests = new Set<string>();
  const flush = (): void => {
    if (!batch.length) return;
    const destinations = [...dests].map((d) => ({
      operatingAccount: { accountType: 'GOOGLE_ADS', accountId: params.customer_id },
      ...(params.login_customer_id ? { loginAccount: { accountType: 'GOOGLE_ADS', accountId: params.login_customer_id } } : {}),
      productDestinationId: d,
      reference: `ca-${d}`,
    }));
    const anyUserData = batch.some((b) => b.event.userData);
    requests.push({
      method: 'POST',
      url,
      headers,
      body: JSON.stringify({
        destinations,
        ...(anyUserData ? { encoding: 'HEX' } : {}),
        ...(testMode ? { validateOnly: true } : {}),
        events: batch.map((b) => ({ destinationReferences: [`ca-${b.dest}`], ...b.event })),
      }),
      event_ids: batch.map((b) => b.id),
    });
    batch = [];
    dests = new Set();
  };
  for (const m of mapped) {
    const { destination, ...event } = m.fields;
    if (typeof destination !== 'string' || !destination) {
      skipped.push({ event_id: m.event_id, reason: `no conversion action for "${m.vendor_event}" (set the ${m.mapping ?? 'event'} conversion action id)` });
      continue;
    }
    if (!event.eventTimestamp) {
      skipped.push({ event_id: m.event_id, reason: 'eventTimestamp is missing' });
      continue;
    }
    tidyUserData(event);
    if (batch.length >= DATA_MANAGER_MAX_EVENTS || (!dests.has(destination) && dests.size >= DATA_MANAGER_MAX_DESTINATIONS)) flush();
    dests.add(destination);
    batch.push({ id: m.event_id, event, dest: destination });
  }
  flush();
  return { requests, skipped };
}

const GoogleError = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    status: z.string().optional(),
    message: z.string().optional(),
    details: z.array(z.looseObject({ fieldViolations: z.array(z.looseObject({ field: z.string().optional(), description: z.string().optional() })).optional() })).optional(),
  }),
});

const RETRY_STATUSES = new Set(['DEADLINE_EXCEEDED', 'INTERNAL', 'UNAVAILABLE', 'ABORTED']);

/**
 * Data Manager answer → per-event outcomes. 200 = all ingested (processing is asynchronous).
 * A 400 naming `events[i]` fails those events and retries the rest (fast-fail: nothing was
 * ingested); RESOURCE_EXHAUSTED is throttling.
 *
 * @example
 * classifyGoogleAds({ status: 200, headers: {}, body: '{"requestId":"r"}' }, req) // → delivered
 */
export function classifyGoogleAds(response: VendorResponse, request: OutboundRequest): EventOutcome[] {
  if (response.status >= 200 && response.status < 300) return everyEvent(request, { status: 'delivered' });
  const parsed = GoogleError.safeParse(jsonBody(response.body));
  const e = parsed.success ? parsed.data.error : undefined;
  const reason = e ? `${e.status ?? `HTTP ${response.status}`}: ${e.message ?? ''}`.trim() : `HTTP ${response.status}`;
  if (response.status === 429 || e?.status === 'RESOURCE_EXHAUSTED') {
    const ms = retryAfterOf(response);
    return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason, ...(ms !== undefined ? { retryAfterMs: ms } : {}) });
  }
  if (e?.status && RETRY_STATUSES.has(e.status)) return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason });
  if (response.status === 400) {
    const bad = new Map<number, string>();
    for (const d of e?.details ?? []) {
      for (const v of d.fieldViolations ?? []) {
        const i = /(?:^|\.)events\[(\d+)\]/.exec(v.field ?? '')?.[1];
        if (i !== undefined && !bad.has(Number(i))) bad.set(Number(i), `${v.field}: ${v.description ?? reason}`);
      }
    }
    if (bad.size) {
      return request.event_ids.map((event_id, i): EventOutcome => {
        const why = bad.get(i);
        return why
          ? { event_id, status: 'failed', code: 'vendor_rejected', reason: why }
          : { event_id, status: 'retry', code: 'vendor_server_error', reason: 'not ingested: another event in the request was rejected (fast-fail)' };
      });
    }
  }
  return everyEvent(request, httpVerdict(response, reason) ?? { status: 'failed', code: 'vendor_rejected', reason });
}

/**
 * The Google Ads (Data Manager API) vendor definition.
 *
 * @example
 * const s = googleAds.parseSettings({ customer_id: '123-456-7890', conversion_action_id: '987', service_account_json: keyJson });
 * const { token } = await googleAds.authorize!(s, fetch);
 * googleAds.format([purchase], s, { testMode: false, accessToken: token });
 */
export const googleAds: VendorDefinition<GoogleAdsSettings> = {
  id: 'google_ads',
  mapping: googleAdsMapping,
  parseSettings,
  limits: () => ({ maxBatchEvents: DATA_MANAGER_MAX_EVENTS, rateLimitRps: GOOGLE_ADS_DEFAULT_RPS }),
  format,
  classify: classifyGoogleAds,
  authorize: (settings, fetcher) => googleTokens.get(googleCredentials(settings.params), DATA_MANAGER_SCOPE, fetcher),
  secretKeys: ['service_account_json', 'client_secret', 'refresh_token'],
};
