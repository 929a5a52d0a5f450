/**
 * What BigQuery's declaration cannot say as data (docs/vendors/ads-analytics-warehouse.md §9a): the service-account key's
 * shape, test mode's `{suffix}_test` table, and insertAll's answers — `insertErrors[index]` fail
 * that row (`stopped` rows are retried), 403 `rateLimitExceeded`/`quotaExceeded` are throttling
 * (quota: wait ten minutes), `backendError` is retried, a missing table is permanent.
 */
import { everyEvent, httpVerdict, jsonBody } from '../outcomes.js';
import type { SpecHooks } from '../spec/interpret.js';
import type { EventOutcome } from '../types.js';

/** How long to wait after `quotaExceeded` (a long-term quota; docs/vendors/ads-analytics-warehouse.md §9 says ≥10 min). */
const QUOTA_EXCEEDED_WAIT_MS = 10 * 60 * 1000;
/** Suffix test mode writes to. */
const TEST_TABLE_SUFFIX = '_test';

type InsertError = {
  index?: number;
  errors?: { reason?: string; location?: string; message?: string }[];
};
type BqError = { error?: { message?: string; errors?: { reason?: string }[] } };

export const bigqueryHooks: SpecHooks = {
  settings(params) {
    params.test_table_suffix = `${typeof params.template_suffix === 'string' ? params.template_suffix : ''}${TEST_TABLE_SUFFIX}`;
  },
  classify(response, request) {
    const body = jsonBody(response.body) as
      (InsertError & BqError & { insertErrors?: InsertError[] }) | undefined;
    if (response.status >= 200 && response.status < 300) {
      const errors = new Map(
        (Array.isArray(body?.insertErrors) ? body.insertErrors : []).map((e) => [
          e.index,
          e.errors ?? [],
        ]),
      );
      return request.event_ids.map((event_id, i): EventOutcome => {
        const errs = errors.get(i);
        if (!errs) return { event_id, status: 'delivered' };
        const real = errs.find((e) => e.reason !== 'stopped');
        if (!real)
          return {
            event_id,
            status: 'retry',
            code: 'vendor_server_error',
            reason: 'stopped: another row in the request was invalid',
          };
        return {
          event_id,
          status: 'failed',
          code: 'vendor_rejected',
          reason:
            `${real.reason ?? 'invalid'}${real.location ? ` at ${real.location}` : ''}: ${real.message ?? ''}`.trim(),
        };
      });
    }
    const reasons = (body?.error?.errors ?? []).map((e) => e.reason);
    const reason = `HTTP ${response.status}${reasons.length ? ` ${reasons.join(',')}` : ''}${body?.error?.message ? `: ${body.error.message}` : ''}`;
    if (reasons.includes('quotaExceeded'))
      return everyEvent(request, {
        status: 'retry',
        code: 'vendor_throttled',
        reason,
        retryAfterMs: QUOTA_EXCEEDED_WAIT_MS,
      });
    if (reasons.includes('rateLimitExceeded'))
      return everyEvent(request, { status: 'retry', code: 'vendor_throttled', reason });
    if (reasons.includes('backendError'))
      return everyEvent(request, { status: 'retry', code: 'vendor_server_error', reason });
    if (response.status === 404)
      return everyEvent(request, { status: 'failed', code: 'vendor_rejected', reason });
    return everyEvent(
      request,
      httpVerdict(response, reason) ?? { status: 'failed', code: 'vendor_rejected', reason },
    );
  },
};
