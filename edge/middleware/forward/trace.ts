/**
 * The edge's part of the live trace (docs/design.md "Live trace"): while a debugger watches the
 * pipeline (the key record's `trace_until`, written by admin), each event's `edge_received` step
 * — the body as the client sent it and the envelope after enrichment — goes to the bridge's
 * `live-trace` topic just before the event goes to `raw-events`, keyed like the processor's steps
 * so that a watcher sees it first. Only watched pipelines pay for it (one more bridge request,
 * bounded by a 1 s timeout); a failed publish leaves the edge's line out and nothing else.
 */
import type { Context } from 'hono';
import type { Envelope } from '../../../core/event/index.js';
import { LIVE_TRACE } from '../../../core/topics.js';
import { eventKeys, type TraceStep } from '../../../core/trace/step.js';
import type { EdgeEnv } from '../../types.js';
import { KAFKA_JSON_V2, type BridgeClient, type BridgeRecord } from './index.js';

/** The body shown in a step is cut here (a batch request may be 500 KB). */
export const TRACE_BODY_BYTES = 32 * 1024;
const LIVE_TRACE_PATH = `/topics/${LIVE_TRACE}`;

/** How long a watched request waits at most for its trace step to be stored. */
export const TRACE_PUBLISH_TIMEOUT_MS = 1_000;

/**
 * The `edge_received` step of one envelope about to be stored.
 *
 * @example edgeStep(envelope, '{"event":"Purchase"}', 1_700_000_000_000).step // → 'edge_received'
 */
function edgeStep(envelope: Envelope, body: string, at: number): TraceStep {
  const cut = body.length > TRACE_BODY_BYTES;
  return {
    v: 1,
    at,
    pipeline_id: envelope.source.pipeline_id,
    ...eventKeys(envelope),
    part: 'edge',
    step: 'edge_received',
    status: 'ok',
    summary: `received at the edge: ${envelope.type}${envelope.event ? ` ${envelope.event}` : ''} (${envelope.source.kind})`,
    data: {
      body: cut ? body.slice(0, TRACE_BODY_BYTES) : body,
      ...(cut ? { body_cut_at: TRACE_BODY_BYTES } : {}),
      envelope,
    },
  };
}

/** What the client sent: the raw body, or for a pixel (no body) the query string. */
function sentBody(c: Context<EdgeEnv>): string {
  const raw = c.get('rawBody') as string | undefined;
  if (raw !== undefined) return raw;
  const url = new URL(c.req.url);
  return url.search.replace(/^\?/, '');
}

/**
 * A bridge client that first publishes the `edge_received` steps of the records it is about to
 * send while the request's key says its pipeline is watched.
 *
 * @example c.set('bridge', tracedBridge(client, c, publish))
 */
export function tracedBridge(
  inner: BridgeClient,
  c: Context<EdgeEnv>,
  publish: (steps: TraceStep[]) => Promise<void>,
): BridgeClient {
  const traced = async (records: BridgeRecord[], at: number) => {
    const body = sentBody(c);
    await publish(records.map((r) => edgeStep(r.value, body, at)));
    return inner.send(records);
  };
  return {
    send(records: BridgeRecord[]) {
      const until = (c.get('key') as { trace_until?: number } | undefined)?.trace_until;
      // Unwatched pipelines (nearly every request) go straight to the bridge.
      if (until === undefined || records.length === 0) return inner.send(records);
      const at = c.get('deps').now();
      return until > at ? traced(records, at) : inner.send(records);
    },
  };
}

/**
 * Publish steps to the bridge's `live-trace` topic (best effort: failures are swallowed).
 *
 * @example const publish = tracePublisher({ url, token, fetch, timeoutMs: 2000 });
 */
export function tracePublisher(options: {
  url: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
}): (steps: TraceStep[]) => Promise<void> {
  const endpoint = options.url.replace(/\/+$/, '') + LIVE_TRACE_PATH;
  return async (steps) => {
    try {
      const res = await options.fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': KAFKA_JSON_V2,
          accept: 'application/json',
          authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify({ records: steps.map((s) => ({ key: s.pipeline_id, value: s })) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await res.body?.cancel();
    } catch {
      // The trace is best effort; the event itself is already stored.
    }
  };
}
