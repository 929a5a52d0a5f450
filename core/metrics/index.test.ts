import { describe, expect, it } from 'vitest';
import { registerProcessorStats, startMetricsServer } from './index.js';

describe('metrics', () => {
  it('serves the registry on /metrics, with the processor counters read at scrape time', async () => {
    const stats = { received: 3, delivered: 5, dropped: 1 };
    registerProcessorStats(() => stats);
    const server = await startMetricsServer(0, '127.0.0.1');
    try {
      const first = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      expect(first).toContain('datafly_processor_events_total{outcome="received"} 3');
      stats.received = 7;
      const second = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      expect(second).toContain('datafly_processor_events_total{outcome="received"} 7');
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
