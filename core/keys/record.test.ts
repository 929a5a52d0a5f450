import { describe, expect, it } from 'vitest';
import { KeyRecord, PipelineKey, parseKeyRecord, serializeKeyRecord } from './index.js';

const BASE = {
  v: 1,
  kind: 'server',
  pipeline_id: 'pip_1',
  org_id: 'org_1',
  source_id: 'src_1',
  status: 'active',
} as const;

describe('KeyRecord', () => {
  it('fills defaults for optional parts', () => {
    expect(parseKeyRecord(JSON.stringify(BASE))).toEqual({
      ...BASE,
      allowed_origins: [],
      hmac_secrets: [],
      cookie_domain: null,
      webhook: null,
    });
  });

  it('round-trips a full record as admin writes it', () => {
    const full = {
      ...BASE,
      allowed_origins: ['https://www.example.com', 'http://localhost:3000'],
      hmac_secrets: ['new', 'old'],
      cookie_domain: 'example.com',
      webhook: { scheme: 'standard_webhooks' as const, secrets: ['whsec_AAAA'] },
    };
    expect(JSON.parse(serializeKeyRecord(full))).toEqual({
      ...full,
      webhook: { ...full.webhook, tolerance_seconds: 300 },
    });
  });

  it.each([
    { name: 'a future version is refused', record: { ...BASE, v: 2 }, path: 'v' },
    { name: 'an unknown status is refused', record: { ...BASE, status: 'paused' }, path: 'status' },
    {
      name: 'an origin with a path is refused',
      record: { ...BASE, allowed_origins: ['https://x.example/'] },
      path: 'allowed_origins.0',
    },
    {
      name: 'three HMAC secrets are refused (two during rotation at most)',
      record: { ...BASE, hmac_secrets: ['a', 'b', 'c'] },
      path: 'hmac_secrets',
    },
    {
      name: 'a Standard Webhooks secret without whsec_ is refused',
      record: { ...BASE, webhook: { scheme: 'standard_webhooks', secrets: ['abc'] } },
      path: 'webhook.secrets.0',
    },
    {
      name: 'an unknown webhook scheme is refused',
      record: { ...BASE, webhook: { scheme: 'md5', secrets: ['a'] } },
      path: 'webhook.scheme',
    },
  ])('$name', ({ record, path }) => {
    const r = KeyRecord.safeParse(record);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it.each([
    {
      name: 'a legacy record with a webhook scheme is a webhook key',
      extra: { webhook: { scheme: 'hmac_sha256', secrets: ['s'] }, hmac_secrets: ['h'] },
      kind: 'webhook',
    },
    {
      name: 'a legacy record with HMAC secrets is a server key (never a browser key)',
      extra: { hmac_secrets: ['h'] },
      kind: 'server',
    },
    { name: 'a legacy record with neither is a browser key', extra: {}, kind: 'browser' },
  ])('$name', ({ extra, kind }) => {
    const { kind: _kind, ...legacy } = BASE;
    expect(parseKeyRecord(JSON.stringify({ ...legacy, ...extra }))?.kind).toBe(kind);
  });

  it('refuses an unknown key kind', () => {
    expect(parseKeyRecord(JSON.stringify({ ...BASE, kind: 'admin' }))).toBeNull();
  });

  it('treats invalid JSON as no record', () => {
    expect(parseKeyRecord('{')).toBeNull();
  });

  it.each([
    ['dk_abc12345', true],
    ['dk_live_Abc-123_xyz', true],
    ['dk_short', false],
    ['pk_abc12345', false],
    ['dk_abc 12345', false],
  ])('PipelineKey %s → %s', (key, ok) => {
    expect(PipelineKey.safeParse(key).success).toBe(ok);
  });
});
