// Replaying dead-lettered events on the revision each pipeline uses now (the fix saved as a
// new revision) or on the revision that failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../core/db/client.js';
import { backends, testAdmin, type TestAdmin } from '../../testing/index.js';
import { drizzleDeliveryStore } from '../../../core/db/stores/delivery.js';

describe.each(backends)('DLQ replay on the current revision on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let integrationId = '';
  let oldRevision = '';
  let newRevision = '';
  let piId = '';
  let pipelineId = '';

  const deadLetter = async (id: string): Promise<void> => {
    await drizzleDeliveryStore(database.db).deadLetter([
      {
        v: 1,
        id,
        integration_id: integrationId,
        pipeline_id: pipelineId,
        pipeline_integration_id: piId,
        revision_id: oldRevision,
        vendor: 'webhook',
        event_id: `evt-${id}`,
        attempts: 1,
        last_status: 404,
        last_response: 'not found',
        code: 'vendor_rejected',
        reason: 'HTTP 404',
        first_attempt_at: Date.now(),
        failed_at: Date.now(),
        message: JSON.stringify({
          v: 1,
          pipeline_id: pipelineId,
          pipeline_integration_id: piId,
          integration_id: integrationId,
          revision_id: oldRevision,
          vendor: 'webhook',
          envelope: {},
          trace: [],
        }),
      },
    ]);
  };

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database, { now: () => new Date() });
    const installed = await admin.call('POST', '/integration-catalog/webhook/install', {
      name: 'Hook',
      config: { url: 'http://broken.test/events' },
    });
    integrationId = installed.body.id;
    oldRevision = installed.body.revision.id;
    pipelineId = (await admin.call('POST', '/pipelines', { name: 'Shop' })).body.id;
    piId = (
      await admin.call('POST', `/pipelines/${pipelineId}/integrations`, {
        integration_id: integrationId,
        revision_id: oldRevision,
      })
    ).body.id;
    newRevision = (
      await admin.call('POST', `/integration-templates/${integrationId}/revisions`, {
        config: { url: 'http://fixed.test/events' },
        change_summary: 'fix the URL',
      })
    ).body.id;
    await admin.call('PUT', `/pipelines/${pipelineId}/integrations/${piId}`, {
      revision_id: newRevision,
    });
    await deadLetter('dlq_a');
    await deadLetter('dlq_b');
    await deadLetter('dlq_c');
  });
  afterAll(async () => drop());

  it('keeps the failed revision unless asked', async () => {
    const res = await admin.call('POST', `/integrations/${integrationId}/dlq/replay`, {
      ids: ['dlq_a'],
    });
    expect(res.body.requested).toBe(1);
    const entry = await drizzleDeliveryStore(database.db).getDlq(integrationId, 'dlq_a');
    expect(entry?.revision_id).toBe(oldRevision);
  });

  it.each([
    {
      name: 'moves selected entries (row and message) to the pipeline’s current revision',
      body: { ids: ['dlq_b'], revision: 'current' },
      ids: ['dlq_b'],
    },
    {
      name: 'moves every entry matching a filter',
      body: { filter: { reason: 'HTTP 404' }, revision: 'current' },
      ids: ['dlq_c'],
    },
  ])('$name', async ({ body, ids }) => {
    const res = await admin.call('POST', `/integrations/${integrationId}/dlq/replay`, body);
    expect(res.status).toBe(202);
    expect(res.body.requested).toBe(ids.length);
    for (const id of ids) {
      const entry = await drizzleDeliveryStore(database.db).getDlq(integrationId, id);
      expect(entry).toMatchObject({ revision_id: newRevision, status: 'replay_requested' });
      expect(JSON.parse(entry!.message).revision_id).toBe(newRevision);
    }
  });

  it('refuses an unknown revision choice, naming the field', async () => {
    const res = await admin.call('POST', `/integrations/${integrationId}/dlq/replay`, {
      all: true,
      revision: 'latest',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('revision');
  });
});
