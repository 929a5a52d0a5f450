/**
 * The admin side of the live trace: follows `live-trace` (a consumer group of its own, so every
 * admin process sees every step), hands each step to the sessions watching its pipeline, and
 * announces on `live-trace-control` which pipelines are watched. A watch lasts `watchTtlMs` and
 * is renewed while a socket is attached; when the last socket of a pipeline goes, tracing for it
 * is switched off at once, and a dead admin process stops it within `watchTtlMs`.
 */
import type { Logger } from '../../core/log/index.js';
import type { Bus, Consumer } from '../../core/bus/types.js';
import { newId } from '../../core/ids.js';
import { LIVE_CONTROL, LIVE_RETENTION_MS, LIVE_TRACE } from '../../core/topics.js';
import { TraceStep, type LiveWatch } from '../../core/trace/step.js';
import {
  CLOSE,
  DEFAULT_LIMITS,
  LiveSession,
  type LiveFilters,
  type LiveSocket,
  type SessionLimits,
} from './session.js';

interface LiveHubOptions {
  bus: Bus;
  limits?: Partial<SessionLimits>;
  /** How long one announcement keeps tracing on (default 30 s; renewed every third of it). */
  watchTtlMs?: number;
  now?: () => number;
  log?: Logger;
  /**
   * Tell the edge that a pipeline is watched until `until` (ms since epoch), or no longer (`null`):
   * admin writes it into the pipeline's key records, and the edge then publishes what it received
   * (core/keys/record.ts `trace_until`). Failures are logged; the rest of the trace goes on.
   */
  edgeWindow?: (pipelineId: string, until: number | null) => Promise<void>;
}

export interface LiveHubStats {
  sessions: number;
  watchedPipelines: number;
  steps: number;
  droppedEvents: number;
}

export interface LiveHub {
  start(): Promise<void>;
  close(): Promise<void>;
  /** Attach a socket; the pipeline's tracing is on once this resolves. */
  open(socket: LiveSocket, filters: LiveFilters, raw: boolean): Promise<LiveSession>;
  /** New filters for a session (switching pipelines moves the watch). */
  refilter(session: LiveSession, filters: LiveFilters): Promise<void>;
  stats(): LiveHubStats;
}

/**
 * @example
 * const live = createLiveHub({ bus }); await live.start();
 * createAdminApp({ ...deps, live });
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { bus } = options;
  const now = options.now ?? Date.now;
  const ttl = options.watchTtlMs ?? 30_000;
  const log: Logger = options.log ?? (() => undefined);
  const sessions = new Set<LiveSession>();
  const watchers = new Map<string, number>();
  const counters = { steps: 0, droppedEvents: 0 };
  let consumer: Consumer | undefined;
  let renew: ReturnType<typeof setInterval> | undefined;

  const announce = async (pipelineIds: string[], on: boolean): Promise<void> => {
    if (pipelineIds.length === 0) return;
    const until = on ? now() + ttl : 0;
    await bus.produce(
      LIVE_CONTROL,
      pipelineIds.map((pipeline_id) => ({
        key: pipeline_id,
        value: JSON.stringify({ v: 1, pipeline_id, until } satisfies LiveWatch),
      })),
    );
  };

  /** pipeline → the edge's window as last written (key records change only when it must grow). */
  const edgeUntil = new Map<string, number>();
  const sessionMs = options.limits?.sessionMs ?? DEFAULT_LIMITS.sessionMs;
  const setEdgeWindow = async (pipelineId: string, until: number | null): Promise<void> => {
    if (!options.edgeWindow) return;
    if (until === null) edgeUntil.delete(pipelineId);
    else edgeUntil.set(pipelineId, until);
    try {
      await options.edgeWindow(pipelineId, until);
    } catch (e) {
      log('warn', 'could not tell the edge about the live watch', {
        pipeline_id: pipelineId,
        error: String(e),
      });
    }
  };

  const watch = async (pipelineId: string): Promise<void> => {
    watchers.set(pipelineId, (watchers.get(pipelineId) ?? 0) + 1);
    await announce([pipelineId], true);
    // A session lasts at most `sessionMs`: one key-record write covers it (KV writes are slow and
    // rate-limited), another only when a later session outlasts the window by a tenth.
    const wanted = now() + sessionMs;
    if (wanted > (edgeUntil.get(pipelineId) ?? 0) + sessionMs / 10)
      await setEdgeWindow(pipelineId, wanted);
  };

  const unwatch = (pipelineId: string): void => {
    const n = (watchers.get(pipelineId) ?? 1) - 1;
    if (n > 0) {
      watchers.set(pipelineId, n);
      return;
    }
    watchers.delete(pipelineId);
    if (edgeUntil.has(pipelineId)) void setEdgeWindow(pipelineId, null);
    announce([pipelineId], false).catch((e: unknown) =>
      log('warn', 'could not switch tracing off', { pipeline_id: pipelineId, error: String(e) }),
    );
  };

  return {
    async start() {
      await bus.createTopics([
        { topic: LIVE_TRACE, retentionMs: LIVE_RETENTION_MS },
        { topic: LIVE_CONTROL, retentionMs: LIVE_RETENTION_MS },
      ]);
      consumer = bus.consumer({
        groupId: `live-admin-${newId('a', 12)}`,
        topics: [LIVE_TRACE],
        fromBeginning: false,
      });
      await consumer.run(async (batch) => {
        for (const m of batch.messages) {
          let value: unknown;
          try {
            value = JSON.parse(m.value);
          } catch {
            continue;
          }
          const step = TraceStep.safeParse(value);
          if (!step.success) continue;
          counters.steps++;
          for (const s of sessions) s.offer(step.data);
        }
        const last = batch.messages.at(-1);
        if (last) await consumer?.commit(batch.topic, batch.partition, last.offset);
      });
      renew = setInterval(
        () => {
          announce([...watchers.keys()], true).catch((e: unknown) =>
            log('warn', 'could not renew live watches', { error: String(e) }),
          );
        },
        Math.max(100, Math.floor(ttl / 3)),
      );
      renew.unref();
    },
    async close() {
      if (renew) clearInterval(renew);
      for (const s of [...sessions]) s.end(CLOSE.shutdown, 'the admin API is shutting down');
      await consumer?.close();
      consumer = undefined;
    },
    async open(socket, filters, raw) {
      let limit: ReturnType<typeof setTimeout> | undefined;
      const session: LiveSession = new LiveSession(socket, filters, raw, options.limits, () => {
        if (limit) clearTimeout(limit);
        sessions.delete(session);
        counters.droppedEvents += session.stats.droppedEvents;
        unwatch(session.filters.pipeline_id);
      });
      sessions.add(session);
      try {
        await watch(filters.pipeline_id);
      } catch (e) {
        // The bus refused the announcement: nothing is traced, so no session either.
        session.end(CLOSE.shutdown, 'could not switch tracing on; try again');
        throw e;
      }
      const minutes = Math.round(session.limits.sessionMs / 60_000);
      limit = setTimeout(
        () =>
          session.end(
            CLOSE.timeLimit,
            `time limit reached (${minutes} min); reconnect to go on watching`,
          ),
        session.limits.sessionMs,
      );
      limit.unref();
      return session;
    },
    async refilter(session, filters) {
      const before = session.filters.pipeline_id;
      if (before !== filters.pipeline_id) {
        await watch(filters.pipeline_id);
        unwatch(before);
      }
      session.setFilters(filters);
    },
    stats: () => ({
      sessions: sessions.size,
      watchedPipelines: watchers.size,
      steps: counters.steps,
      droppedEvents:
        counters.droppedEvents + [...sessions].reduce((n, s) => n + s.stats.droppedEvents, 0),
    }),
  };
}
