// DLQ and stats routes end to end: a delivery service on the memory bus writes through the
// database store (PGlite always, PostgreSQL when the run has one), a vendor double answers,
// and the admin API lists, exports, replays (idempotently) and reports stats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../../core/bus/memory.js';
import {
  deliveryRecord,
  orderEvent,
  staticConfigStore,
} from '../../../core/testkit/delivery-fixtures.js';
import { sourceScope } from '../../../core/event/scope.js';
import {
  createDeliveryService,
  type DeliveryService,
} from '../../../core/services/delivery/service.js';
import { deliveryTopic } from '../../../core/topics.js';
import { answers, startVendorDouble, type VendorDouble } from '../../../core/doubles/index.js';
import type { Database } from '../../../core/db/client.js';
import { ADMIN_TOKEN, backends, testAdmin, type TestAdmin } from '../../testing/index.js';
import { drizzleDeliveryStore } from '../../../core/db/stores/delivery.js';

async function until(pred: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(backends)('DLQ and stats API on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let double: VendorDouble;
  let service: DeliveryService;
  let bus: ReturnType<typeof createMemoryBus>;
  let integrationId = '';
  let viewer = '';
  const base = (): string => `/integrations/${integrationId}`;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database, { now: () => new Date() });
    double = await startVendorDouble();
    const installed = await admin.call('POST', '/integration-catalog/webhook/install', {
      name: 'Hook',
      config: { url: `${double.url}/events` },
    });
    expect(installed.status).toBe(201);
    integrationId = installed.body.id;
    viewer = (await admin.call('POST', '/tokens', { name: 'viewer', role: 'viewer' })).body.token;

    const store = staticConfigStore(
      { url: `${double.url}/events` },
      { integrationId, revisionId: 'rev_x', pipelineId: 'pip_a' },
    );
    bus = createMemoryBus();
    service = createDeliveryService({
      bus,
      store,
      ledger: drizzleDeliveryStore(database.db),
      replayPollMs: 3_600_000,
    });
    await service.start();

    double.respond(answers.status(400, { error: 'bad payload' }));
    await bus.produce(deliveryTopic(integrationId), [
      deliveryRecord(orderEvent(1), { integrationId, revisionId: 'rev_x', pipelineId: 'pip_a' }),
      deliveryRecord(orderEvent(2), { integrationId, revisionId: 'rev_x', pipelineId: 'pip_a' }),
      deliveryRecord(orderEvent(3), { integrationId, revisionId: 'rev_x', pipelineId: 'pip_b' }),
    ]);
    const store2 = drizzleDeliveryStore(database.db);
    await until(async () => (await store2.dlqDepth(integrationId)) === 3);
  });
  afterAll(async () => {
    await service.close();
    await bus.close();
    await double.close();
    await drop();
  });

  it('refuses a webhook revision whose template does not compile, naming the line', async () => {
    const res = await admin.call('POST', `/integration-templates/${integrationId}/revisions`, {
      config: {
        url: `${double.url}/events`,
        payload_format: 'custom',
        payload_template: '{\n  "e": "{{event}"\n}',
      },
      delivery_mode: 'server_side',
      change_summary: 'broken template',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('config.payload_template');
    expect(res.body.error.message).toContain('line 2');
  });

  it('lists dead-lettered events with the depth, newest first', async () => {
    const res = await admin.call('GET', `${base()}/dlq`, undefined, viewer);
    expect(res.status).toBe(200);
    expect(res.body.depth).toBe(3);
    expect(res.body.entries.map((e: { event_id: string }) => e.event_id).sort()).toEqual([
      'evt-0001',
      'evt-0002',
      'evt-0003',
    ]);
    expect(res.body.entries[0]).toMatchObject({
      attempts: 1,
      last_status: 400,
      code: 'vendor_rejected',
      status: 'dead',
    });
    expect(res.body.entries[0].last_response).toContain('bad payload');
  });

  const filters = [
    { name: 'filters by pipeline', query: 'pipeline_id=pip_b', expected: ['evt-0003'] },
    {
      name: 'filters by error code',
      query: 'reason=vendor_rejected',
      expected: ['evt-0001', 'evt-0002', 'evt-0003'],
    },
    {
      name: 'filters by text in the reason',
      query: 'reason=HTTP%20400',
      expected: ['evt-0001', 'evt-0002', 'evt-0003'],
    },
    { name: 'a reason nobody has matches nothing', query: 'reason=timeout', expected: [] },
    {
      name: 'filters by time',
      query: `since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`,
      expected: [],
    },
  ];
  it.each(filters)('$name', async ({ query, expected }) => {
    const res = await admin.call('GET', `${base()}/dlq?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { event_id: string }) => e.event_id).sort()).toEqual(expected);
  });

  it('pages with a cursor', async () => {
    const first = await admin.call('GET', `${base()}/dlq?limit=2`);
    expect(first.body.entries).toHaveLength(2);
    const second = await admin.call(
      'GET',
      `${base()}/dlq?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.entries).toHaveLength(1);
    const ids = [...first.body.entries, ...second.body.entries].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('reads one entry with its event, and 404s on an unknown one', async () => {
    const list = await admin.call('GET', `${base()}/dlq?pipeline_id=pip_b`);
    const one = await admin.call(
      'GET',
      `${base()}/dlq/${list.body.entries[0].id}`,
      undefined,
      viewer,
    );
    expect(one.status).toBe(200);
    expect(one.body.event).toMatchObject({ event_id: 'evt-0003', event: 'Order Completed' });
    expect((await admin.call('GET', `${base()}/dlq/dlq_nope`)).status).toBe(404);
    expect((await admin.call('GET', '/integrations/tmpl_unknown/dlq')).status).toBe(404);
  });

  it('exports entries as NDJSON', async () => {
    const res = await admin.app.request(`/v1/admin${base()}/dlq/export`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_id: string });
    expect(lines.map((l) => l.event_id).sort()).toEqual(['evt-0001', 'evt-0002', 'evt-0003']);
  });

  it('refuses a replay from a viewer and a body naming two selections', async () => {
    expect((await admin.call('POST', `${base()}/dlq/replay`, { all: true }, viewer)).status).toBe(
      403,
    );
    const bad = await admin.call('POST', `${base()}/dlq/replay`, { all: true, ids: ['x'] });
    expect(bad.status).toBe(400);
  });

  it('replays one entry with attempts reset, and a second replay does not deliver it twice', async () => {
    double.respond(answers.ok());
    const before = double.requests.length;
    const entry = (
      await admin.call('GET', `${base()}/dlq?pipeline_id=pip_b`, undefined, ADMIN_TOKEN)
    ).body.entries[0];
    const res = await admin.call('POST', `${base()}/dlq/replay`, { ids: [entry.id] });
    expect(res).toMatchObject({ status: 202, body: { requested: 1 } });
    expect(await service.replayOnce()).toBe(1);
    await until(() => double.requests.length === before + 1);
    await until(
      async () => (await admin.call('GET', `${base()}/dlq/${entry.id}`)).body.status === 'replayed',
    );
    expect((await admin.call('GET', `${base()}/dlq`)).body.depth).toBe(2);

    const again = await admin.call('POST', `${base()}/dlq/replay`, { ids: [entry.id] });
    expect(again.body.requested).toBe(1);
    expect(await service.replayOnce()).toBe(1);
    await until(async () => {
      const stats = await admin.call('GET', `${base()}/stats?window=1h`);
      return (
        stats.body.total.delivered === 1 &&
        (
          await drizzleDeliveryStore(database.db).deliveredAmong(integrationId, [
            { source: sourceScope(orderEvent(3).source), event_id: 'evt-0003' },
          ])
        ).size === 1
      );
    });
    await service.workers.get(integrationId)!.idle();
    expect(double.requests.length).toBe(before + 1);
  });

  it('replays every dead entry matching a filter and reports stats per pipeline', async () => {
    const res = await admin.call('POST', `${base()}/dlq/replay`, {
      filter: { pipeline_id: 'pip_a' },
    });
    expect(res.body.requested).toBe(2);
    expect(await service.replayOnce()).toBe(2);
    await until(
      async () => (await admin.call('GET', `${base()}/stats`)).body.total.delivered === 3,
    );
    const stats = await admin.call('GET', `${base()}/stats?window=1h`, undefined, viewer);
    expect(stats.status).toBe(200);
    expect(stats.body.dlq_depth).toBe(0);
    expect(stats.body.total).toMatchObject({
      delivered: 3,
      dead_lettered: 3,
      failed: 3,
      success_rate: 0.5,
    });
    expect(stats.body.total.p50_latency_ms).not.toBeNull();
    expect(
      stats.body.pipelines.map((p: { pipeline_id: string; delivered: number }) => [
        p.pipeline_id,
        p.delivered,
      ]),
    ).toEqual([
      ['pip_a', 2],
      ['pip_b', 1],
    ]);
  });
});
