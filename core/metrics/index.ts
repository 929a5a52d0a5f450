/**
 * Prometheus metrics for the Node services (prom-client). One registry per process; each
 * service adds its own metrics to it and serves `/metrics` with `metricsResponse`.
 *
 * @example
 * app.get('/metrics', async () => metricsResponse());
 */
import { createServer } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process-wide registry (default Node metrics included once). */
const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Delivery metrics (labels: integration_id, outcome / status class). */
export const deliveryMetrics = {
  events: new Counter({
    name: 'datafly_delivery_events_total',
    help: 'Events by delivery outcome (delivered, failed, retried, dead_lettered, skipped, consent_blocked, duplicate).',
    labelNames: ['integration_id', 'outcome'] as const,
    registers: [registry],
  }),
  requests: new Histogram({
    name: 'datafly_delivery_request_seconds',
    help: 'Vendor request duration by HTTP status class (2xx, 4xx, 5xx, timeout, network).',
    labelNames: ['integration_id', 'status_class'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  latency: new Histogram({
    name: 'datafly_delivery_latency_seconds',
    help: 'Time from first enqueue to delivery, per delivered event.',
    labelNames: ['integration_id'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [registry],
  }),
  inFlight: new Gauge({
    name: 'datafly_delivery_in_flight',
    help: 'Events read but not yet resolved (sent, scheduled for retry or dead-lettered).',
    labelNames: ['integration_id'] as const,
    registers: [registry],
  }),
  paused: new Gauge({
    name: 'datafly_delivery_paused',
    help: '1 while the integration consumer is paused (rate limit or in-flight cap).',
    labelNames: ['integration_id'] as const,
    registers: [registry],
  }),
};

/**
 * The `/metrics` answer in Prometheus text format.
 *
 * @example const res = await metricsResponse(); res.headers.get('content-type')
 */
export async function metricsResponse(): Promise<Response> {
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
}

/** Bridge metrics: records produced per topic (result: ok, error). */
export const bridgeMetrics = {
  records: new Counter({
    name: 'datafly_bridge_records_total',
    help: 'Records the bridge was asked to produce, by topic and result.',
    labelNames: ['topic', 'result'] as const,
    registers: [registry],
  }),
};

/**
 * Expose a processor's running counters (`stats()`) as `datafly_processor_events_total{outcome}`.
 *
 * @example registerProcessorStats(() => processor.stats());
 */
export function registerProcessorStats(stats: () => Readonly<Record<string, number>>): void {
  if (registry.getSingleMetric('datafly_processor_events_total'))
    registry.removeSingleMetric('datafly_processor_events_total');
  new Gauge({
    name: 'datafly_processor_events_total',
    help: 'Processor counters since start: received, delivered (fan-out messages), dropped, consentDenied, deadLettered, batches, configReloads.',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      for (const [outcome, value] of Object.entries(stats())) this.set({ outcome }, value);
    },
  });
}

/**
 * A tiny `/metrics` HTTP server for services without an HTTP API of their own (processor,
 * delivery). Port 0 picks a free port; a negative port disables it. With `ready`, it also
 * answers `/healthz` (the process is up: 200) and `/readyz` (200 when `ready()`, else 503).
 *
 * @example const server = await startMetricsServer(9465, '0.0.0.0', () => started); … await server.close();
 */
export async function startMetricsServer(
  port: number,
  host = '0.0.0.0',
  ready?: () => boolean,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    if (ready && (req.url === '/healthz' || req.url === '/readyz')) {
      const ok = req.url === '/healthz' || ready();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(req.url === '/healthz' ? { ok: true } : { ready: ok }));
      return;
    }
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
