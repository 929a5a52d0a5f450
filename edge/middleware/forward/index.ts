/**
 * Forward envelopes to the Kafka REST bridge (docs/design.md "Edge → bridge"):
 * `POST {BRIDGE_URL}/topics/raw-events`, `Content-Type: application/vnd.kafka.json.v2+json`,
 * `{"records":[{"key":anonymous_id,"value":envelope}]}`, `Authorization: Bearer BRIDGE_TOKEN`.
 * The answer `{"offsets":[{partition, offset, error_code, error}]}` says per record whether it
 * was stored. A network error, a timeout, a non-2xx answer or an unreadable one means nothing
 * is known to be stored: `upstream_unavailable` (503 + Retry-After).
 */
import type { Context } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import type { Envelope } from '../../../core/event/index.js';
import type { EdgeEnv } from '../../types.js';
import type { TraceStep } from '../../../core/trace/step.js';
import { TRACE_PUBLISH_TIMEOUT_MS, tracedBridge, tracePublisher } from './trace.js';

const RAW_EVENTS_PATH = '/topics/raw-events';
export const KAFKA_JSON_V2 = 'application/vnd.kafka.json.v2+json';
/** Seconds a client is told to wait when the bridge is down. */
export const RETRY_AFTER_SECONDS = 5;

export interface BridgeRecord {
  key: string;
  value: Envelope;
}

/** What the bridge said about one record. */
export type RecordOutcome =
  { ok: true; partition: number; offset: number } | { ok: false; message: string };

export interface BridgeClient {
  /** Send records; resolves with one outcome per record, or throws `upstream_unavailable`. */
  send(records: BridgeRecord[]): Promise<RecordOutcome[]>;
}

interface Offset {
  partition?: number | null;
  offset?: number | null;
  error_code?: number | null;
  error?: string | null;
}

/** The offsets answer, checked by hand: this runs on every request (zod is jitless in workerd). */
function readOffsets(answer: unknown): Offset[] | null {
  const offsets = (answer as { offsets?: unknown } | null)?.offsets;
  if (!Array.isArray(offsets)) return null;
  for (const o of offsets as unknown[]) if (typeof o !== 'object' || o === null) return null;
  return offsets as Offset[];
}

const unavailable = (message: string, cause?: unknown) =>
  new DataflyError('upstream_unavailable', message, { retryAfter: RETRY_AFTER_SECONDS, cause });

/** Keeps a request the client stopped waiting for running to its end (`waitUntil`). */
type Background = (work: Promise<unknown>) => void;

/** A bridge client shared by the requests of an app; each send says how to finish late work. */
interface SharedBridgeClient {
  send(records: BridgeRecord[], background?: Background): Promise<RecordOutcome[]>;
}

/**
 * A bridge client bound to one URL and token.
 *
 * @example
 * const bridge = createBridgeClient({ url: env.BRIDGE_URL, token: env.BRIDGE_TOKEN, fetch, timeoutMs: 5000 })
 * const [outcome] = await bridge.send([{ key: envelope.anonymous_id, value: envelope }])
 */
function createBridgeClient(options: {
  url: string;
  token: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Requests open now, shared by the app's clients, and the most allowed (`bridgeMaxOpen`). */
  open?: { count: number; max: number };
}): SharedBridgeClient {
  const endpoint = options.url.replace(/\/+$/, '') + RAW_EVENTS_PATH;
  const open = options.open ?? { count: 0, max: Infinity };
  // One Headers for every request of this client: the runtime copies it into each request,
  // which costs less than converting a plain object each time (measured in workerd).
  const headers = new Headers({
    'content-type': KAFKA_JSON_V2,
    accept: 'application/json',
    authorization: `Bearer ${options.token}`,
  });
  return {
    async send(records, background) {
      if (records.length === 0) return [];
      if (open.count >= open.max)
        throw unavailable('too many requests are waiting for the event log; retry later');
      // The deadline is a race, not an abort: the bridge answers every request within its own
      // deadline (4 s, under this 5 s), so a late answer is let finish in the background. Aborting
      // the fetch instead leaves workerd's connection to the bridge in a state that stalls every
      // later request on it (measured locally: after the first aborts, no request is answered).
      // One promise settles with the answer, the failure or 'late', whichever comes first: fewer
      // promises and closures per event than Promise.race over the fetch and a timer promise.
      let request: Promise<Response>;
      try {
        request = options.fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify({ records }),
        });
      } catch (e) {
        throw unavailable('the event log is unreachable; retry later', e);
      }
      open.count++;
      const first = await new Promise<Response | 'late'>((resolve, reject) => {
        const timer = setTimeout(() => resolve('late'), options.timeoutMs);
        request.then(
          (r) => {
            open.count--;
            clearTimeout(timer);
            resolve(r);
          },
          (e: unknown) => {
            open.count--;
            clearTimeout(timer);
            reject(unavailable('the event log is unreachable; retry later', e));
          },
        );
      });
      if (first === 'late') {
        background?.(request.then((r) => r.text()).catch(() => undefined));
        throw unavailable('the event log did not answer in time; retry later');
      }
      const res = first;
      if (!res.ok) {
        // Read the (small) error body to its end: a cancelled body leaves workerd's connection to
        // the bridge neither reused nor closed, and enough of those stall every later request.
        await res.text().catch(() => undefined);
        throw unavailable(`the event log answered ${res.status}; retry later`);
      }
      let offsets: Offset[] | null;
      try {
        offsets = readOffsets(await res.json());
      } catch (e) {
        throw unavailable('the event log gave an unreadable answer; retry later', e);
      }
      if (!offsets) throw unavailable('the event log gave an unreadable answer; retry later');
      if (offsets.length !== records.length)
        throw unavailable('the event log answered for a different number of records; retry later');
      return offsets.map((o): RecordOutcome =>
        o.error_code || o.error
          ? {
              ok: false,
              message: `not stored by the event log (error_code ${o.error_code ?? 'unknown'}); retry later`,
            }
          : { ok: true, partition: Number(o.partition ?? 0), offset: Number(o.offset ?? 0) },
      );
    },
  };
}

/**
 * The bridge of an app: `attach(c)` puts a client for `c`'s environment on `c.get('bridge')`.
 * The client (its endpoint, headers and trace publisher) is built once per app and bindings,
 * not per request.
 *
 * @example const bridge = bridgeForApp(); app.use('/v1/*', async (c, next) => { bridge.attach(c); await next(); })
 */
export function bridgeForApp(): { attach(c: Context<EdgeEnv>): void } {
  /** The app's open bridge requests (an isolate serves one app). */
  let open: { count: number; max: number } | undefined;
  let shared:
    | {
        url: string;
        token: string;
        fetch: typeof fetch;
        client: SharedBridgeClient;
        publish: (steps: TraceStep[]) => Promise<void>;
      }
    | undefined;
  return {
    attach(c) {
      const deps = c.get('deps');
      const { BRIDGE_URL: url, BRIDGE_TOKEN: token } = c.env;
      if (shared?.url !== url || shared.token !== token || shared.fetch !== deps.fetch) {
        open ??= { count: 0, max: deps.bridgeMaxOpen };
        const target = { url, token, fetch: deps.fetch };
        shared = {
          ...target,
          client: createBridgeClient({ ...target, timeoutMs: deps.bridgeTimeoutMs, open }),
          publish: tracePublisher({ ...target, timeoutMs: TRACE_PUBLISH_TIMEOUT_MS }),
        };
      }
      const { client, publish } = shared;
      const background: Background = (work) => keepRunning(c, work);
      c.set(
        'bridge',
        tracedBridge({ send: (records) => client.send(records, background) }, c, publish),
      );
    },
  };
}

/** Let `work` finish after the answer (Workers' `waitUntil`; a plain promise where there is none). */
function keepRunning(c: Context<EdgeEnv>, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    void work;
  }
}
