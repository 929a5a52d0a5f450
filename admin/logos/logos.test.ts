// Logos: every catalog card has one, served without a token as an SVG tile: brand marks from
// simple-icons or SVG Logos with their source and CC0 licence, a generated monogram otherwise; the
// logo door answers only catalog vendors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../core/catalog/index.js';
import type { Database } from '../../core/db/client.js';
import { backends, testAdmin, type TestAdmin } from '../testing/index.js';
import { initials } from './index.js';

describe('catalog logos', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  beforeAll(async () => {
    ({ database, drop } = await backends[0]!.open());
    admin = await testAdmin(database);
  });
  afterAll(async () => drop());

  const fetchLogo = async (vendor: string) => {
    const entry = (await admin.call('GET', `/integration-catalog/${vendor}`)).body;
    const res = await admin.app.request(entry.logo.url);
    return { entry, res, svg: await res.text() };
  };

  it('serves a simple-icons glyph on the brand colour, dark ink on a light colour and white on a dark one', async () => {
    const snap = await fetchLogo('snapchat');
    expect(snap.entry.logo).toMatchObject({
      url: '/v1/admin/logos/snapchat.svg',
      kind: 'brand',
      license: expect.stringContaining('CC0'),
    });
    expect(snap.entry.logo.source).toMatch(/^https:\/\//);
    expect(snap.res.headers.get('content-type')).toBe('image/svg+xml');
    expect(snap.svg).toContain(`fill="${snap.entry.logo.hex}"`);
    expect(snap.svg).toContain('fill="#000"');
    expect((await fetchLogo('meta_capi')).svg).toContain('fill="#fff"');
  });

  it('serves an SVG Logos icon in full colour on a white tile, crediting its source', async () => {
    const { entry, svg } = await fetchLogo('linkedin');
    expect(entry.logo).toMatchObject({
      kind: 'brand',
      source: 'https://github.com/gilbarbara/logos',
      license: expect.stringContaining('CC0-1.0'),
    });
    expect(svg).toContain('<title>LinkedIn');
    expect(svg).toMatch(/<path[^>]+fill="#[0-9a-fA-F]{3,6}"/);
  });

  it('draws a monogram of the name for a card without a brand icon', async () => {
    const { entry, svg } = await fetchLogo('webhook');
    expect(entry.logo).toMatchObject({ kind: 'monogram', source: 'generated' });
    expect(svg).toContain(`>${initials(entry.name)}</text>`);
    expect(initials('Google Analytics 4 (Measurement Protocol)')).toBe('GA');
    expect(initials('impact.com')).toBe('IC');
  });

  it('gives every catalog card a logo that serves as an SVG image', async () => {
    const list = (await admin.call('GET', '/integration-catalog')).body.integrations as {
      vendor: string;
      logo: { url: string; kind: string };
    }[];
    expect(list).toHaveLength(CATALOG.length);
    for (const e of list) {
      const res = await admin.app.request(e.logo.url);
      expect(res.status, e.vendor).toBe(200);
      expect(await res.text()).toMatch(/^<svg [^>]+><title>[^<]+<\/title><rect /);
    }
    expect(list.filter((e) => e.logo.kind === 'brand').length).toBeGreaterThan(list.length / 2);
  });

  it.each([
    'not_a_vendor.svg',
    'META_CAPI.svg',
    'meta_capi.png',
    'meta_capi.svg.svg',
    '..%2F..%2Fpackage.json',
    '%00.svg',
    `${'a'.repeat(65)}.svg`,
    'constructor.svg',
    '__proto__.svg',
  ])('answers 404 for %s', async (file) => {
    const res = await admin.app.request(`/v1/admin/logos/${file}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
