import { describe, expect, it } from 'vitest';
import { DataflyError } from '../errors/index.js';
import { checkMappingConfig, validateMappingConfig } from './index.js';

const row = (over: Record<string, unknown>) => ({
  source: 'properties.revenue',
  target: 'value',
  ...over,
});
const withRows = (rows: unknown[]) => ({
  events: { purchase: { vendor_event: 'Purchase', mappings: rows } },
});

const bad: { name: string; input: unknown; field: string; transforms?: string[] }[] = [
  {
    name: 'An unknown transform is reported at its exact index.',
    input: withRows([row({}), row({}), row({ transforms: ['nope'] })]),
    field: 'events.purchase.mappings[2].transforms[0]',
  },
  {
    name: 'A vendor transform not offered by the vendor is refused when the list is given.',
    input: withRows([row({ transforms: ['trim', 'meta.normalize_phone'] })]),
    field: 'events.purchase.mappings[0].transforms[1]',
    transforms: ['google.normalize_email'],
  },
  {
    name: 'The default transform without a value is refused.',
    input: withRows([row({ transforms: ['default'] })]),
    field: 'events.purchase.mappings[0].transforms[0]',
  },
  {
    name: 'A row with neither source nor value is refused.',
    input: withRows([{ target: 'value' }]),
    field: 'events.purchase.mappings[0]',
  },
  {
    name: 'A malformed source path is refused.',
    input: withRows([row({ source: 'properties..revenue' })]),
    field: 'events.purchase.mappings[0].source',
  },
  {
    name: 'A target path containing [] is refused.',
    input: withRows([row({ target: 'contents[].id' })]),
    field: 'events.purchase.mappings[0].target',
  },
  {
    name: 'An event entry without a vendor event name is refused.',
    input: { events: { purchase: { mappings: [] } } },
    field: 'events.purchase.vendor_event',
  },
  {
    name: 'An unknown defaults action is refused.',
    input: { defaults: { action: 'explode' } },
    field: 'defaults.action',
  },
  { name: 'An unknown top-level category is refused.', input: { globals: [] }, field: '(config)' },
  {
    name: 'A bad nested items row is reported with its path.',
    input: withRows([
      row({
        source: 'properties.products',
        target: 'contents',
        items: [{ source: 'id', target: 'id', transforms: [{ name: 'bogus' }] }],
      }),
    ]),
    field: 'events.purchase.mappings[0].items[0].transforms[0]',
  },
  {
    name: 'An invalid filter regular expression is refused.',
    input: { events: { p: { vendor_event: 'P', filter: { path: 'event', matches: '(' } } } },
    field: 'events.p.filter.matches',
  },
];

describe('validateMappingConfig', () => {
  it.each(bad)('$name', ({ input, field, transforms }) => {
    let err: unknown;
    try {
      validateMappingConfig(input, transforms ? { transforms } : {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataflyError);
    expect((err as DataflyError).status).toBe(400);
    expect((err as DataflyError).field ?? '').toContain(field === '(config)' ? '' : field);
    if (field === '(config)') expect((err as DataflyError).message).toMatch(/globals/);
  });

  it('A valid config comes back with every category defaulted.', () => {
    expect(validateMappingConfig({})).toEqual({
      parameters: {},
      global: [],
      events: {},
      defaults: { action: 'drop', mappings: [] },
    });
  });

  it('All problems are listed, not only the first.', () => {
    expect(
      checkMappingConfig(
        withRows([row({ transforms: ['x1'] }), row({ transforms: ['x2'] })]),
      ).issues.map((i) => i.field),
    ).toEqual([
      'events.purchase.mappings[0].transforms[0]',
      'events.purchase.mappings[1].transforms[0]',
    ]);
  });
});
