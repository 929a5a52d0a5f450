/** Overview: per integration, deliveries, failures and DLQ depth over a window; where to start when empty. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { TimeChart } from '../lib/chart';
import { Badge, Empty, Loading, PageHeader, pct, TabBar } from '../lib/ui';
import { VendorMark } from '../lib/vendor';

/** `1 pipeline`, `3 pipelines`, `… pipelines` while loading. */
const count = (n: number | undefined, noun: string): string =>
  n === undefined ? `… ${noun}s` : `${n} ${noun}${n === 1 ? '' : 's'}`;

const WINDOWS = [
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
] as const;

export function OverviewPage() {
  const [window, setWindow] = useState<(typeof WINDOWS)[number]['value']>('24h');
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: () => ok(api.GET('/v1/admin/integration-templates')),
  });
  const pipelines = useQuery({
    queryKey: ['pipelines'],
    queryFn: () => ok(api.GET('/v1/admin/pipelines')),
  });
  const list = templates.data?.templates ?? [];
  const series = useQuery({
    queryKey: ['pipeline-series', window],
    queryFn: () => ok(api.GET('/v1/admin/stats/pipelines', { params: { query: { window } } })),
    refetchInterval: 10_000,
  });
  const names = new Map(pipelines.data?.pipelines.map((p) => [p.id, p.name]));
  const stats = useQueries({
    queries: list.map((t) => ({
      queryKey: ['stats', t.id, window],
      queryFn: () =>
        ok(
          api.GET('/v1/admin/integrations/{integration_id}/stats', {
            params: { path: { integration_id: t.id }, query: { window } },
          }),
        ),
      refetchInterval: 10_000,
    })),
  });
  const totals = stats.reduce(
    (acc, s) => ({
      delivered: acc.delivered + (s.data?.total.delivered ?? 0),
      failed: acc.failed + (s.data?.total.failed ?? 0) + (s.data?.total.dead_lettered ?? 0),
      dlq: acc.dlq + (s.data?.dlq_depth ?? 0),
    }),
    { delivered: 0, failed: 0, dlq: 0 },
  );
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`${count(pipelines.data?.pipelines.length, 'pipeline')} · ${count(list.length, 'integration')}`}
      />
      <TabBar
        label="Time window"
        value={window}
        onChange={(v) => setWindow(v as typeof window)}
        tabs={[...WINDOWS]}
      >
        <div className="kpis">
          <div className="kpi">
            <span className="kpi-label">Delivered</span>
            <span className="kpi-value">{totals.delivered}</span>
          </div>
          <div className="kpi">
            <span className="kpi-label">Failed</span>
            <span className="kpi-value">{totals.failed}</span>
          </div>
          <div className={`kpi${totals.dlq > 0 ? ' kpi-bad' : ''}`}>
            <span className="kpi-label">Waiting in DLQs</span>
            <span className="kpi-value">{totals.dlq}</span>
          </div>
        </div>
        {series.data && series.data.pipelines.length > 0 && (
          <section aria-label="Events per pipeline" className="chart-grid overview-charts">
            {series.data.pipelines.map((p) => {
              const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
              return (
                <div key={p.pipeline_id} className="card pipeline-chart">
                  <TimeChart
                    testId={`chart-${p.pipeline_id}`}
                    label={`${names.get(p.pipeline_id) ?? p.pipeline_id}: events`}
                    summary={`${total(p.received)} received, ${total(p.delivered)} delivered, ${total(p.failed)} failed deliveries`}
                    height={150}
                    counts
                    at={series.data.buckets.map((b) => Date.parse(b))}
                    series={[
                      { label: 'Events received', values: p.received, color: '#0b5cd5' },
                      {
                        label: 'Deliveries (all integrations)',
                        values: p.delivered,
                        color: '#116329',
                      },
                      {
                        label: 'Failed deliveries',
                        values: p.failed,
                        color: '#cf222e',
                        dashed: true,
                      },
                    ]}
                  />
                </div>
              );
            })}
          </section>
        )}
        {templates.isLoading && <Loading />}
        {!templates.isLoading && list.length === 0 && (
          <Empty>
            Nothing is delivered yet.{' '}
            <Link to="/integrations" search={{ tab: 'library' }}>
              Install an integration
            </Link>{' '}
            and add it to a pipeline.
          </Empty>
        )}
        <ul className="card-list" aria-label="Integrations">
          {list.map((t, i) => {
            const s = stats[i]?.data;
            return (
              <li key={t.id}>
                <Link
                  className="card integration-row"
                  to="/integrations/$id"
                  params={{ id: t.id }}
                  search={{ tab: 'dashboard' }}
                >
                  <VendorMark vendor={t.vendor} name={t.name} />
                  <div className="grow">
                    <strong>{t.name}</strong>
                    <div className="muted small">
                      {s
                        ? `${s.total.delivered} delivered · ${s.total.failed + s.total.dead_lettered} failed · success ${pct(s.total.success_rate)}`
                        : '…'}
                    </div>
                  </div>
                  {s && s.dlq_depth > 0 && <Badge tone="bad">{s.dlq_depth} in DLQ</Badge>}
                </Link>
              </li>
            );
          })}
        </ul>
      </TabBar>
    </>
  );
}
