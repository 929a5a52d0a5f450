/**
 * The port delivery sends a sealed request through: one exchange in, the vendor's answer out.
 * Redirects are never followed: a 3xx is the answer (a Delivery Spec's URL is checked against
 * private networks when it is saved, and following a redirect would reach past that check).
 * A request that has no whole answer within `timeoutMs` (connect, send, headers and body together)
 * fails with a `TimeoutError`; anything else that stops the exchange is thrown as the transport
 * threw it (its `cause`, when it has one, says why).
 *
 * Two implementations: `undiciTransport` (the delivery worker's: the `undici` package's
 * `request()` over keep-alive connections, without WHATWG streams or a copy of each request) and
 * `fetchTransport` (any `fetch`, for tests and helpers that stub it).
 */
import { Agent, request } from 'undici';
import type { VendorResponse, WireRequest } from './types.js';

/**
 * @example const response = await transport({ method: 'POST', url, headers, body }, 10_000);
 */
export type Transport = (wire: WireRequest, timeoutMs?: number) => Promise<VendorResponse>;

/** The error a request that had no whole answer within its timeout rejects with. */
function timeoutError(ms: number): Error {
  const e = new Error(`no answer within ${ms} ms`);
  e.name = 'TimeoutError';
  return e;
}

/**
 * A transport over `fetcher` (global `fetch` by default), with `redirect: 'manual'`: Node's fetch
 * then answers with the 3xx itself.
 *
 * @example const transport = fetchTransport(async () => new Response('ok'));
 */
export function fetchTransport(fetcher: typeof fetch = fetch): Transport {
  return async (wire, timeoutMs) => {
    const res = await fetcher(wire.url, {
      method: wire.method,
      headers: wire.headers,
      redirect: 'manual',
      ...(wire.body === undefined ? {} : { body: wire.body }),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: res.status, headers, body: await res.text() };
  };
}

/**
 * `fetcher` with `redirect: 'manual'` on every call, for the requests delivery makes outside a
 * transport (access tokens: `VendorDefinition.authorize`), whose URLs are checked when saved too.
 *
 * @example const token = await def.authorize(settings, withoutRedirects(fetch));
 */
export function withoutRedirects(fetcher: typeof fetch): typeof fetch {
  return (input, init) => fetcher(input, { ...init, redirect: 'manual' });
}

/**
 * A transport over the `undici` package's `request()` with its own keep-alive connection pool
 * (`undici.Agent`, one pool per origin). Redirects are not followed (`request()` never does).
 *
 * @example const transport = undiciTransport(); await transport(wire, 10_000);
 */
export function undiciTransport(agent: Agent = sharedAgent()): Transport {
  return async (wire, timeoutMs) => {
    // One timer for the whole exchange (undici's own headers and body timeouts would each restart
    // on progress, leaving a slow body unbounded); aborting it closes the connection.
    const abort = timeoutMs ? new AbortController() : undefined;
    const timer = abort
      ? setTimeout(() => abort.abort(timeoutError(timeoutMs!)), timeoutMs)
      : undefined;
    try {
      const res = await request(wire.url, {
        dispatcher: agent,
        method: wire.method,
        headers: withFetchDefaults(wire),
        ...(wire.body === undefined ? {} : { body: wire.body }),
        ...(abort ? { signal: abort.signal } : {}),
      });
      const body = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      return { status: res.statusCode, headers, body };
    } catch (e) {
      // The abort's reason is what `request()` rejects with; said here once for either step.
      if (abort?.signal.aborted) throw abort.signal.reason;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The request's headers plus those Node's `fetch` adds when a request names none, so a vendor sees
 * the requests it saw when delivery sent with `fetch`: `accept` (any type), `user-agent: node`, and
 * for a text body `content-type: text/plain;charset=UTF-8` (the Fetch Standard's type for a string).
 */
function withFetchDefaults(wire: WireRequest): Record<string, string> {
  let accept = false;
  let agent = false;
  let type = typeof wire.body !== 'string';
  for (const k in wire.headers) {
    const name = k.toLowerCase();
    if (name === 'accept') accept = true;
    else if (name === 'user-agent') agent = true;
    else if (name === 'content-type') type = true;
  }
  if (accept && agent && type) return wire.headers;
  return {
    ...(accept ? {} : { accept: '*/*' }),
    ...(agent ? {} : { 'user-agent': 'node' }),
    ...(type ? {} : { 'content-type': 'text/plain;charset=UTF-8' }),
    ...wire.headers,
  };
}

let agent: Agent | undefined;
/**
 * One pool for the process, made on first use (like `fetch`'s global dispatcher).
 *
 * @example await request(url, { dispatcher: sharedAgent() });
 */
export function sharedAgent(): Agent {
  agent ??= new Agent();
  return agent;
}
