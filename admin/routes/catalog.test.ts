// The Integration Library through the admin API (issue 14): at least 100 entries, every vendor the
// seed names among them, each with a category, a logo URL, variants and Blueprints; counts per
// category for the tabs; search over name, description and keywords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES } from '../../core/catalog/index.js';
import type { Database } from '../../core/db/client.js';
import { backends, testAdmin, type TestAdmin } from '../testing/index.js';

/** Vendors the product promises by name (issue 14 lists them). */
const SEED_NAMED = [
  'x_ads',
  'microsoft_ads',
  'criteo',
  'adobe_analytics',
  'amplitude',
  'mixpanel',
  'adjust',
  'appsflyer',
  'impact',
  'braze',
  'hubspot',
  'salesforce',
  'snowflake',
  's3',
  'redshift',
];

interface Listed {
  vendor: string;
  category: string;
  name: string;
  description: string;
  keywords: string[];
  logo: { url: string };
  variants: unknown[];
  blueprints: unknown[];
}

describe('integration catalog API', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  beforeAll(async () => {
    ({ database, drop } = await backends[0]!.open());
    admin = await testAdmin(database);
  });
  afterAll(async () => drop());

  it('lists at least 100 entries, every seed-named vendor among them, each with a category, logo URL, variants and Blueprints', async () => {
    const { integrations, counts } = (await admin.call('GET', '/integration-catalog')).body as {
      integrations: Listed[];
      counts: Record<string, number>;
    };
    expect(integrations.length).toBeGreaterThanOrEqual(100);
    expect(integrations.map((e) => e.vendor)).toEqual(expect.arrayContaining(SEED_NAMED));
    for (const e of integrations) {
      expect(CATALOG_CATEGORIES).toContain(e.category);
      expect(e.logo.url).toBe(`/v1/admin/logos/${e.vendor}.svg`);
      expect(Array.isArray(e.variants) && Array.isArray(e.blueprints)).toBe(true);
    }
    expect(counts.all).toBe(integrations.length);
    for (const c of CATALOG_CATEGORIES)
      expect(counts[c], c).toBe(integrations.filter((e) => e.category === c).length);
    expect(integrations.filter((e) => e.blueprints.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('filters by category while the counts still cover every category of the search', async () => {
    const all = (await admin.call('GET', '/integration-catalog')).body as {
      counts: Record<string, number>;
    };
    const { integrations, counts } = (
      await admin.call('GET', '/integration-catalog?category=analytics')
    ).body as { integrations: Listed[]; counts: Record<string, number> };
    expect(integrations.length).toBe(all.counts.analytics);
    expect(integrations.every((e) => e.category === 'analytics')).toBe(true);
    expect(counts).toEqual(all.counts);
  });

  it('searches names, descriptions and keywords, case-insensitively, with counts for the search', async () => {
    const { integrations, counts } = (
      await admin.call('GET', '/integration-catalog?search=PRODUCT%20ANALYTICS')
    ).body as { integrations: Listed[]; counts: Record<string, number> };
    expect(integrations.map((e) => e.vendor)).toContain('amplitude');
    for (const e of integrations)
      expect([e.vendor, e.name, e.description, ...e.keywords].join(' ').toLowerCase()).toContain(
        'product analytics',
      );
    expect(counts.all).toBe(integrations.length);
  });

  it('refuses an unknown category naming the field', async () => {
    const res = await admin.call('GET', '/integration-catalog?category=crm');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('category');
  });
});
