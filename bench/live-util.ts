// A live debugger attached to a pipeline, for the benches' "debugger attached" runs: a bus
// tracer that sees a watch on the pipeline (announced on live-trace-control as the admin API
// does), so the processor and delivery build and publish every step of every event.
import type { Bus } from '../core/bus/types.js';
import { LIVE_CONTROL } from '../core/topics.js';
import { createBusTracer, type BusTracer } from '../core/trace/tracer.js';

/** @example const tracer = await attachDebugger(bus, 'pip_bench'); createProcessor({ …, tracer }); */
export async function attachDebugger(bus: Bus, pipelineId: string): Promise<BusTracer> {
  const tracer = createBusTracer({ bus });
  await tracer.start();
  const deadline = Date.now() + 30_000;
  while (!tracer.enabled(pipelineId)) {
    if (Date.now() > deadline) throw new Error('the bench tracer never saw its watch');
    // Repeated until the tracer's consumer (a new group reading from the latest offset) sees one.
    await bus.produce(LIVE_CONTROL, [
      {
        key: pipelineId,
        value: JSON.stringify({ v: 1, pipeline_id: pipelineId, until: Date.now() + 3_600_000 }),
      },
    ]);
    await new Promise((r) => setTimeout(r, 50));
  }
  return tracer;
}
