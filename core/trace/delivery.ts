/**
 * Delivery's steps of a watched event (the delivery service's sender and outcome recorder call
 * these): the request that went out with secrets masked, the vendor's answer with the parsed verdict for the event, and
 * the event's outcome (attempt, next retry time or DLQ entry). Nothing here runs for events of
 * unwatched pipelines.
 */
import type { DlqRecord, OutcomeRow } from '../dedup/delivered.js';
import { scrub, truncate } from '../secrets/scrub.js';
import type { DataflyError } from '../errors/index.js';
import type { ProduceRecord } from '../bus/types.js';
import { HEADERS, type DeliveryMessage } from '../topics.js';
import type { EventOutcome, OutboundRequest, VendorResponse } from '../vendors/types.js';
import { eventKeys, type TraceStatus, type TraceStepInput } from './step.js';
import type { Tracer } from './tracer.js';

/** Request and response bodies in a trace step are cut to this many bytes. */
const TRACE_BODY_LIMIT = 16 * 1024;

/** Headers whose whole value is a credential. */
const AUTH_HEADERS =
  /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|cookie|set-cookie)$/i;

interface TracedItem {
  msg: DeliveryMessage;
  attempt: number;
}

function maskHeaders(
  headers: Record<string, string>,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    out[k] = AUTH_HEADERS.test(k) ? '[redacted]' : scrub(v, secrets);
  return out;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const base = (
  integrationId: string,
  item: TracedItem,
): Omit<TraceStepInput, 'step' | 'summary' | 'data' | 'dataJson'> => ({
  pipeline_id: item.msg.pipeline_id,
  ...eventKeys(item.msg.envelope),
  integration_id: integrationId,
  part: 'delivery',
});

/**
 * One vendor exchange: a `request` and a `response` step for each watched event it carried.
 *
 * @example traceExchange(tracer, 'tmpl_1', ctx.secrets, req, items, { response, outcomes });
 */
export function traceExchange(
  tracer: Tracer,
  integrationId: string,
  secrets: readonly string[],
  req: OutboundRequest,
  items: readonly TracedItem[],
  answer:
    { response: VendorResponse; outcomes: readonly EventOutcome[] } | { failure: DataflyError },
): void {
  const watched = items.filter((i) => tracer.enabled(i.msg.pipeline_id));
  if (watched.length === 0) return;
  const body = req.body === undefined ? undefined : scrub(req.body, secrets);
  const request = {
    method: req.method,
    url: scrub(req.url, secrets),
    headers: maskHeaders(req.headers, secrets),
    ...(body === undefined ? {} : { body: truncate(body, TRACE_BODY_LIMIT) }),
  };
  // The mapped payload, parsed, when the request carries this one event (a batch's body is the request's).
  const payload =
    req.event_ids.length === 1 && body !== undefined && body.length <= TRACE_BODY_LIMIT
      ? parseJson(body)
      : undefined;
  // One batched request is seen from each of its events: serialise it once per attempt number.
  const requestData = new Map<number, string>();
  const requestJson = (attempt: number): string => {
    let text = requestData.get(attempt);
    if (text === undefined) {
      text = JSON.stringify({
        attempt,
        events_in_request: req.event_ids.length,
        request,
        ...(payload === undefined ? {} : { payload }),
      });
      requestData.set(attempt, text);
    }
    return text;
  };
  const byEvent =
    'response' in answer ? new Map(answer.outcomes.map((o) => [o.event_id, o])) : undefined;
  const response =
    'response' in answer
      ? {
          status: answer.response.status,
          headers: maskHeaders(answer.response.headers, secrets),
          body: truncate(scrub(answer.response.body, secrets), TRACE_BODY_LIMIT),
        }
      : undefined;
  for (const item of watched) {
    const b = base(integrationId, item);
    tracer.emit({
      ...b,
      step: 'request',
      summary: `${req.method} ${request.url} (attempt ${item.attempt}${req.event_ids.length > 1 ? `, ${req.event_ids.length} events in the request` : ''})`,
      dataJson: requestJson(item.attempt),
    });
    if ('failure' in answer) {
      tracer.emit({
        ...b,
        step: 'response',
        status: 'retrying',
        summary: `no answer: ${answer.failure.message}`,
        data: {
          attempt: item.attempt,
          error: { code: answer.failure.code, message: answer.failure.message },
        },
      });
      continue;
    }
    const verdict = byEvent?.get(item.msg.envelope.event_id);
    const status: TraceStatus =
      verdict?.status === 'delivered'
        ? 'delivered'
        : verdict?.status === 'failed'
          ? 'dead_lettered'
          : 'retrying';
    const why =
      verdict && verdict.status !== 'delivered' ? `: ${verdict.code} — ${verdict.reason}` : '';
    tracer.emit({
      ...b,
      step: 'response',
      status,
      summary: `vendor answered ${response!.status}, event ${verdict?.status ?? 'not named in the answer'}${why}`,
      data: { attempt: item.attempt, response, verdict: verdict ?? null },
    });
  }
}

const OUTCOME_STATUS: Record<OutcomeRow['outcome'], TraceStatus> = {
  delivered: 'delivered',
  failed: 'retrying',
  retried: 'retrying',
  dead_lettered: 'dead_lettered',
  skipped: 'skipped',
  consent_blocked: 'blocked',
  duplicate: 'duplicate',
};

/**
 * The final word on each watched event of a resolution: delivered, retry scheduled (when), or
 * dead-lettered (which entry, why).
 *
 * @example traceOutcomes(tracer, 'tmpl_1', items, res);
 */
export function traceOutcomes(
  tracer: Tracer,
  integrationId: string,
  items: readonly TracedItem[],
  res: {
    rows: readonly OutcomeRow[];
    retries: readonly ProduceRecord[];
    dead: readonly DlqRecord[];
  },
): void {
  const watched = items.filter((i) => tracer.enabled(i.msg.pipeline_id));
  if (watched.length === 0) return;
  // The last row of an event is its outcome (`failed` comes before `retried` / `dead_lettered`).
  const rows = new Map(res.rows.map((r) => [r.event_id, r]));
  const dead = new Map(res.dead.map((d) => [d.event_id, d]));
  const retries = new Map(res.retries.map((r) => [r.key, r]));
  for (const item of watched) {
    const id = item.msg.envelope.event_id;
    const row = rows.get(id);
    if (!row) continue;
    const dlq = dead.get(id);
    const retry = retries.get(id);
    const dueAt = Number(retry?.headers?.[HEADERS.dueAt]);
    let summary: string;
    const data: Record<string, unknown> = {
      attempt: item.attempt,
      outcome: row.outcome,
      status: row.status,
    };
    if (dlq) {
      summary = `dead-lettered after attempt ${item.attempt}: ${dlq.reason}`;
      data.dlq = {
        id: dlq.id,
        code: dlq.code,
        reason: dlq.reason,
        last_status: dlq.last_status,
        last_response: dlq.last_response,
      };
    } else if (retry && Number.isFinite(dueAt)) {
      summary = `attempt ${item.attempt} failed; next try (attempt ${item.attempt + 1}) at ${new Date(dueAt).toISOString()}`;
      data.next_retry_at = new Date(dueAt).toISOString();
      data.next_attempt = item.attempt + 1;
    } else if (row.outcome === 'delivered') {
      summary = `delivered on attempt ${item.attempt}${row.latency_ms === null ? '' : ` (${row.latency_ms} ms after the first try)`}`;
    } else if (row.outcome === 'consent_blocked') {
      summary = 'blocked by consent at delivery';
    } else {
      summary = row.outcome;
    }
    tracer.emit({
      ...base(integrationId, item),
      step: 'outcome',
      status: OUTCOME_STATUS[row.outcome],
      summary,
      data,
    });
  }
}
