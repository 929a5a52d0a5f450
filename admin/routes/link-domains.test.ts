// Cross-domain link domains (docs/identity.md): declaring them in the org data layer makes the
// organisation's link secret once and writes domains and secret into its browser keys' edge
// records (not server keys'); the secret never appears in an API answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyRecord } from '../../core/keys/record.js';
import type { Database } from '../../core/db/client.js';
import { memoryKv, type MemoryKv } from '../kv/memory.js';
import { backends, testAdmin, type TestAdmin } from '../testing/index.js';

const LAYER = {
  parse_user_agent: true,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
};

describe.each(backends)('link domains on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let kv: MemoryKv;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    kv = memoryKv();
    admin = await testAdmin(database, { kv });
  });
  afterAll(async () => drop());

  it('writes the declared domains and one stable secret into browser key records only', async () => {
    const pid = (await admin.call('POST', '/pipelines', { name: 'Shop' })).body.id;
    const browser = (
      await admin.call('POST', `/pipelines/${pid}/keys`, {
        name: 'Web',
        kind: 'browser',
        allowed_origins: ['https://shop.example'],
      })
    ).body.id;
    const server = (
      await admin.call('POST', `/pipelines/${pid}/keys`, { name: 'Backend', kind: 'server' })
    ).body.id;
    expect(parseKeyRecord(kv.values.get(browser)!)?.link_secret).toBeUndefined();

    const identity = {
      enabled: true,
      learn_consent: ['analytics'],
      share_consent: ['marketing'],
      link_domains: ['shop.example', 'checkout.example-pay.com'],
    };
    const put = await admin.call('PUT', '/organisation/data-layer', { ...LAYER, identity });
    expect(put.status).toBe(200);
    const record = parseKeyRecord(kv.values.get(browser)!)!;
    expect(record.link_domains).toEqual(['shop.example', 'checkout.example-pay.com']);
    expect(record.link_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(parseKeyRecord(kv.values.get(server)!)?.link_secret).toBeUndefined();
    expect(JSON.stringify(put.body)).not.toContain(record.link_secret!);
    expect(JSON.stringify((await admin.call('GET', '/organisation')).body)).not.toContain(
      record.link_secret!,
    );

    await admin.call('PUT', '/organisation/data-layer', {
      ...LAYER,
      identity: { ...identity, link_domains: ['shop.example', 'pay.example'] },
    });
    const again = parseKeyRecord(kv.values.get(browser)!)!;
    expect(again.link_secret).toBe(record.link_secret);
    expect(again.link_domains).toEqual(['shop.example', 'pay.example']);
  });

  it('refuses a domain that is not a host name, naming the field', async () => {
    const res = await admin.call('PUT', '/organisation/data-layer', {
      ...LAYER,
      identity: {
        enabled: true,
        learn_consent: [],
        share_consent: [],
        link_domains: ['https://x.example/'],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('identity.link_domains.0');
  });
});
