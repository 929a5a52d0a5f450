import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../core/db/client.js';
import { backends, testAdmin, type TestAdmin } from '../../testing/index.js';
import { schemaPaths } from '.';

describe.each(backends)('mapping schema on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
  });
  afterAll(async () => drop());

  it('gives the config JSON Schema with the four categories, canonical source paths and the built-in transforms', async () => {
    const { status, body } = await admin.call('GET', '/mapping-schema');
    expect(status).toBe(200);
    expect(Object.keys(body.config_schema.properties)).toEqual([
      'parameters',
      'global',
      'events',
      'defaults',
    ]);
    expect(body.source_fields).toEqual(
      expect.arrayContaining([
        'event',
        'user_id',
        'context.page.url',
        'context.ip',
        'properties.',
        'traits.',
      ]),
    );
    expect(body.transforms).toEqual(expect.arrayContaining(['sha256', 'lowercase']));
  });

  it("gives Meta CAPI's fields (required ones marked), the identity-kit rules it names and its default purchase mapping", async () => {
    const { status, body } = await admin.call('GET', '/mapping-schema/meta_capi');
    expect(status).toBe(200);
    expect(body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'event_source_url', required: true }),
        expect.objectContaining({ path: 'custom_data.value', required_for: ['Purchase'] }),
      ]),
    );
    expect(body.transforms).toContain('id.phone_digits_sha256');
    expect(body.defaults.events.purchase.vendor_event).toBe('Purchase');
  });

  it.each([
    { name: 'an unknown vendor is a 404 naming the field', vendor: 'nope', status: 404 },
    {
      name: 'a vendor outside the mapping engine (webhook) is a 404',
      vendor: 'webhook',
      status: 404,
    },
  ])('$name', async ({ vendor, status }) => {
    const res = await admin.call('GET', `/mapping-schema/${vendor}`);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe('vendor');
  });

  it('needs a token', async () => {
    expect((await admin.call('GET', '/mapping-schema', undefined, null)).status).toBe(401);
  });
});

describe('schemaPaths', () => {
  it('lists leaf paths and marks open records with a trailing dot', () => {
    expect(
      schemaPaths({
        properties: {
          a: { type: 'string' },
          b: { properties: { c: { type: 'number' } } },
          d: { type: 'object' },
        },
      }),
    ).toEqual(['a', 'b.c', 'd.']);
  });
});
