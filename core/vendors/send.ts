/**
 * Sending one formatted request the way delivery does: each step (the request, then its `then`
 * chain) is sealed by the vendor (compressed, signed) just before it goes out, and the chain stops
 * at the first answer that is not 2xx. The caller classifies the answer against the step that
 * gave it. One implementation for the delivery worker and the vendor test helpers.
 */
import type { OutboundRequest, VendorDefinition, VendorResponse, WireRequest } from './types.js';

interface Sent {
  /** The step whose answer this is (the last one sent). */
  step: OutboundRequest;
  response: VendorResponse;
}

/**
 * The wire form of one step (the request itself when the vendor has no `seal`).
 *
 * @example const wire = await wireOf(s3, settings, request, Date.now()); // gzip body, SigV4 headers
 */
async function wireOf<S>(
  def: VendorDefinition<S>,
  settings: S,
  step: OutboundRequest,
  now: number,
): Promise<WireRequest> {
  if (def.seal) return def.seal(step, settings, now);
  return {
    method: step.method,
    url: step.url,
    headers: step.headers,
    ...(step.body === undefined ? {} : { body: step.body }),
  };
}

/**
 * Send a request and its `then` steps in order with `fetcher`; throws what `fetcher` throws.
 *
 * @example const { step, response } = await sendOutbound(def, settings, request, fetch, { now: Date.now });
 */
export async function sendOutbound<S>(
  def: VendorDefinition<S>,
  settings: S,
  request: OutboundRequest,
  fetcher: typeof fetch,
  opts: { now: () => number; timeoutMs?: number },
): Promise<Sent> {
  let step = request;
  for (;;) {
    const wire = await wireOf(def, settings, step, opts.now());
    const res = await fetcher(wire.url, {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body === undefined ? {} : { body: wire.body }),
      ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const response: VendorResponse = { status: res.status, headers, body: await res.text() };
    if (!step.then || res.status < 200 || res.status >= 300) return { step, response };
    step = step.then;
  }
}
