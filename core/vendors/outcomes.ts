/**
 * Small helpers vendor `classify` functions share: one verdict for every event of a request,
 * and the generic HTTP-status rules (docs/design.md "Retry") a vendor refines with its body codes.
 */
import { parseRetryAfter } from './retry.js';
import type { EventOutcome, OutboundRequest, VendorResponse } from './types.js';

/** An outcome without its event id. */
export type Verdict = EventOutcome extends infer O
  ? O extends EventOutcome
    ? Omit<O, 'event_id'>
    : never
  : never;

/**
 * The same verdict for every event the request carried.
 *
 * @example
 * everyEvent(request, { status: 'delivered' }) // → [{ event_id: 'a', status: 'delivered' }, …]
 */
export function everyEvent(
  request: Pick<OutboundRequest, 'event_ids'>,
  verdict: Verdict,
): EventOutcome[] {
  return request.event_ids.map((event_id) => ({ event_id, ...verdict }) as EventOutcome);
}

/**
 * `Retry-After` in ms as classify (which has no clock) can know it: delta seconds as is; an HTTP
 * date measured against the answer's own `Date` header, or unknown without one (never against
 * the epoch, which would mean a wait of decades).
 *
 * @example
 * retryAfterOf({ status: 429, headers: { 'retry-after': '30' }, body: '' }) // → 30000
 */
export function retryAfterOf(response: VendorResponse): number | undefined {
  const value = response.headers['retry-after'];
  if (!value) return undefined;
  const now = Date.parse(response.headers.date ?? '');
  if (Number.isNaN(now))
    return /^\s*\d+(\.\d+)?\s*$/.test(value) ? parseRetryAfter(value, 0) : undefined;
  return parseRetryAfter(value, now);
}

/**
 * Generic status rules: 429 → throttled retry (honouring Retry-After),
 * 408/5xx → retry, 401/403 → auth failure, other 4xx → rejected; 2xx → undefined (the vendor decides).
 *
 * @example
 * httpVerdict({ status: 503, headers: {}, body: '' }, 'HTTP 503') // → { status: 'retry', code: 'vendor_server_error', reason: 'HTTP 503' }
 */
export function httpVerdict(response: VendorResponse, reason: string): Verdict | undefined {
  const { status } = response;
  if (status === 429) {
    const ms = retryAfterOf(response);
    return {
      status: 'retry',
      code: 'vendor_throttled',
      reason,
      ...(ms !== undefined ? { retryAfterMs: ms } : {}),
    };
  }
  if (status === 408 || status >= 500)
    return { status: 'retry', code: 'vendor_server_error', reason };
  if (status === 401 || status === 403) return { status: 'failed', code: 'vendor_auth', reason };
  if (status >= 400 || status < 200 || status >= 300)
    return { status: 'failed', code: 'vendor_rejected', reason };
  return undefined;
}

/**
 * Parse a JSON body, or undefined.
 *
 * @example
 * jsonBody('{"a":1}') // → { a: 1 }
 */
export function jsonBody(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}
