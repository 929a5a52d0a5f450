// Sources and pipeline keys: secrets shown once, rotation with two live secrets, revocation,
// and the KV record the edge reads written on every change (or the change rolled back).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataflyError } from '../core/errors/index.js';
import { parseKeyRecord, type KeyRecord } from '../core/keys/record.js';
import type { Database } from '../core/db/client.js';
import { pipelineKeys, sources } from '../core/db/schema/index.js';
import { memoryKv, type MemoryKv } from './kv/memory.js';
import type { KeyValueWriter } from './kv/types.js';
import { backends, testAdmin, type TestAdmin } from './testing/index.js';

/** A KV writer that can be told to fail, to prove changes roll back with it. */
function switchableKv(inner: MemoryKv): KeyValueWriter & { failing: boolean } {
  const kv = {
    failing: false,
    put: (key: string, value: string) =>
      kv.failing
        ? Promise.reject(new DataflyError('upstream_unavailable', 'KV down'))
        : inner.put(key, value),
  };
  return kv;
}

describe.each(backends)('pipeline keys on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  const store = memoryKv();
  const kv = switchableKv(store);
  let pid: string;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database, { kv });
    pid = (await admin.call('POST', '/pipelines', { name: 'Marketing Website' })).body.id;
  });
  afterAll(async () => drop());

  const record = (key: string): KeyRecord | null => parseKeyRecord(store.values.get(key) ?? 'null');

  it('shows viewers and the audit log a key id cut like a token; editors see it whole', async () => {
    const created = await admin.call('POST', `/pipelines/${pid}/keys`, {
      name: 'Backend',
      kind: 'server',
    });
    const id = created.body.id as string;
    const viewer = (await admin.call('POST', '/tokens', { name: 'viewer', role: 'viewer' })).body
      .token as string;
    const asViewer = await admin.call('GET', `/pipelines/${pid}/keys`, undefined, viewer);
    expect(asViewer.status).toBe(200);
    expect(JSON.stringify(asViewer.body)).not.toContain(id);
    expect(asViewer.body.keys.map((k: { id: string }) => k.id)).toContain(`${id.slice(0, 8)}…`);
    const asEditor = await admin.call('GET', `/pipelines/${pid}/keys`);
    expect(asEditor.body.keys.map((k: { id: string }) => k.id)).toContain(id);
    const audit = await admin.call('GET', '/audit-log?limit=10');
    expect(JSON.stringify(audit.body)).not.toContain(id);
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'key.create',
        entity_type: 'key',
        entity_id: `${id.slice(0, 8)}…`,
      }),
    );
  });

  it('creates a browser key with its source and writes the edge record', async () => {
    const res = await admin.call('POST', `/pipelines/${pid}/keys`, {
      name: 'Website',
      kind: 'browser',
      allowed_origins: ['https://www.example.com'],
      cookie_domain: 'example.com',
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^dk_[A-Za-z0-9_-]{8,}$/);
    expect(res.body).toMatchObject({
      pipeline_id: pid,
      kind: 'browser',
      status: 'active',
      active_secrets: 0,
    });
    expect(res.body.secret).toBeUndefined();
    expect(record(res.body.id)).toEqual({
      v: 1,
      kind: 'browser',
      pipeline_id: pid,
      org_id: 'org_00000001',
      source_id: res.body.source_id,
      status: 'active',
      allowed_origins: ['https://www.example.com'],
      hmac_secrets: [],
      cookie_domain: 'example.com',
      webhook: null,
    });
  });

  it('shows a server key its HMAC secret once and rotates with two live secrets', async () => {
    const created = await admin.call('POST', `/pipelines/${pid}/keys`, {
      name: 'Backend',
      kind: 'server',
    });
    const first = created.body.secret as string;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(record(created.body.id)!.hmac_secrets).toEqual([first]);
    expect(record(created.body.id)!.kind).toBe('server');
    const listed = await admin.call('GET', `/pipelines/${pid}/keys`);
    expect(JSON.stringify(listed.body)).not.toContain(first);

    const rotated = await admin.call('POST', `/pipelines/${pid}/keys/${created.body.id}/rotate`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.secret as string;
    expect(second).not.toBe(first);
    expect(rotated.body.active_secrets).toBe(2);
    expect(record(created.body.id)!.hmac_secrets).toEqual([second, first]);

    const third = (await admin.call('POST', `/pipelines/${pid}/keys/${created.body.id}/rotate`))
      .body.secret as string;
    expect(record(created.body.id)!.hmac_secrets).toEqual([third, second]);

    const done = await admin.call(
      'POST',
      `/pipelines/${pid}/keys/${created.body.id}/rotate/complete`,
    );
    expect(done.body).toMatchObject({ active_secrets: 1 });
    expect(done.body.secret).toBeUndefined();
    expect(record(created.body.id)!.hmac_secrets).toEqual([third]);
  });

  it.each([
    {
      name: 'HMAC',
      webhook: { scheme: 'hmac_sha256', header: 'x-shopify-hmac-sha256' },
      pattern: /^[0-9a-f]{64}$/,
    },
    {
      name: 'Standard Webhooks',
      webhook: { scheme: 'standard_webhooks' },
      pattern: /^whsec_[A-Za-z0-9+/=]+$/,
    },
  ])(
    'creates and rotates a webhook key ($name) with the secret in the source scheme',
    async ({ webhook, pattern }) => {
      const created = await admin.call('POST', `/pipelines/${pid}/keys`, {
        name: 'Webhook',
        kind: 'webhook',
        webhook,
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(pattern);
      expect(record(created.body.id)!.webhook).toMatchObject({
        ...webhook,
        secrets: [created.body.secret],
      });
      expect(record(created.body.id)!.kind).toBe('webhook');
      const rotated = await admin.call('POST', `/pipelines/${pid}/keys/${created.body.id}/rotate`);
      expect(record(created.body.id)!.webhook!.secrets).toEqual([
        rotated.body.secret,
        created.body.secret,
      ]);
      const sources = await admin.call('GET', `/pipelines/${pid}/sources`);
      expect(JSON.stringify(sources.body)).not.toContain(created.body.secret);
    },
  );

  it('refuses a webhook key without a scheme and a rotation of a browser key', async () => {
    const noScheme = await admin.call('POST', `/pipelines/${pid}/keys`, { kind: 'webhook' });
    expect([noScheme.status, noScheme.body.error.field]).toEqual([400, 'webhook']);
    const browser = await admin.call('POST', `/pipelines/${pid}/keys`, { kind: 'browser' });
    expect(
      (await admin.call('POST', `/pipelines/${pid}/keys/${browser.body.id}/rotate`)).status,
    ).toBe(409);
    const badOrigin = await admin.call('POST', `/pipelines/${pid}/keys`, {
      kind: 'browser',
      allowed_origins: ['https://x.com/path'],
    });
    expect([badOrigin.status, badOrigin.body.error.field]).toEqual([400, 'allowed_origins.0']);
  });

  it('revokes a key at the edge', async () => {
    const created = await admin.call('POST', `/pipelines/${pid}/keys`, { kind: 'browser' });
    const revoked = await admin.call('POST', `/pipelines/${pid}/keys/${created.body.id}/revoke`);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revoked_at: '2026-02-20T10:00:00.000Z',
    });
    expect(record(created.body.id)!.status).toBe('revoked');
    expect(
      (await admin.call('POST', `/pipelines/${pid}/keys/${created.body.id}/rotate`)).status,
    ).toBe(409);
    expect((await admin.call('POST', `/pipelines/${pid}/keys/dk_missing00/revoke`)).status).toBe(
      404,
    );
  });

  it('re-syncs every key of a source when its origins change', async () => {
    const first = await admin.call('POST', `/pipelines/${pid}/keys`, {
      kind: 'browser',
      allowed_origins: ['https://a.example'],
    });
    const second = await admin.call('POST', `/pipelines/${pid}/keys`, {
      source_id: first.body.source_id,
      name: 'second',
    });
    expect(second.body.source_id).toBe(first.body.source_id);
    const updated = await admin.call('PUT', `/pipelines/${pid}/sources/${first.body.source_id}`, {
      allowed_origins: ['https://b.example'],
      cookie_domain: 'b.example',
    });
    expect(updated.body).toMatchObject({
      allowed_origins: ['https://b.example'],
      cookie_domain: 'b.example',
    });
    for (const id of [first.body.id, second.body.id])
      expect(record(id)).toMatchObject({
        allowed_origins: ['https://b.example'],
        cookie_domain: 'b.example',
      });
  });

  it('marks every key of a deleted pipeline revoked at the edge', async () => {
    const other = (await admin.call('POST', '/pipelines', { name: 'Short-lived' })).body
      .id as string;
    const key = await admin.call('POST', `/pipelines/${other}/keys`, { kind: 'browser' });
    await admin.call('DELETE', `/pipelines/${other}`);
    expect(record(key.body.id)!.status).toBe('revoked');
  });

  it('rolls the change back when the KV write fails, so the API never reports what the edge lacks', async () => {
    const countRows = async () => ({
      keys: (await admin.deps.database.db.select({ n: count() }).from(pipelineKeys))[0]!.n,
      sources: (await admin.deps.database.db.select({ n: count() }).from(sources))[0]!.n,
    });
    const existing = await admin.call('POST', `/pipelines/${pid}/keys`, { kind: 'browser' });
    const before = await countRows();
    kv.failing = true;
    try {
      const created = await admin.call('POST', `/pipelines/${pid}/keys`, { kind: 'server' });
      expect([created.status, created.body.error.code]).toEqual([503, 'upstream_unavailable']);
      expect(
        (await admin.call('POST', `/pipelines/${pid}/keys/${existing.body.id}/revoke`)).status,
      ).toBe(503);
    } finally {
      kv.failing = false;
    }
    expect(await countRows()).toEqual(before);
    const [row] = await admin.deps.database.db
      .select()
      .from(pipelineKeys)
      .where(eq(pipelineKeys.id, existing.body.id));
    expect(row!.status).toBe('active');
  });
});
