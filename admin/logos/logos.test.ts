// Brand logos: every vendor the table names has a served SVG tile with its title and colour;
// the catalog lists the logo with source and licence, or null (monogram); the logo door needs no
// token and answers only the table's vendors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGO_SLUGS } from '../../core/catalog/logos';
import type { Database } from '../db/client';
import { backends, testAdmin, type TestAdmin } from '../testing';

describe('brand logos', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  beforeAll(async () => {
    ({ database, drop } = await backends[0]!.open());
    admin = await testAdmin(database);
  });
  afterAll(async () => drop());

  it.each(Object.keys(LOGO_SLUGS))('serves %s as an SVG tile without a token', async (vendor) => {
    const entry = (await admin.call('GET', `/integration-catalog/${vendor}`)).body;
    expect(entry.logo).toMatchObject({ url: `/v1/admin/logos/${vendor}.svg`, license: expect.stringContaining('CC0') });
    expect(entry.logo.source).toMatch(/^https:\/\//);
    const res = await admin.app.request(entry.logo.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toContain(`<title>${entry.logo.title}</title>`);
    expect(svg).toContain(`fill="${entry.logo.hex}"`);
    expect(svg).toMatch(/<path d="M[^"]+"/);
  });

  it('draws a dark glyph on a light brand colour and a white one on a dark colour', async () => {
    expect(await (await admin.app.request('/v1/admin/logos/snapchat.svg')).text()).toContain('fill="#000"');
    expect(await (await admin.app.request('/v1/admin/logos/meta_capi.svg')).text()).toContain('fill="#fff"');
  });

  it('lists null for a vendor without a logo (the UI shows a monogram)', async () => {
    const list = (await admin.call('GET', '/integration-catalog')).body.integrations as { vendor: string; logo: unknown }[];
    expect(list.find((e) => e.vendor === 'linkedin')?.logo).toBeNull();
    expect(list.find((e) => e.vendor === 'webhook')?.logo).toBeNull();
    expect(list.filter((e) => e.logo !== null).length).toBe(Object.keys(LOGO_SLUGS).length);
  });

  it.each(['linkedin.svg', 'META_CAPI.svg', 'meta_capi.png', 'meta_capi.svg.svg', '..%2F..%2Fpackage.json', '%00.svg', `${'a'.repeat(65)}.svg`, 'constructor.svg', '__proto__.svg'])(
    'answers 404 for %s',
    async (file) => {
      const res = await admin.app.request(`/v1/admin/logos/${file}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    },
  );
});
