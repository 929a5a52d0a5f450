import { describe, expect, it } from 'vitest';
import { DataflyError } from '../errors/index.js';
import { DECLARATIONS } from '../vendors/registry.js';
import {
  CATALOG,
  DELIVERY_SETTING_KEYS,
  getCatalogEntry,
  searchCatalog,
  validateConfig,
} from './index.js';

const SEED_VENDORS = [
  'ga4',
  'meta_capi',
  'google_ads',
  'tiktok',
  'pinterest',
  'snapchat',
  'linkedin',
  'the_trade_desk',
  'webhook',
  'bigquery',
  'delivery_spec',
];

function fieldOf(run: () => void): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof DataflyError) return e.field;
    throw e;
  }
  return undefined;
}

describe('integration catalog', () => {
  it('has an entry for every vendor in the seed table and every declared vendor, each field fully described', () => {
    const keys = CATALOG.map((e) => e.vendor);
    expect(keys).toEqual(
      expect.arrayContaining([...SEED_VENDORS, ...DECLARATIONS.map((d) => d.id)]),
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of CATALOG) {
      expect(entry.fields.some((f) => f.required)).toBe(true);
      for (const f of entry.fields) {
        expect(f.label.length).toBeGreaterThan(0);
        expect(f.help.length).toBeGreaterThan(0);
        expect(DELIVERY_SETTING_KEYS).not.toContain(f.key);
        if (f.type === 'secret') expect(f.secret).toBe(true);
      }
    }
  });

  it("derives a declared vendor's entry from its declaration: fields, secret flags, docs link", () => {
    const reddit = getCatalogEntry('reddit') as ReturnType<typeof getCatalogEntry> & {
      docs?: string;
    };
    expect(reddit?.fields.map((f) => [f.key, f.required, f.secret])).toEqual([
      ['pixel_id', true, false],
      ['access_token', true, true],
      ['action_source', false, false],
      ['test_id', false, false],
      ['partner', false, false],
    ]);
    expect(reddit?.docs).toMatch(/^https:\/\/ads-api\.reddit\.com\//);
    expect(
      getCatalogEntry('pinterest')?.fields.find((f) => f.key === 'action_source'),
    ).toMatchObject({
      type: 'select',
      options: ['web', 'app_android', 'app_ios', 'offline'],
      default: 'web',
    });
  });

  it.each([
    {
      name: 'filters by category',
      query: { category: 'cloud_storage' as const },
      includes: ['bigquery'],
    },
    {
      name: 'searches names and descriptions case-insensitively',
      query: { search: 'MEASUREMENT' },
      includes: ['ga4', 'x_ads'],
    },
    {
      name: 'combines category and search',
      query: { category: 'advertising' as const, search: 'conversions api' },
      includes: ['meta_capi', 'snapchat', 'linkedin', 'pinterest', 'reddit', 'microsoft_ads'],
    },
    { name: 'searches keywords', query: { search: 'product analytics' }, includes: ['amplitude'] },
  ])('$name', ({ query, includes }) => {
    const found = searchCatalog(query);
    expect(found.map((e) => e.vendor)).toEqual(expect.arrayContaining(includes));
    const needle = query.search?.toLowerCase();
    for (const e of found) {
      if (query.category) expect(e.category).toBe(query.category);
      if (needle)
        expect(
          [e.vendor, e.name, e.description, e.api, ...(e.keywords ?? [])].join(' ').toLowerCase(),
        ).toContain(needle);
    }
    expect(
      CATALOG.filter((e) => !found.includes(e)).every(
        (e) =>
          (query.category && e.category !== query.category) ||
          (needle &&
            ![e.vendor, e.name, e.description, e.api, ...(e.keywords ?? [])]
              .join(' ')
              .toLowerCase()
              .includes(needle)),
      ),
    ).toBe(true);
  });

  it.each([
    {
      name: 'accepts a complete config with shared settings',
      config: {
        pixel_id: '1',
        access_token: 't',
        batch_size: 100,
        consent_categories: ['marketing'],
      },
      field: undefined,
    },
    {
      name: 'accepts a pipeline parameter reference for a required field',
      config: { pixel_id: '{{pipeline_param.pixel}}', access_token: 't' },
      field: undefined,
    },
    {
      name: 'names a missing required field',
      config: { pixel_id: '1' },
      field: 'config.access_token',
    },
    {
      name: 'names a wrongly typed vendor field',
      config: { pixel_id: 1, access_token: 't' },
      field: 'config.pixel_id',
    },
    {
      name: 'names a bad shared setting',
      config: { pixel_id: '1', access_token: 't', batch_size: 0 },
      field: 'config.batch_size',
    },
    {
      name: 'names a bad consent list entry',
      config: { pixel_id: '1', access_token: 't', consent_categories: [''] },
      field: 'config.consent_categories.0',
    },
  ])('meta_capi config: $name', ({ config, field }) => {
    expect(fieldOf(() => validateConfig(getCatalogEntry('meta_capi'), config))).toBe(field);
  });

  it('checks select options and URLs', () => {
    expect(fieldOf(() => validateConfig(getCatalogEntry('webhook'), { url: 'ftp://x' }))).toBe(
      'config.url',
    );
    expect(
      fieldOf(() =>
        validateConfig(getCatalogEntry('webhook'), { url: 'https://x.test/h', method: 'GET' }),
      ),
    ).toBe('config.method');
    expect(
      fieldOf(() =>
        validateConfig(getCatalogEntry('webhook'), { url: 'https://x.test/h', method: 'PUT' }),
      ),
    ).toBeUndefined();
  });
});
