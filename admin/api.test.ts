// The Management API against PGlite always and the real PostgreSQL when the run has one:
// the seed examples, roles, immutability, validation, 404/409, concurrency, atomicity.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from './auth/index.js';
import type { Database } from '../core/db/client.js';
import {
  integrationRevisions,
  integrationTemplates,
  pipelineIntegrations,
} from '../core/db/schema/index.js';
import { backends, FIXED_NOW, testAdmin, type TestAdmin } from './testing/index.js';

describe.each(backends)('admin API on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  const tokens: Record<'viewer' | 'editor' | 'admin', string> = {
    viewer: '',
    editor: '',
    admin: '',
  };

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const created = await admin.call('POST', '/tokens', { name: `${role} token`, role });
      expect(created.status).toBe(201);
      tokens[role] = created.body.token;
    }
  });
  afterAll(async () => drop());

  const install = async (
    name: string,
    config: Record<string, unknown> = {
      pixel_id: '1234567890',
      access_token: 'your_access_token_abcd',
    },
  ) => {
    const res = await admin.call('POST', '/integration-catalog/meta_capi/install', {
      name,
      variant: 'retail',
      config,
      delivery_mode: 'server_side',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; revision: { id: string } };
  };
  const newPipeline = async (name: string, parameters: Record<string, string> = {}) => {
    const res = await admin.call('POST', '/pipelines', { name, parameters });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const newRevision = async (
    templateId: string,
    config: Record<string, unknown>,
    change_summary = 'change',
  ) => {
    const res = await admin.call('POST', `/integration-templates/${templateId}/revisions`, {
      config,
      delivery_mode: 'server_side',
      change_summary,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; revision_number: number };
  };

  describe('catalog', () => {
    it('lists advertising integrations and searches by text', async () => {
      const ads = await admin.call('GET', '/integration-catalog?category=advertising');
      expect(ads.status).toBe(200);
      expect(ads.body.integrations.map((e: { vendor: string }) => e.vendor)).toEqual(
        expect.arrayContaining([
          'meta_capi',
          'google_ads',
          'tiktok',
          'pinterest',
          'snapchat',
          'linkedin',
          'the_trade_desk',
        ]),
      );
      expect(
        ads.body.integrations.every((e: { category: string }) => e.category === 'advertising'),
      ).toBe(true);
      const search = await admin.call('GET', '/integration-catalog?search=bigquery');
      expect(search.body.integrations.map((e: { vendor: string }) => e.vendor)).toEqual([
        'bigquery',
      ]);
    });

    it('shows one entry with its fields, variants and the shared delivery settings', async () => {
      const res = await admin.call('GET', '/integration-catalog/meta_capi');
      expect(res.status).toBe(200);
      expect(res.body.fields.find((f: { key: string }) => f.key === 'access_token')).toMatchObject({
        type: 'secret',
        required: true,
        secret: true,
      });
      expect(res.body.variants.map((v: { key: string }) => v.key)).toContain('retail');
      expect(res.body.delivery_settings.map((f: { key: string }) => f.key)).toEqual([
        'consent_categories',
        'batch_size',
        'batch_interval_ms',
        'rate_limit_rps',
        'rate_limit_burst',
        'rate_limit_daily',
        'timeout_ms',
        'test_mode',
        'endpoint_override',
      ]);
    });

    it('installs the seed example as a template with revision 1, variant defaults under the given config, secrets masked', async () => {
      const res = await admin.call('POST', '/integration-catalog/meta_capi/install', {
        name: 'Meta CAPI Production',
        variant: 'retail',
        config: { pixel_id: '1234567890', access_token: 'your_access_token', batch_size: 200 },
        delivery_mode: 'server_side',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Meta CAPI Production',
        vendor: 'meta_capi',
        latest_revision: 1,
        created_at: FIXED_NOW.toISOString(),
      });
      expect(res.body.id).toMatch(/^tmpl_/);
      expect(res.body.revision).toMatchObject({
        integration_id: res.body.id,
        revision_number: 1,
        delivery_mode: 'server_side',
        config: {
          pixel_id: '1234567890',
          access_token: '••••oken',
          batch_size: 200,
          consent_categories: ['marketing'],
          api_version: 'v24.0',
        },
      });
      const stored = await admin.deps.database.db
        .select()
        .from(integrationRevisions)
        .where(eq(integrationRevisions.id, res.body.revision.id));
      expect(stored[0]!.config.access_token).toBe('your_access_token');
    });

    it.each([
      {
        name: 'an unknown vendor is 404',
        vendor: 'nope',
        body: { name: 'x' },
        status: 404,
        field: undefined,
      },
      {
        name: 'an unknown variant names the variant field',
        vendor: 'meta_capi',
        body: { name: 'x', variant: 'space', config: { pixel_id: '1', access_token: 't' } },
        status: 400,
        field: 'variant',
      },
      {
        name: 'a missing required credential names the config field',
        vendor: 'meta_capi',
        body: { name: 'x', config: { pixel_id: '1' } },
        status: 400,
        field: 'config.access_token',
      },
      {
        name: 'a missing name names the name field',
        vendor: 'ga4',
        body: { config: {} },
        status: 400,
        field: 'name',
      },
    ])(
      'install refuses: $name, and leaves no template behind',
      async ({ vendor, body, status, field }) => {
        const before = await admin.deps.database.db
          .select({ n: count() })
          .from(integrationTemplates);
        const res = await admin.call('POST', `/integration-catalog/${vendor}/install`, body);
        expect(res.status).toBe(status);
        expect(res.body.error.field).toBe(field);
        const after = await admin.deps.database.db
          .select({ n: count() })
          .from(integrationTemplates);
        expect(after[0]!.n).toBe(before[0]!.n);
      },
    );
  });

  describe('templates and revisions', () => {
    it('creates, lists, gets, renames and deletes a template', async () => {
      const created = await admin.call('POST', '/integration-templates', {
        name: 'GA4 Main',
        vendor: 'ga4',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'GA4 Main', vendor: 'ga4', latest_revision: 0 });
      const id = created.body.id as string;
      const list = await admin.call('GET', '/integration-templates?vendor=ga4');
      expect(list.body.templates.map((t: { id: string }) => t.id)).toContain(id);
      const renamed = await admin.call('PUT', `/integration-templates/${id}`, {
        name: 'GA4 Renamed',
      });
      expect(renamed.body.name).toBe('GA4 Renamed');
      expect((await admin.call('GET', `/integration-templates/${id}`)).body.name).toBe(
        'GA4 Renamed',
      );
      expect(await admin.call('DELETE', `/integration-templates/${id}`)).toEqual({
        status: 200,
        body: { status: 'deleted' },
      });
      expect((await admin.call('GET', `/integration-templates/${id}`)).status).toBe(404);
    });

    it('numbers revisions 1, 2, 3 and keeps each one as written', async () => {
      const template = await install('Numbered');
      const v2 = await newRevision(
        template.id,
        { pixel_id: '1234567890', access_token: 'new_token_value_1234' },
        'Rotated access token',
      );
      const v3 = await newRevision(
        template.id,
        { pixel_id: '1234567890', access_token: '••••1234', batch_size: 500 },
        'Increased batch size',
      );
      expect([v2.revision_number, v3.revision_number]).toEqual([2, 3]);
      const list = await admin.call('GET', `/integration-templates/${template.id}/revisions`);
      expect(
        list.body.revisions.map((r: { revision_number: number; change_summary: string }) => [
          r.revision_number,
          r.change_summary,
        ]),
      ).toEqual([
        [3, 'Increased batch size'],
        [2, 'Rotated access token'],
        [1, 'Installed from catalog (Retail variant)'],
      ]);
      const [stored] = await admin.deps.database.db
        .select()
        .from(integrationRevisions)
        .where(eq(integrationRevisions.id, v3.id));
      expect(stored!.config).toEqual({
        pixel_id: '1234567890',
        access_token: 'new_token_value_1234',
        batch_size: 500,
      });
      expect(
        (await admin.call('GET', `/integration-templates/${template.id}`)).body.latest_revision,
      ).toBe(3);
    });

    it('refuses a masked secret that does not match the previous revision', async () => {
      const template = await install('Masked');
      const res = await admin.call('POST', `/integration-templates/${template.id}/revisions`, {
        config: { pixel_id: '1', access_token: '••••zzzz' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('config.access_token');
    });

    it('accepts vendor fields in the parameters mapping category and masks the secrets there too', async () => {
      const created = await admin.call('POST', '/integration-templates', {
        name: 'Meta mapped',
        vendor: 'meta_capi',
        config: {
          parameters: { pixel_id: '1234567890', access_token: 'nested_token_abcd' },
          events: {},
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.revision.config.parameters).toEqual({
        pixel_id: '1234567890',
        access_token: '••••abcd',
      });
      const next = await admin.call('POST', `/integration-templates/${created.body.id}/revisions`, {
        config: { parameters: { pixel_id: '1234567890', access_token: '••••abcd' }, events: {} },
      });
      expect(next.status).toBe(201);
      const [stored] = await admin.deps.database.db
        .select()
        .from(integrationRevisions)
        .where(eq(integrationRevisions.id, next.body.id));
      expect(stored!.config.parameters).toEqual({
        pixel_id: '1234567890',
        access_token: 'nested_token_abcd',
      });
    });

    it.each([
      {
        name: 'the vendor parser refuses a non-numeric Meta pixel id',
        vendor: 'meta_capi',
        config: { pixel_id: 'abc', access_token: 't' },
        field: 'config.pixel_id',
      },
      {
        name: 'GA4 needs a measurement id or a Firebase app id',
        vendor: 'ga4',
        config: { api_secret: 's' },
        field: 'config.measurement_id',
      },
      {
        name: 'a bad shared delivery setting',
        vendor: 'webhook',
        config: { url: 'https://hooks.example/in', rate_limit_rps: -1 },
        field: 'config.rate_limit_rps',
      },
    ])('refuses a revision when $name', async ({ vendor, config, field }) => {
      const res = await admin.call('POST', '/integration-templates', {
        name: `Bad ${vendor}`,
        vendor,
        config,
      });
      expect([res.status, res.body.error.field]).toEqual([400, field]);
    });

    it.each(['PUT', 'PATCH', 'DELETE'])(
      'refuses %s on a revision: revisions are immutable',
      async (method) => {
        const template = await install(`Immutable ${method}`);
        const res = await admin.call(
          method,
          `/integration-templates/${template.id}/revisions/${template.revision.id}`,
          { config: {} },
        );
        expect(res.status).toBe(409);
        const got = await admin.call(
          'GET',
          `/integration-templates/${template.id}/revisions/${template.revision.id}`,
        );
        expect(got.body.revision_number).toBe(1);
      },
    );

    it('refuses an UPDATE of a revision row in the database itself', async () => {
      const template = await install('Trigger');
      await expect(
        admin.deps.database.db
          .update(integrationRevisions)
          .set({ changeSummary: 'tampered' })
          .where(eq(integrationRevisions.id, template.revision.id)),
      ).rejects.toThrow();
    });

    it('never gives two concurrent revisions the same number', async () => {
      const template = await install('Concurrent');
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          admin.call('POST', `/integration-templates/${template.id}/revisions`, {
            config: { pixel_id: String(i), access_token: `token-${i}-abcdefgh` },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      const numbers = results.map((r) => r.body.revision_number as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
      const rows = await admin.deps.database.db
        .select({ n: count() })
        .from(integrationRevisions)
        .where(eq(integrationRevisions.integrationId, template.id));
      expect(rows[0]!.n).toBe(13);
    });

    it('refuses to delete a template a pipeline uses (409), then deletes it once removed', async () => {
      const template = await install('In use');
      const pipeline = await newPipeline('Uses template');
      const pi = await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
        integration_id: template.id,
        revision_id: template.revision.id,
      });
      const refused = await admin.call('DELETE', `/integration-templates/${template.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toEqual({ pipeline_ids: [pipeline.id] });
      await admin.call('DELETE', `/pipelines/${pipeline.id}/integrations/${pi.body.id}`);
      expect((await admin.call('DELETE', `/integration-templates/${template.id}`)).status).toBe(
        200,
      );
      const left = await admin.deps.database.db
        .select({ n: count() })
        .from(integrationRevisions)
        .where(eq(integrationRevisions.integrationId, template.id));
      expect(left[0]!.n).toBe(0);
    });
  });

  describe('pipeline integrations', () => {
    it('reproduces the seed flow: assign, list, deploy a new revision, disable, remove', async () => {
      const template = await install('Meta CAPI Production');
      const pipeline = await newPipeline('Marketing Website');
      const assigned = await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
        integration_id: template.id,
        revision_id: template.revision.id,
        enabled: true,
      });
      expect(assigned.status).toBe(201);
      expect(Object.keys(assigned.body).sort()).toEqual(
        [
          'id',
          'pipeline_id',
          'integration_id',
          'integration_name',
          'vendor',
          'revision_id',
          'revision_number',
          'latest_revision',
          'enabled',
          'created_at',
          'updated_at',
          'missing_parameters',
        ].sort(),
      );
      expect(assigned.body).toMatchObject({
        pipeline_id: pipeline.id,
        integration_id: template.id,
        integration_name: 'Meta CAPI Production',
        vendor: 'meta_capi',
        revision_id: template.revision.id,
        revision_number: 1,
        latest_revision: 1,
        enabled: true,
        created_at: '2026-02-20T10:00:00.000Z',
      });
      expect(assigned.body.id).toMatch(/^pi_/);

      const rev2 = await newRevision(
        template.id,
        { pixel_id: '1234567890', access_token: 'new_token_abcdef' },
        'Rotated access token',
      );
      const listed = await admin.call('GET', `/pipelines/${pipeline.id}/integrations`);
      expect(listed.body.integrations).toEqual([{ ...assigned.body, latest_revision: 2 }]);

      const deployed = await admin.call(
        'PUT',
        `/pipelines/${pipeline.id}/integrations/${assigned.body.id}`,
        { revision_id: rev2.id },
      );
      expect(deployed.status).toBe(200);
      expect(deployed.body).toMatchObject({
        revision_id: rev2.id,
        revision_number: 2,
        latest_revision: 2,
        enabled: true,
      });

      const disabled = await admin.call(
        'PUT',
        `/pipelines/${pipeline.id}/integrations/${assigned.body.id}`,
        { enabled: false },
      );
      expect(disabled.body).toMatchObject({ revision_id: rev2.id, enabled: false });

      expect(
        await admin.call('DELETE', `/pipelines/${pipeline.id}/integrations/${assigned.body.id}`),
      ).toEqual({ status: 200, body: { status: 'removed' } });
      expect(
        (await admin.call('GET', `/pipelines/${pipeline.id}/integrations`)).body.integrations,
      ).toEqual([]);
      expect(
        (await admin.call('GET', `/integration-templates/${template.id}/revisions`)).body.revisions,
      ).toHaveLength(2);
    });

    it('reports the pipeline parameters a pinned revision references but the pipeline lacks', async () => {
      const created = await admin.call('POST', '/integration-templates', {
        name: 'GA4 shared',
        vendor: 'ga4',
        config: {
          measurement_id: '{{pipeline_param.ga4_measurement_id}}',
          api_secret: '{{pipeline_param.ga4_api_secret}}',
        },
      });
      expect(created.status).toBe(201);
      const a = await newPipeline('Pipeline A', {
        ga4_measurement_id: 'G-AAAA',
        ga4_api_secret: 's',
      });
      const b = await newPipeline('Pipeline B', { ga4_measurement_id: 'G-BBBB' });
      const body = { integration_id: created.body.id, revision_id: created.body.revision.id };
      expect(
        (await admin.call('POST', `/pipelines/${a.id}/integrations`, body)).body.missing_parameters,
      ).toEqual([]);
      expect(
        (await admin.call('POST', `/pipelines/${b.id}/integrations`, body)).body.missing_parameters,
      ).toEqual(['ga4_api_secret']);
      await admin.call('PUT', `/pipelines/${b.id}`, {
        parameters: { ga4_measurement_id: 'G-BBBB', ga4_api_secret: 't' },
      });
      expect(
        (await admin.call('GET', `/pipelines/${b.id}/integrations`)).body.integrations[0]
          .missing_parameters,
      ).toEqual([]);
    });

    it('still checks the fields of a config that hold no pipeline parameter reference', async () => {
      const cases = [
        {
          name: 'webhook url from a parameter',
          config: { url: '{{pipeline_param.hook_url}}' },
          status: 201,
        },
        {
          name: 'webhook url from a parameter with a template that does not compile',
          config: {
            url: '{{pipeline_param.hook_url}}',
            payload_format: 'custom',
            payload_template: '{ "a": {{#if x}} }',
          },
          status: 400,
          field: 'config.payload_template',
        },
        {
          name: 'GA4 id from a parameter with a malformed secret-free region',
          config: { measurement_id: '{{pipeline_param.m}}', api_secret: 's', region: 'mars' },
          status: 400,
          vendor: 'ga4',
        },
      ];
      for (const c of cases) {
        const res = await admin.call('POST', '/integration-templates', {
          name: c.name,
          vendor: c.vendor ?? 'webhook',
          config: c.config,
        });
        expect([c.name, res.status]).toEqual([c.name, c.status]);
        if (c.field) expect(res.body.error.field).toBe(c.field);
      }
    });

    it('refuses a revision of another template, a second assignment of one template, and unknown ids', async () => {
      const one = await install('One');
      const two = await install('Two');
      const pipeline = await newPipeline('Checks');
      const cases = [
        {
          body: { integration_id: one.id, revision_id: two.revision.id },
          status: 400,
          field: 'revision_id',
        },
        {
          body: { integration_id: 'tmpl_missing', revision_id: one.revision.id },
          status: 404,
          field: 'integration_id',
        },
        {
          body: { integration_id: one.id, revision_id: 'rev_missing' },
          status: 404,
          field: 'revision_id',
        },
        { body: { integration_id: one.id }, status: 400, field: 'revision_id' },
        {
          body: { integration_id: one.id, revision_id: one.revision.id, enabled: 'yes' },
          status: 400,
          field: 'enabled',
        },
      ];
      for (const c of cases) {
        const res = await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, c.body);
        expect([res.status, res.body.error.field]).toEqual([c.status, c.field]);
      }
      const ok = await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
        integration_id: one.id,
        revision_id: one.revision.id,
      });
      expect(ok.status).toBe(201);
      const dup = await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
        integration_id: one.id,
        revision_id: one.revision.id,
      });
      expect(dup.status).toBe(409);
      const wrongPut = await admin.call(
        'PUT',
        `/pipelines/${pipeline.id}/integrations/${ok.body.id}`,
        { revision_id: two.revision.id },
      );
      expect([wrongPut.status, wrongPut.body.error.field]).toEqual([400, 'revision_id']);
      expect(
        (await admin.call('GET', `/pipelines/${pipeline.id}/integrations`)).body.integrations.map(
          (i: { id: string }) => i.id,
        ),
      ).toEqual([ok.body.id]);
      expect(
        (
          await admin.call('PUT', `/pipelines/${pipeline.id}/integrations/pi_missing`, {
            enabled: true,
          })
        ).status,
      ).toBe(404);
      expect(
        (await admin.call('DELETE', `/pipelines/${pipeline.id}/integrations/pi_missing`)).status,
      ).toBe(404);
      expect((await admin.call('GET', '/pipelines/pip_missing/integrations')).status).toBe(404);
    });
  });

  describe('pipelines', () => {
    it('creates, updates and deletes a pipeline with parameters and transformations', async () => {
      const transformations = [
        {
          op: 'filter',
          when: {
            any: [{ path: 'event', equals: 'debug' }, { not: { path: 'user_id', exists: true } }],
          },
          action: 'drop',
        },
        { op: 'rename', from: 'properties.total', to: 'properties.value' },
      ];
      const created = await admin.call('POST', '/pipelines', {
        name: 'Blog',
        parameters: { ga4_measurement_id: 'G-AAAA' },
        transformations,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Blog',
        description: '',
        parameters: { ga4_measurement_id: 'G-AAAA' },
        transformations,
      });
      const updated = await admin.call('PUT', `/pipelines/${created.body.id}`, {
        description: 'The blog',
      });
      expect(updated.body).toMatchObject({
        name: 'Blog',
        description: 'The blog',
        parameters: { ga4_measurement_id: 'G-AAAA' },
      });
      expect(
        (await admin.call('GET', '/pipelines')).body.pipelines.map((p: { id: string }) => p.id),
      ).toContain(created.body.id);
      expect(await admin.call('DELETE', `/pipelines/${created.body.id}`)).toEqual({
        status: 200,
        body: { status: 'deleted' },
      });
      expect((await admin.call('GET', `/pipelines/${created.body.id}`)).status).toBe(404);
    });

    it('deleting a pipeline removes its integration assignments in the same transaction', async () => {
      const template = await install('Cascade');
      const pipeline = await newPipeline('To delete');
      await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
        integration_id: template.id,
        revision_id: template.revision.id,
      });
      await admin.call('DELETE', `/pipelines/${pipeline.id}`);
      const left = await admin.deps.database.db
        .select({ n: count() })
        .from(pipelineIntegrations)
        .where(eq(pipelineIntegrations.pipelineId, pipeline.id));
      expect(left[0]!.n).toBe(0);
      expect((await admin.call('DELETE', `/integration-templates/${template.id}`)).status).toBe(
        200,
      );
    });

    it.each([
      { name: 'an empty name', body: { name: '' }, field: 'name' },
      {
        name: 'a non-string parameter value',
        body: { name: 'p', parameters: { a: 1 } },
        field: 'parameters.a',
      },
      {
        name: 'a parameter key with spaces',
        body: { name: 'p', parameters: { 'a b': 'x' } },
        field: 'parameters.a b',
      },
      {
        name: 'an unknown transformation op',
        body: { name: 'p', transformations: [{ op: 'eval', code: 'x' }] },
        field: 'transformations.0.op',
      },
      {
        name: 'a malformed condition',
        body: {
          name: 'p',
          transformations: [{ op: 'filter', when: { path: 'x', bogus: 1 }, action: 'drop' }],
        },
        field: 'transformations.0.when',
      },
    ])('refuses $name with a 400 naming $field', async ({ body, field }) => {
      const res = await admin.call('POST', '/pipelines', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    });

    it('answers malformed JSON with invalid_json, a non-JSON body with 415 and unknown routes with 404', async () => {
      const res = await admin.app.request('/v1/admin/pipelines', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        body: '{bad',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
      expect((await admin.call('GET', '/nothing-here')).status).toBe(404);
      const plain = await admin.app.request('/v1/admin/pipelines', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'text/plain' },
        body: '{"name":"x"}',
      });
      expect(plain.status).toBe(415);
    });
  });

  describe('roles and tokens', () => {
    const cases: {
      name: string;
      role: 'viewer' | 'editor' | 'admin' | 'none' | 'bad';
      method: string;
      path: string;
      body?: unknown;
      status: number;
    }[] = [
      { name: 'no token is 401', role: 'none', method: 'GET', path: '/pipelines', status: 401 },
      {
        name: 'an unknown token is 401',
        role: 'bad',
        method: 'GET',
        path: '/pipelines',
        status: 401,
      },
      {
        name: 'a viewer reads pipelines',
        role: 'viewer',
        method: 'GET',
        path: '/pipelines',
        status: 200,
      },
      {
        name: 'a viewer reads the catalog',
        role: 'viewer',
        method: 'GET',
        path: '/integration-catalog',
        status: 200,
      },
      {
        name: 'a viewer cannot create a pipeline',
        role: 'viewer',
        method: 'POST',
        path: '/pipelines',
        body: { name: 'v' },
        status: 403,
      },
      {
        name: 'a viewer cannot install from the catalog',
        role: 'viewer',
        method: 'POST',
        path: '/integration-catalog/ga4/install',
        body: { name: 'v' },
        status: 403,
      },
      {
        name: 'an editor creates a pipeline',
        role: 'editor',
        method: 'POST',
        path: '/pipelines',
        body: { name: 'e' },
        status: 201,
      },
      {
        name: 'an editor cannot list tokens',
        role: 'editor',
        method: 'GET',
        path: '/tokens',
        status: 403,
      },
      {
        name: 'an editor cannot create tokens',
        role: 'editor',
        method: 'POST',
        path: '/tokens',
        body: { name: 't', role: 'admin' },
        status: 403,
      },
      {
        name: 'an editor cannot read the audit log',
        role: 'editor',
        method: 'GET',
        path: '/audit-log',
        status: 403,
      },
      { name: 'an admin lists tokens', role: 'admin', method: 'GET', path: '/tokens', status: 200 },
      {
        name: 'the OpenAPI document needs no token',
        role: 'none',
        method: 'GET',
        path: '/openapi.json',
        status: 200,
      },
    ];
    it.each(cases)('$name', async ({ role, method, path, body, status }) => {
      const token = role === 'none' ? null : role === 'bad' ? 'not-a-token' : tokens[role];
      const res = await admin.call(method, path, body, token);
      expect(res.status).toBe(status);
      if (status >= 400)
        expect(res.body.error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    });

    it.each(['viewer', 'editor', 'admin'] as const)(
      'GET /me tells a %s token its own role and organisation, never the token',
      async (role) => {
        const res = await admin.call('GET', '/me', undefined, tokens[role]);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          name: `${role} token`,
          role,
          token_prefix: tokens[role].slice(0, 8),
          organisation: { id: expect.any(String), name: expect.any(String) },
        });
        expect(JSON.stringify(res.body)).not.toContain(tokens[role]);
      },
    );

    it('ignores the bootstrap token once any token exists', async () => {
      expect(await bootstrapAdmin(admin.deps, 'another-bootstrap-token-123')).toBe(false);
      expect(
        (await admin.call('GET', '/pipelines', undefined, 'another-bootstrap-token-123')).status,
      ).toBe(401);
    });

    it('stores tokens hashed, never shows them again, and refuses a revoked token', async () => {
      const created = await admin.call('POST', '/tokens', { name: 'short-lived', role: 'viewer' });
      const list = await admin.call('GET', '/tokens');
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect(created.body.last_used_at).toBeNull();
      expect((await admin.call('GET', '/pipelines', undefined, created.body.token)).status).toBe(
        200,
      );
      const used = (await admin.call('GET', '/tokens')).body.tokens.find(
        (t: { id: string }) => t.id === created.body.id,
      );
      expect(used.last_used_at).toBe(FIXED_NOW.toISOString());
      expect((await admin.call('DELETE', `/tokens/${created.body.id}`)).body.revoked_at).toBe(
        FIXED_NOW.toISOString(),
      );
      expect((await admin.call('GET', '/pipelines', undefined, created.body.token)).status).toBe(
        401,
      );
    });

    it('records every change in the audit log', async () => {
      const pipeline = await newPipeline('Audited');
      const log = await admin.call('GET', '/audit-log?limit=5');
      expect(log.body.entries[0]).toMatchObject({
        action: 'pipeline.create',
        entity_type: 'pipeline',
        entity_id: pipeline.id,
        actor: 'tok_00000001',
      });
    });

    it('serves the org data layer and validates replacements', async () => {
      const org = await admin.call('GET', '/organisation');
      expect(org.body.data_layer).toEqual({
        parse_user_agent: true,
        drop_bots: false,
        truncate_ip: false,
        pii_rules: [],
        renames: [],
      });
      const layer = {
        parse_user_agent: true,
        drop_bots: true,
        truncate_ip: true,
        pii_rules: [{ match: 'email', action: 'hash' }],
        renames: [],
      };
      expect((await admin.call('PUT', '/organisation/data-layer', layer)).body.data_layer).toEqual(
        layer,
      );
      const bad = await admin.call('PUT', '/organisation/data-layer', {
        ...layer,
        pii_rules: [{ match: 'email', action: 'encrypt' }],
      });
      expect([bad.status, bad.body.error.field]).toEqual([400, 'pii_rules.0.action']);
    });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await admin.call('GET', '/openapi.json', undefined, null);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/admin/integration-catalog/{vendor}/install',
        '/v1/admin/integration-templates/{id}/revisions',
        '/v1/admin/pipelines/{pid}/integrations/{id}',
        '/v1/admin/pipelines/{pid}/keys/{kid}/rotate',
      ]),
    );
    expect(res.body.components.schemas.PipelineIntegration.required).toEqual(
      expect.arrayContaining(['integration_name', 'latest_revision']),
    );
  });
});
