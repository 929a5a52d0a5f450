/**
 * The tracer port the processor and delivery call, and its bus adapter.
 *
 * `enabled(pipelineId)` is a map lookup: tracing is off unless an admin process has announced a
 * watch on `live-trace-control` that has not expired. `emit(step)` never waits and never throws:
 * steps go into a bounded queue that is produced to `live-trace` in the background; when the
 * queue is full or a produce fails, the steps are counted per pipeline and the count is published
 * as a `notice` step, so a watcher always learns what it did not see.
 */
import type { Logger } from '../log/index.js';
import type { Bus, Consumer } from '../bus/types.js';
import { newId } from '../ids.js';
import { LIVE_CONTROL, LIVE_RETENTION_MS, LIVE_TRACE } from '../topics.js';
import { LiveWatch, type TraceStep, type TraceStepInput } from './step.js';

export interface Tracer {
  /** Whether a debugger watches this pipeline now (cheap: called per event). */
  enabled(pipelineId: string): boolean;
  /** Publish one step; never blocks the caller, never throws. */
  emit(step: TraceStepInput): void;
}

/** The tracer of a process nobody can watch (and the default everywhere). */
export const noTracer: Tracer = { enabled: () => false, emit: () => undefined };

/** The step as JSON; pre-serialised `dataJson` is spliced in, not parsed and written again. */
function serialise(input: TraceStepInput, at: number): string {
  const { dataJson, data, ...rest } = input;
  if (dataJson === undefined) return JSON.stringify({ ...rest, v: 1, at, data });
  // `data` is the last key, so the text ends in `"data":0}`.
  return `${JSON.stringify({ ...rest, v: 1, at, data: 0 }).slice(0, -2)}${dataJson}}`;
}

interface BusTracerOptions {
  bus: Bus;
  /** Steps waiting to be produced before new ones are dropped (counted) — default 5000. */
  maxQueue?: number;
  now?: () => number;
  log?: Logger;
}

export interface BusTracer extends Tracer {
  /** Follow `live-trace-control` (a group of its own: every process sees every watch). */
  start(): Promise<void>;
  /** Produce what is queued, stop following. */
  close(): Promise<void>;
  stats(): { emitted: number; published: number; dropped: number; watched: number };
}

/**
 * @example
 * const tracer = createBusTracer({ bus }); await tracer.start();
 * createProcessor({ bus, store, tracer });
 */
export function createBusTracer(options: BusTracerOptions): BusTracer {
  const { bus } = options;
  const now = options.now ?? Date.now;
  const maxQueue = options.maxQueue ?? 5_000;
  const log: Logger = options.log ?? (() => undefined);
  const watches = new Map<string, number>();
  /** Serialised when emitted: callers may change their objects afterwards. */
  let queue: { pipeline_id: string; value: string; notice?: number }[] = [];
  /** Steps not published, per pipeline, not yet reported in a notice. */
  const unreported = new Map<string, number>();
  const stats = { emitted: 0, published: 0, dropped: 0 };
  let flushing: Promise<void> | undefined;
  let consumer: Consumer | undefined;

  const drop = (pipelineId: string, n: number): void => {
    stats.dropped += n;
    unreported.set(pipelineId, (unreported.get(pipelineId) ?? 0) + n);
  };

  async function flush(): Promise<void> {
    while (queue.length > 0 || unreported.size > 0) {
      const batch = queue;
      queue = [];
      for (const [pipelineId, count] of unreported) {
        const notice: TraceStep = {
          v: 1,
          at: now(),
          pipeline_id: pipelineId,
          event_id: '',
          part: 'tracer',
          step: 'notice',
          summary: `${count} trace steps not published (the trace queue was full or the bus refused them)`,
          data: { dropped: count },
        };
        batch.push({ pipeline_id: pipelineId, value: JSON.stringify(notice), notice: count });
      }
      unreported.clear();
      try {
        await bus.produce(
          LIVE_TRACE,
          batch.map((s) => ({ key: s.pipeline_id, value: s.value })),
        );
        stats.published += batch.length;
      } catch (e) {
        // A notice that failed carries its count forward; it is not a step of its own.
        for (const s of batch) {
          if (s.notice === undefined) drop(s.pipeline_id, 1);
          else unreported.set(s.pipeline_id, (unreported.get(s.pipeline_id) ?? 0) + s.notice);
        }
        log('warn', 'live trace not published', {
          error: e instanceof Error ? e.message : String(e),
          steps: batch.length,
        });
        // The bus is unwell: leave the counts for the next emit to report.
        return;
      }
    }
  }

  const schedule = (): void => {
    if (flushing) return;
    flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(flush).finally(() => {
      flushing = undefined;
      if (queue.length > 0) schedule();
    });
  };

  return {
    enabled(pipelineId) {
      const until = watches.get(pipelineId);
      return until !== undefined && until > now();
    },
    emit(input) {
      stats.emitted++;
      if (queue.length >= maxQueue) {
        drop(input.pipeline_id, 1);
        return;
      }
      try {
        queue.push({ pipeline_id: input.pipeline_id, value: serialise(input, input.at ?? now()) });
      } catch {
        // Not serialisable (a cycle, a BigInt): counted like any other step not shown.
        drop(input.pipeline_id, 1);
      }
      schedule();
    },
    async start() {
      // Safe to call again after a failed start (the services retry it while Kafka is away).
      await consumer?.close().catch(() => undefined);
      consumer = undefined;
      await bus.createTopics([
        { topic: LIVE_TRACE, retentionMs: LIVE_RETENTION_MS },
        { topic: LIVE_CONTROL, retentionMs: LIVE_RETENTION_MS },
      ]);
      // Watches are renewed every few seconds, so reading from the latest offset is enough.
      consumer = bus.consumer({
        groupId: `live-tracer-${newId('p', 12)}`,
        topics: [LIVE_CONTROL],
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
          const watch = LiveWatch.safeParse(value);
          if (!watch.success) continue;
          if (watch.data.until > now()) watches.set(watch.data.pipeline_id, watch.data.until);
          else watches.delete(watch.data.pipeline_id);
        }
        const last = batch.messages.at(-1);
        if (last) await consumer?.commit(batch.topic, batch.partition, last.offset);
      });
    },
    async close() {
      await consumer?.close();
      consumer = undefined;
      await flushing;
    },
    stats: () => ({ ...stats, watched: [...watches.values()].filter((u) => u > now()).length }),
  };
}
