/**
 * Run events through a vendor definition against a double the way delivery would: parse,
 * authorize, format, seal and send each request (and its `then` steps) with `fetch`, classify. For double and e2e tests.
 */
import type { Envelope } from '../../event/index.js';
import { sendOutbound } from '../send.js';
import { fetchTransport } from '../transport.js';
import type { EventOutcome, FormatContext, OutboundRequest, VendorDefinition } from '../types.js';

interface DeliverResult {
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
export async function deliverThrough<S>(
  def: VendorDefinition<S>,
  rawSettings: unknown,
  events: Envelope[],
  ctx: Partial<FormatContext> = {},
): Promise<DeliverResult> {
  const settings = def.parseSettings(rawSettings);
  const token = def.authorize ? (await def.authorize(settings, fetch)).token : undefined;
  const { requests, skipped } = def.format(events, settings, {
    testMode: false,
    ...(token ? { accessToken: token } : {}),
    ...ctx,
  });
  const out: DeliverResult = { requests, responses: [], outcomes: [], skipped };
  for (const r of requests) {
    // Sealed (compressed, signed) and sent step by step, as delivery does (core/vendors/send.ts).
    const { step, response } = await sendOutbound(def, settings, r, fetchTransport(), {
      now: Date.now,
    });
    out.responses.push({ status: response.status, body: response.body });
    out.outcomes.push(...def.classify(response, step, settings));
  }
  return out;
}
