/** An integration's delivery dashboard: success rate, retries, DLQ depth, p50/p95 latency per window and pipeline. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { TimeChart } from '../lib/chart';
import { FormError, Loading, pct, TabBar } from '../lib/ui';

const WINDOWS = [
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
] as const;
type Window = (typeof WINDOWS)[number]['value'];

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)} ms`);
/** "240 / 358 ms": one unit, so the pair fits a KPI tile. */
const latency = (p50: number | null, p95: number | null) =>
  p50 === null || p95 === null
    ? `${ms(p50)} / ${ms(p95)}`
    : `${Math.round(p50)} / ${Math.round(p95)} ms`;

export function DeliveryDashboard({ integrationId }: { integrationId: string }) {
  const [window, setWindow] = useState<Window>('1h');
  const [pipeline, setPipeline] = useState('');
  const stats = useQuery({
    queryKey: ['stats', integrationId, window, pipeline],
    queryFn: () =>
      ok(
        api.GET('/v1/admin/integrations/{integration_id}/stats', {
          params: {
            path: { integration_id: integrationId },
            query: { window, ...(pipeline ? { pipeline_id: pipeline } : {}) },
          },
        }),
      ),
    refetchInterval: 5000,
  });
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => ok(api.GET('/v1/admin/pipelines')),
  });
  const names = new Map(pipelines.data?.pipelines.map((p) => [p.id, p.name]));
  return (
    <section className="stack" aria-label="Delivery dashboard">
      <TabBar
        label="Time window"
        value={window}
        onChange={(v) => setWindow(v as Window)}
        tabs={[...WINDOWS]}
      >
        {(pipelines.data?.pipelines.length ?? 0) > 0 && (
          <div className="inline-field">
            <label htmlFor="dash-pipeline">Pipeline</label>
            <select
              id="dash-pipeline"
              value={pipeline}
              onChange={(e) => setPipeline(e.target.value)}
            >
              <option value="">All pipelines</option>
              {pipelines.data!.pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {pipeline && (
              <span className="muted small">DLQ depth is the integration’s, across pipelines.</span>
            )}
          </div>
        )}
        {stats.isLoading && <Loading />}
        <FormError error={stats.error} />
        {stats.data && (
          <>
            <div className="kpis">
              <Kpi
                label="Delivered"
                value={String(stats.data.total.delivered)}
                testId="kpi-delivered"
              />
              <Kpi label="Success rate" value={pct(stats.data.total.success_rate)} />
              <Kpi label="Retries" value={String(stats.data.total.retried)} />
              <Kpi label="Dead-lettered" value={String(stats.data.total.dead_lettered)} />
              <Kpi
                label="DLQ depth (now)"
                value={String(stats.data.dlq_depth)}
                tone={stats.data.dlq_depth > 0 ? 'bad' : undefined}
                testId="kpi-dlq"
              />
              <Kpi
                label="Latency p50 / p95"
                value={latency(stats.data.total.p50_latency_ms, stats.data.total.p95_latency_ms)}
              />
            </div>
            <DeliveryCharts
              series={stats.data.series}
              windowLabel={WINDOWS.find((w) => w.value === window)!.label}
            />
            <div className="card">
              <h2>Per pipeline</h2>
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Pipeline</th>
                      <th>Delivered</th>
                      <th>Failed</th>
                      <th>Retries</th>
                      <th>DLQ</th>
                      <th>Consent-blocked</th>
                      <th>Success</th>
                      <th>p50 / p95</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.data.pipelines.length === 0 && (
                      <tr>
                        <td colSpan={8} className="muted">
                          No deliveries in this window.
                        </td>
                      </tr>
                    )}
                    {stats.data.pipelines.map((r) => (
                      <tr key={r.pipeline_id ?? 'all'}>
                        <td>{names.get(r.pipeline_id ?? '') ?? r.pipeline_id}</td>
                        <td>{r.delivered}</td>
                        <td>{r.failed}</td>
                        <td>{r.retried}</td>
                        <td>{r.dead_lettered}</td>
                        <td>{r.consent_blocked}</td>
                        <td>{pct(r.success_rate)}</td>
                        <td>
                          {ms(r.p50_latency_ms)} / {ms(r.p95_latency_ms)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </>
        )}
      </TabBar>
    </section>
  );
}

type Series = {
  bucket_ms: number;
  buckets: {
    at: string;
    delivered: number;
    failed: number;
    retried: number;
    dead_lettered: number;
    p50_latency_ms: number | null;
    p95_latency_ms: number | null;
  }[];
};

function DeliveryCharts({ series, windowLabel }: { series: Series; windowLabel: string }) {
  const at = series.buckets.map((b) => Date.parse(b.at));
  const sum = (k: 'delivered' | 'failed' | 'retried' | 'dead_lettered') =>
    series.buckets.reduce((a, b) => a + b[k], 0);
  const minutes = Math.round(series.bucket_ms / 60_000);
  const every =
    minutes >= 60 ? `every ${Math.round(series.bucket_ms / 3_600_000)} h` : `every ${minutes} min`;
  const p95 = series.buckets.map((b) => b.p95_latency_ms).filter((v): v is number => v !== null);
  return (
    <div className="chart-grid">
      <div className="card">
        <TimeChart
          testId="chart-outcomes"
          counts
          label={`Deliveries over the last ${windowLabel} (${every})`}
          summary={`${sum('delivered')} delivered, ${sum('failed')} failed attempts, ${sum('retried')} retries, ${sum('dead_lettered')} dead-lettered`}
          at={at}
          series={[
            {
              label: 'Delivered',
              values: series.buckets.map((b) => b.delivered),
              color: '#116329',
            },
            { label: 'Failed', values: series.buckets.map((b) => b.failed), color: '#cf222e' },
            {
              label: 'Retried',
              values: series.buckets.map((b) => b.retried),
              color: '#bc4c00',
              dashed: true,
            },
            {
              label: 'Dead-lettered',
              values: series.buckets.map((b) => b.dead_lettered),
              color: '#8250df',
            },
          ]}
        />
      </div>
      <div className="card">
        <TimeChart
          testId="chart-latency"
          label={`Vendor latency (${every})`}
          summary={
            p95.length
              ? `p95 between ${Math.min(...p95)} and ${Math.max(...p95)} ms`
              : 'no deliveries in this window'
          }
          unit=" ms"
          at={at}
          series={[
            { label: 'p50', values: series.buckets.map((b) => b.p50_latency_ms), color: '#0b5cd5' },
            {
              label: 'p95',
              values: series.buckets.map((b) => b.p95_latency_ms),
              color: '#bf3989',
              dashed: true,
            },
          ]}
        />
      </div>
    </div>
  );
}

function Kpi({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone?: 'bad';
  testId?: string;
}) {
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ''}`} data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
    </div>
  );
}
