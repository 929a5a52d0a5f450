import { describe, expect, it } from 'vitest';
import {
  resolveDoc,
  sourceText,
  toConfig,
  transformsText,
  usedSources,
  withSourceText,
  withTransformsText,
  type Row,
} from './model';

describe('the mapping builder model', () => {
  const defaults = {
    global: [{ source: 'user_id', target: 'external_id' }],
    events: { purchase: { vendor_event: 'Purchase', mappings: [] } },
    defaults: { action: 'drop' },
  };

  it('takes flat keys as parameters and missing categories from the vendor defaults, and saves parameters flat again', () => {
    const doc = resolveDoc({ pixel_id: '1', access_token: '••••oken', events: {} }, defaults);
    expect(doc.parameters).toEqual({ pixel_id: '1', access_token: '••••oken' });
    expect(doc.global).toEqual(defaults.global);
    expect(doc.events).toEqual({});
    expect(toConfig(doc)).toEqual({
      pixel_id: '1',
      access_token: '••••oken',
      global: defaults.global,
      events: {},
      defaults: { action: 'drop' },
    });
  });

  it.each<{ name: string; row: Row; text: string }>([
    {
      name: 'one source',
      row: { target: 't', source: 'properties.value' },
      text: 'properties.value',
    },
    {
      name: 'sources tried in order',
      row: { target: 't', source: ['properties.revenue', 'properties.value'] },
      text: 'properties.revenue | properties.value',
    },
    { name: 'a constant', row: { target: 't', value: 'product' }, text: '= "product"' },
    { name: 'a numeric constant', row: { target: 't', value: 3 }, text: '= 3' },
  ])('writes and reads back $name', ({ row, text }) => {
    expect(sourceText(row)).toBe(text);
    expect(withSourceText({ target: 't', source: 'old' }, text)).toEqual(row);
  });

  it('writes and reads transforms with arguments', () => {
    const row: Row = {
      target: 't',
      source: 's',
      transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }],
    };
    expect(transformsText(row)).toBe('trim, uppercase, default=USD');
    expect(
      withTransformsText({ target: 't', source: 's' }, 'trim, uppercase, default=USD'),
    ).toEqual(row);
    expect(withTransformsText(row, '')).toEqual({ target: 't', source: 's' });
  });

  it('lists the sources a mapping uses', () => {
    expect(
      usedSources({
        global: [{ target: 'a', source: ['x', 'y'] }],
        events: { p: { vendor_event: 'P', mappings: [{ target: 'b', source: 'z' }] } },
        defaults: { action: 'drop' },
      }),
    ).toEqual(['x', 'y', 'z']);
  });
});
