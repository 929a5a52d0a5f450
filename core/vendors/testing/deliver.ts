/**
 * Run events through a vendor definition against a double the way delivery would: parse,
 * authorize, format, send each request with `fetch`, classify. For double and e2e tests.
 */
import type { Envelope } from '../../event/index.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition } from '../types.js';

export interface DeliverResult {
  requests: OutboundRequest[];
  responses: { status: number; body: string }[];
  outcomes: EventOutcome[];
  skipped: { event_id: string; reason: string }[];
}

/**
 * Format, send and classify. `settings` should point the vendor at the double (`endpoint_override`).
 *
 * @example
 * const d = await startDouble('meta_capi');
 * const r = await deliverThrough(metaCapi, { pixel_id: '1', access_token: 't', endpoint_override: d.url }, [fullPurchase()]);
 * r.outcomes // → [{ event_id: 'ORD-1001', status: 'delivered' }]
 */
export async function deliverThrough<S>(def: VendorDefinition<S>, rawSettings: unknown, events: Envelope[], ctx: Partial<FormatContext> = {}): Promise<DeliverResult> {
  const settings = def.parseSettings(rawSettings);
  const token = def.authorize ? (await def.authorize(settings, fetch)).token : undefined;
  const { requests, skipped } = def.format(events, settings, { testMode: false, ...(token ? { accessToken: token } : {}), ...ctx });
  const out: DeliverResult = { requests, responses: [], outcomes: [], skipped };
  for (const r of requests) {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) });
    const body = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    out.responses.push({ status: res.status, body });
    out.outcomes.push(...def.classify({ status: res.status, headers, body }, r, settings));
  }
  return out;
}
