// The ConfigStore port over the admin database, as the processor and delivery read it, and
// change notifications delivered on commit (never for a rolled-back change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigStore } from '../../config-store/types.js';
import type { Database } from '../client.js';
import { backends, testAdmin, type TestAdmin } from '../../../admin/testing/index.js';
import { createDbConfigStore } from './config.js';

async function waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(backends)('ConfigStore on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let store: ConfigStore;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    store = createDbConfigStore(database);
  });
  afterAll(async () => drop());

  it('serves a pipeline with its integrations, their revisions and the enabled integration list', async () => {
    const installed = await admin.call('POST', '/integration-catalog/ga4/install', {
      name: 'GA4',
      config: {
        measurement_id: '{{pipeline_param.ga4_measurement_id}}',
        api_secret: 'secret-value-1234',
      },
    });
    const disabledTemplate = await admin.call('POST', '/integration-catalog/tiktok/install', {
      name: 'TikTok',
      config: { pixel_code: 'C1', access_token: 'tok' },
    });
    const transformations = [{ op: 'delete', path: 'properties.debug' }];
    const pipeline = await admin.call('POST', '/pipelines', {
      name: 'Site',
      parameters: { ga4_measurement_id: 'G-AAAA' },
      transformations,
    });
    const pi = await admin.call('POST', `/pipelines/${pipeline.body.id}/integrations`, {
      integration_id: installed.body.id,
      revision_id: installed.body.revision.id,
    });
    const off = await admin.call('POST', `/pipelines/${pipeline.body.id}/integrations`, {
      integration_id: disabledTemplate.body.id,
      revision_id: disabledTemplate.body.revision.id,
      enabled: false,
    });

    expect(await store.getPipeline(pipeline.body.id)).toEqual({
      id: pipeline.body.id,
      org_id: 'org_00000001',
      parameters: { ga4_measurement_id: 'G-AAAA' },
      transformations,
      integrations: [
        {
          id: pi.body.id,
          integration_id: installed.body.id,
          vendor: 'ga4',
          revision_id: installed.body.revision.id,
          enabled: true,
        },
        {
          id: off.body.id,
          integration_id: disabledTemplate.body.id,
          vendor: 'tiktok',
          revision_id: disabledTemplate.body.revision.id,
          enabled: false,
        },
      ],
    });
    expect(await store.getRevision(installed.body.revision.id)).toEqual({
      id: installed.body.revision.id,
      integration_id: installed.body.id,
      vendor: 'ga4',
      revision_number: 1,
      config: {
        measurement_id: '{{pipeline_param.ga4_measurement_id}}',
        api_secret: 'secret-value-1234',
        region: 'global',
      },
      delivery_mode: 'server_side',
    });
    expect(await store.listIntegrations()).toEqual([
      { integration_id: installed.body.id, vendor: 'ga4' },
    ]);
    expect(await store.getPipeline('pip_missing')).toBeUndefined();
    expect(await store.getRevision('rev_missing')).toBeUndefined();
  });

  it('serves the org data layer (defaults until changed)', async () => {
    expect((await store.getOrgDataLayer('org_00000001')).truncate_ip).toBe(false);
    const layer = {
      parse_user_agent: false,
      drop_bots: true,
      truncate_ip: true,
      pii_rules: [{ match: 'email', action: 'drop' as const }],
      renames: [],
    };
    await admin.call('PUT', '/organisation/data-layer', layer);
    expect(await store.getOrgDataLayer('org_00000001')).toEqual(layer);
  });

  it('notifies subscribers of committed changes only', async () => {
    const changes: { kind: string; id?: string }[] = [];
    const unsubscribe = await store.subscribe((change) => changes.push(change));
    try {
      const refused = await admin.call('POST', '/integration-catalog/meta_capi/install', {
        name: 'bad',
        config: { pixel_id: '1' },
      });
      expect(refused.status).toBe(400);
      const created = await admin.call('POST', '/pipelines', { name: 'Notified' });
      const change = await waitFor(
        () => changes.find((c) => c.id === created.body.id),
        'the pipeline change',
      );
      expect(change).toEqual({ kind: 'pipeline', id: created.body.id, org_id: 'org_00000001' });
      expect(changes.filter((c) => c.kind === 'template')).toEqual([]);
    } finally {
      await unsubscribe();
    }
  });
});
