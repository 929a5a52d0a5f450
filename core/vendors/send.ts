/**
 * Sending one formatted request the way delivery does: each step (the request, then its `then`
 * chain) is sealed by the vendor (compressed, signed) just before it goes out, and the chain stops
 * at the first answer that is not 2xx. The caller classifies the answer against the step that
 * gave it. One implementation for the delivery worker and the vendor test helpers.
 */
import type { Transport } from './transport.js';
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
 * Send a request and its `then` steps in order through `transport`; throws what it throws. A
 * redirect is an answer like any other non-2xx (transports never follow one).
 *
 * @example const { step, response } = await sendOutbound(def, settings, request, undiciTransport(), { now: Date.now });
 */
export async function sendOutbound<S>(
  def: VendorDefinition<S>,
  settings: S,
  request: OutboundRequest,
  transport: Transport,
  opts: { now: () => number; timeoutMs?: number },
): Promise<Sent> {
  let step = request;
  for (;;) {
    const wire = await wireOf(def, settings, step, opts.now());
    const response = await transport(wire, opts.timeoutMs);
    if (!step.then || response.status < 200 || response.status >= 300) return { step, response };
    step = step.then;
  }
}
