// Delivery over time: outcome rows at known times are counted into the right buckets (with
// per-bucket p50/p95) by the database, on PGlite and on PostgreSQL when the run has one; the
// per-pipeline series counts received events and deliveries of the caller's organisation only.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../core/db/client.js';
import { deliveryOutcomes, processorSeen } from '../../../core/db/schema/index.js';
import { backends, FIXED_NOW, testAdmin, type TestAdmin } from '../../testing/index.js';

const NOW = FIXED_NOW.getTime();
const MIN = 60_000;

describe.each(backends)('delivery series on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let hook = '';
  let pipeline = '';

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    hook = (
      await admin.call('POST', '/integration-catalog/webhook/install', {
        name: 'Hook',
        config: { url: 'https://hooks.example.com/in' },
      })
    ).body.id;
    pipeline = (await admin.call('POST', '/pipelines', { name: 'Shop' })).body.id;
    const row = (
      outcome: string,
      minutesAgo: number,
      latencyMs: number | null = null,
      integrationId = hook,
      pipelineId = pipeline,
      event = `e-${Math.random()}`,
    ) => ({
      integrationId,
      pipelineId,
      eventId: event,
      outcome,
      attempt: 1,
      status: outcome === 'delivered' ? 200 : 500,
      latencyMs,
      at: new Date(NOW - minutesAgo * MIN),
    });
    await database.db.insert(deliveryOutcomes).values([
      // 1 h window in 30 buckets of 2 min: "0.5 min ago" is the last bucket, "59 min ago" the first.
      row('delivered', 0.5, 10),
      row('delivered', 0.5, 20),
      row('delivered', 0.5, 30),
      row('delivered', 0.5, 400),
      row('retried', 0.5),
      row('dead_lettered', 3),
      row('failed', 3),
      row('delivered', 59, 7),
      // Outside the hour: counted over 24 h only.
      row('delivered', 90, 5),
      // Another integration in this organisation; and another organisation's rows on the same pipeline id.
      row('delivered', 0.5, 1, 'tmpl_other_org'),
    ]);
    await database.db.insert(processorSeen).values([
      { source: `${pipeline}/browser`, eventId: 'r1', seenAt: new Date(NOW - 0.5 * MIN) },
      { source: `${pipeline}/server`, eventId: 'r2', seenAt: new Date(NOW - 0.5 * MIN) },
      { source: `${pipeline}/browser`, eventId: 'r3', seenAt: new Date(NOW - 30 * MIN) },
      { source: 'pip_someone_else/browser', eventId: 'r4', seenAt: new Date(NOW - 0.5 * MIN) },
    ]);
  });
  afterAll(async () => drop());

  it('counts each outcome into its bucket with that bucket’s p50/p95 latency, and zeros in between', async () => {
    const res = await admin.call('GET', `/integrations/${hook}/stats?window=1h`);
    expect(res.status).toBe(200);
    const { bucket_ms, buckets } = res.body.series;
    expect(bucket_ms).toBe(2 * MIN);
    expect(buckets).toHaveLength(30);
    expect(Date.parse(buckets[29].at)).toBeLessThanOrEqual(NOW);
    expect(Date.parse(buckets[29].at) + bucket_ms).toBeGreaterThan(NOW);
    expect(buckets[29]).toMatchObject({
      delivered: 4,
      retried: 1,
      failed: 0,
      dead_lettered: 0,
      p50_latency_ms: 20,
      p95_latency_ms: 400,
    });
    expect(buckets[28]).toMatchObject({
      delivered: 0,
      failed: 1,
      dead_lettered: 1,
      p50_latency_ms: null,
    });
    expect(buckets[0]).toMatchObject({ delivered: 1, p50_latency_ms: 7, p95_latency_ms: 7 });
    const sum = (k: string) =>
      buckets.reduce((a: number, b: Record<string, number>) => a + b[k]!, 0);
    expect(sum('delivered')).toBe(res.body.total.delivered);
    expect(
      buckets
        .slice(1, 28)
        .every((b: { delivered: number; failed: number }) => b.delivered === 0 && b.failed === 0),
    ).toBe(true);
  });

  it('takes a bucket count, and the 24 h window reaches the older delivery', async () => {
    const res = await admin.call('GET', `/integrations/${hook}/stats?window=24h&buckets=4`);
    expect(res.body.series.bucket_ms).toBe(6 * 60 * MIN);
    expect(res.body.series.buckets.map((b: { delivered: number }) => b.delivered)).toEqual([
      0, 0, 0, 6,
    ]);
  });

  it('narrows totals and series to one pipeline', async () => {
    await database.db.insert(deliveryOutcomes).values({
      integrationId: hook,
      pipelineId: 'pip_other',
      eventId: 'x1',
      outcome: 'delivered',
      attempt: 1,
      status: 200,
      latencyMs: 9,
      at: new Date(NOW - 0.5 * MIN),
    });
    const all = await admin.call('GET', `/integrations/${hook}/stats?window=1h`);
    const one = await admin.call(
      'GET',
      `/integrations/${hook}/stats?window=1h&pipeline_id=${pipeline}`,
    );
    const other = await admin.call(
      'GET',
      `/integrations/${hook}/stats?window=1h&pipeline_id=pip_other`,
    );
    const none = await admin.call(
      'GET',
      `/integrations/${hook}/stats?window=1h&pipeline_id=pip_nobody`,
    );
    expect(all.body.series.buckets[29].delivered).toBe(5);
    expect(one.body.series.buckets[29].delivered).toBe(4);
    expect(one.body.total).toMatchObject({ pipeline_id: null, delivered: 5 });
    expect(one.body.pipelines.map((p: { pipeline_id: string }) => p.pipeline_id)).toEqual([
      pipeline,
    ]);
    expect(other.body.series.buckets[29]).toMatchObject({ delivered: 1, p50_latency_ms: 9 });
    expect(other.body.total.delivered).toBe(1);
    expect(none.body.total).toMatchObject({ delivered: 0, success_rate: null });
    expect(none.body.series.buckets.every((b: { delivered: number }) => b.delivered === 0)).toBe(
      true,
    );
    await database.db.delete(deliveryOutcomes).where(eq(deliveryOutcomes.pipelineId, 'pip_other'));
  });

  it.each(['0', '121', 'many', '2.5'])('refuses buckets=%s naming the field', async (buckets) => {
    const res = await admin.call('GET', `/integrations/${hook}/stats?window=1h&buckets=${buckets}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('buckets');
  });

  it('per pipeline: received and delivered over time, only the organisation’s own', async () => {
    const res = await admin.call('GET', '/stats/pipelines?window=1h');
    expect(res.status).toBe(200);
    expect(res.body.buckets).toHaveLength(30);
    const shop = res.body.pipelines.find(
      (p: { pipeline_id: string }) => p.pipeline_id === pipeline,
    );
    expect(shop.received[29]).toBe(2);
    expect(shop.received[14]).toBe(1);
    expect(shop.received.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    // The other organisation's integration (not in this org's templates) is not counted.
    expect(shop.delivered[29]).toBe(4);
    expect(shop.failed[28]).toBe(2);
    expect(
      res.body.pipelines.some((p: { pipeline_id: string }) => p.pipeline_id === 'pip_someone_else'),
    ).toBe(false);
  });

  it('refuses an unknown window naming the field', async () => {
    const res = await admin.call('GET', '/stats/pipelines?window=2h');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('window');
  });
});
