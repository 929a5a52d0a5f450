// Preview against PGlite always and the real PostgreSQL when the run has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../core/db/client.js';
import { backends, testAdmin, type TestAdmin } from '../../testing/index.js';

const purchase = {
  type: 'track',
  event: 'Order Completed',
  event_id: 'ORD-1',
  timestamp: '2026-02-20T09:59:00Z',
  user_id: 'user-123',
  properties: { order_id: 'ORD-1', revenue: 59.98, currency: 'USD' },
  traits: { email: 'John_Smith@gmail.com' },
  context: {
    ip: '203.0.113.7',
    user_agent: 'UA/1.0',
    page: { url: 'https://shop.example.com/thanks' },
  },
};

describe.each(backends)('preview on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let metaId: string;
  let firstRevision: string;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    const res = await admin.call('POST', '/integration-catalog/meta_capi/install', {
      name: 'Meta',
      variant: 'retail',
      config: { pixel_id: '1234567890', access_token: 'EAAB-very-secret' },
      delivery_mode: 'server_side',
    });
    expect(res.status).toBe(201);
    metaId = res.body.id;
    firstRevision = res.body.revision.id;
  });
  afterAll(async () => drop());

  const preview = (id: string, body: unknown) =>
    admin.call('POST', `/integration-templates/${id}/preview`, body);

  it('The latest revision formats a purchase into the exact Meta request with the access token masked.', async () => {
    const res = await preview(metaId, { events: [purchase] });
    expect(res.status).toBe(200);
    expect(res.body.revision_id).toBe(firstRevision);
    expect(res.body.requests).toHaveLength(1);
    const [req] = res.body.requests;
    expect(req.url).toBe('https://graph.facebook.com/v24.0/1234567890/events?access_token=***');
    expect(JSON.stringify(res.body)).not.toContain('EAAB-very-secret');
    expect(req.body.data[0]).toMatchObject({
      event_name: 'Purchase',
      event_id: 'ORD-1',
      event_time: 1771581540,
      custom_data: { value: 59.98, currency: 'USD' },
      user_data: { em: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'] },
    });
    expect(res.body.coverage.events.purchase.required.missing).toEqual([]);
  });

  it.each([
    ['tiktok', { pixel_code: 'C1234567890ABCDEFG', access_token: 'tt-secret' }],
    ['pinterest', { ad_account_id: '549755885175', access_token: 'pina-secret' }],
    ['snapchat', { pixel_id: '1ec32188-754e-4be2-8e55-c949a984a39f', access_token: 'snap-secret' }],
    ['linkedin', { access_token: 'li-secret', conversion_rule_id: '123456' }],
    ['the_trade_desk', { advertiser_id: 'abc12345', tracker_id: 'hc7ihke' }],
  ])(
    'Preview of a %s install reports the coverage of its default purchase mapping.',
    async (vendor, config) => {
      const installed = await admin.call('POST', `/integration-catalog/${vendor}/install`, {
        name: `${vendor} preview`,
        config,
        delivery_mode: 'server_side',
      });
      expect(installed.status).toBe(201);
      const res = await preview(installed.body.id, { events: [purchase] });
      expect(res.status).toBe(200);
      expect(res.body.coverage.required_total).toBeGreaterThan(0);
      expect(Object.keys(res.body.coverage.events).length).toBeGreaterThan(0);
    },
  );

  it('A revision id previews that revision, not the latest.', async () => {
    const rev2 = await admin.call('POST', `/integration-templates/${metaId}/revisions`, {
      config: { pixel_id: '999', access_token: 'EAAB-very-secret' },
      delivery_mode: 'server_side',
      change_summary: 'new pixel',
    });
    expect(rev2.status).toBe(201);
    expect((await preview(metaId, { events: [purchase] })).body.requests[0].url).toContain(
      '/999/events',
    );
    expect(
      (await preview(metaId, { events: [purchase], revision_id: firstRevision })).body.requests[0]
        .url,
    ).toContain('/1234567890/events');
  });

  it('A draft config with a bad row is refused naming the row path.', async () => {
    const res = await preview(metaId, {
      events: [purchase],
      config: {
        pixel_id: '1',
        access_token: 'tok-123',
        events: {
          x: {
            vendor_event: 'X',
            mappings: [
              { source: 'traits.email', target: 'user_data.em', transforms: ['lowercase', 'nope'] },
            ],
          },
        },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'config_error',
      field: 'events.x.mappings[0].transforms[1]',
    });
  });

  it('A pipeline parameter reference needs its value, and resolves when given.', async () => {
    const config = { pixel_id: '{{pipeline_param.meta_pixel}}', access_token: 'tok-123' };
    const missing = await preview(metaId, { events: [purchase], config });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'config_error', field: 'pixel_id' });
    const ok = await preview(metaId, {
      events: [purchase],
      config,
      pipeline_parameters: { meta_pixel: '424242' },
    });
    expect(ok.body.requests[0].url).toContain('/424242/events');
  });

  it('An invalid sample event is reported by index and the good ones are still previewed; unmapped ones are listed as skipped.', async () => {
    const res = await preview(metaId, {
      events: [{ type: 'bogus' }, purchase, { type: 'track', event: 'Video Played' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.invalid_events[0]).toMatchObject({ index: 0, field: 'events[0].type' });
    expect(res.body.requests[0].event_ids).toEqual(['ORD-1']);
    expect(res.body.skipped).toEqual([
      { event_id: 'preview-3', reason: 'no mapping for event "Video Played" (defaults: drop)' },
    ]);
  });

  it('Test mode previews the vendor’s test request.', async () => {
    const res = await preview(metaId, {
      events: [purchase],
      config: {
        pixel_id: '1',
        access_token: 'tok-123',
        test_mode: true,
        test_event_code: 'TEST42',
      },
    });
    expect(res.body.requests[0].body.test_event_code).toBe('TEST42');
  });

  it('An OAuth vendor is previewed without fetching a token, the bearer and key masked.', async () => {
    const created = await admin.call('POST', '/integration-templates', {
      name: 'Ads',
      vendor: 'google_ads',
    });
    const key = {
      client_email: 'x@y.iam.gserviceaccount.com',
      private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
    };
    const res = await preview(created.body.id, {
      events: [purchase],
      config: {
        customer_id: '1234567890',
        conversion_action_id: '55',
        service_account_json: JSON.stringify(key),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.requests[0].headers.authorization).toBe('Bearer ***');
    expect(res.body.requests[0].body.events[0]).toMatchObject({
      transactionId: 'ORD-1',
      conversionValue: 59.98,
    });
  });

  it('A template without revisions asks for a draft config.', async () => {
    const created = await admin.call('POST', '/integration-templates', {
      name: 'Empty',
      vendor: 'ga4',
    });
    const res = await preview(created.body.id, { events: [purchase] });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe('config');
  });

  it('An empty events list is refused.', async () => {
    const res = await preview(metaId, { events: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('events');
  });
});

describe.each(backends)('custom Delivery Spec through the Management API on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;

  const spec = {
    endpoint: {
      base_url: 'https://crm.example.com',
      path: '/v2/{{settings.tenant}}/events',
      test_mode: { query: { dry_run: '1' } },
    },
    auth: { kind: 'bearer', token: '{{settings.token}}' },
    body: { wrapper: { events: '{{items}}', source: 'datafly' } },
    item: {
      fields: {
        type: '{{vendor_event}}',
        id: '{{event.event_id}}',
        at: '{{event.timestamp | to_unix_seconds}}',
      },
    },
    batching: { max_events: 50 },
  };
  const config = {
    spec,
    tenant: 'acme',
    token: 'crm-very-secret',
    global: [{ source: 'traits.email', target: 'email', transforms: ['id.email_sha256'] }],
  };

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
  });
  afterAll(async () => drop());

  it('A spec with a bad token URL is refused on save, the error naming the path inside the spec.', async () => {
    const res = await admin.call('POST', '/integration-catalog/delivery_spec/install', {
      name: 'CRM',
      config: {
        ...config,
        spec: {
          ...spec,
          auth: {
            kind: 'oauth2_client_credentials',
            token_url: 'not a url',
            client_id: '{{settings.client_id}}',
            client_secret: '{{settings.client_secret}}',
          },
        },
      },
      delivery_mode: 'server_side',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('config.spec.auth.token_url');
    expect(res.body.error.message).toMatch(/^spec\.auth\.token_url: /);
  });

  it('A saved spec is stored as a revision with its secret masked, and previews the exact request with the token masked.', async () => {
    const installed = await admin.call('POST', '/integration-catalog/delivery_spec/install', {
      name: 'CRM',
      config,
      delivery_mode: 'server_side',
    });
    expect(installed.status).toBe(201);
    expect(JSON.stringify(installed.body)).not.toContain('crm-very-secret');
    const res = await admin.call('POST', `/integration-templates/${installed.body.id}/preview`, {
      events: [purchase],
      test_mode: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.requests).toEqual([
      {
        method: 'POST',
        url: 'https://crm.example.com/v2/acme/events?dry_run=1',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ***' },
        body: {
          source: 'datafly',
          events: [
            {
              type: 'Order Completed',
              id: 'ORD-1',
              at: 1771581540,
              email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
            },
          ],
        },
        event_ids: ['ORD-1'],
      },
    ]);
  });
});
