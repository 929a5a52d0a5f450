import { describe, expect, it } from 'vitest';
import { fullPurchase, makeEvent } from '../vendors/testing/events.js';
import {
  compileMapping,
  validateMappingConfig,
  type MappingConfigInput,
  type MapResult,
} from './index.js';

const base: MappingConfigInput = {
  global: [
    { source: 'event_id', target: 'event_id' },
    { source: 'timestamp', target: 'event_time', transforms: ['to_unix_seconds'] },
  ],
  events: {
    purchase: {
      match: ['Order Completed', 'purchase'],
      vendor_event: 'Purchase',
      mappings: [
        {
          source: ['properties.revenue', 'properties.value'],
          target: 'custom_data.value',
          transforms: ['to_number'],
        },
        {
          source: 'properties.currency',
          target: 'custom_data.currency',
          transforms: ['uppercase', { name: 'default', value: 'EUR' }],
        },
        {
          source: 'traits.email',
          target: 'user_data.em',
          transforms: ['trim', 'lowercase', 'sha256', 'to_array'],
        },
        { source: 'properties.products[].product_id', target: 'custom_data.content_ids' },
        {
          source: 'properties.products',
          target: 'custom_data.contents',
          items: [
            { source: 'product_id', target: 'id' },
            { source: 'quantity', target: 'quantity' },
          ],
        },
        { value: 'website', target: 'action_source' },
        { source: 'parameters.partner', target: 'partner' },
      ],
    },
  },
  defaults: { action: 'drop' },
};

const cases: {
  name: string;
  config: MappingConfigInput;
  input: Parameters<typeof makeEvent>[0];
  expected: Partial<MapResult>;
}[] = [
  {
    name: 'A purchase is matched by its Segment-style name and every row lands at its target path.',
    config: { ...base, parameters: { partner: 'datafly' } },
    input: fullPurchase(),
    expected: {
      ok: true,
      vendor_event: 'Purchase',
      mapping: 'purchase',
      fields: {
        event_id: 'ORD-1001',
        event_time: 1767268800,
        action_source: 'website',
        partner: 'datafly',
        custom_data: {
          value: 59.98,
          currency: 'USD',
          content_ids: ['SKU-1'],
          contents: [{ id: 'SKU-1', quantity: 2 }],
        },
        user_data: { em: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'] },
      },
    },
  },
  {
    name: 'A fallback source is used when the first one is missing, and default fills a missing currency.',
    config: base,
    input: { event: 'purchase', properties: { value: '12.5' } },
    expected: {
      ok: true,
      fields: {
        event_id: 'evt-1',
        event_time: 1767268800,
        action_source: 'website',
        custom_data: { value: 12.5, currency: 'EUR' },
      },
    },
  },
  {
    name: 'An unmapped event is skipped with a reason when defaults say drop.',
    config: base,
    input: { event: 'Something Else' },
    expected: { ok: false, reason: 'no mapping for event "Something Else" (defaults: drop)' },
  },
  {
    name: 'An unmapped event passes through under its own name with only the global rows.',
    config: { ...base, defaults: { action: 'pass_through' } },
    input: { event: 'Signed Up' },
    expected: {
      ok: true,
      vendor_event: 'Signed Up',
      mapping: null,
      fields: { event_id: 'evt-1', event_time: 1767268800 },
    },
  },
  {
    name: 'Defaults with map apply their own rows and vendor event name.',
    config: {
      ...base,
      defaults: {
        action: 'map',
        vendor_event: 'Custom',
        mappings: [{ source: 'event', target: 'custom_data.name' }],
      },
    },
    input: { event: 'Signed Up' },
    expected: {
      ok: true,
      vendor_event: 'Custom',
      fields: { event_id: 'evt-1', event_time: 1767268800, custom_data: { name: 'Signed Up' } },
    },
  },
  {
    name: 'A page call is matched under the name page_view.',
    config: {
      events: {
        page_view: {
          vendor_event: 'PageView',
          mappings: [{ source: 'context.page.url', target: 'event_source_url' }],
        },
      },
    },
    input: { type: 'page', event: undefined },
    expected: {
      ok: true,
      vendor_event: 'PageView',
      fields: { event_source_url: 'https://shop.example.com/checkout/thanks' },
    },
  },
  {
    name: 'An event failing its filter is skipped and the reason names the filter.',
    config: {
      events: {
        purchase: {
          vendor_event: 'Purchase',
          filter: { path: 'properties.revenue', exists: true },
        },
      },
    },
    input: { event: 'purchase' },
    expected: { ok: false, reason: 'filtered out by events.purchase.filter' },
  },
  {
    name: 'Enrichments fill a missing envelope field before mapping and post transforms edit the output.',
    config: {
      events: {
        lead: {
          vendor_event: 'Lead',
          enrichments: [{ target: 'properties.currency', value: 'GBP' }],
          mappings: [
            { source: 'properties.currency', target: 'custom_data.currency' },
            { value: 1, target: 'tmp.x' },
          ],
          transforms: [
            { op: 'rename', from: 'tmp.x', to: 'custom_data.value' },
            { op: 'set', target: 'opt_out', value: false },
          ],
        },
      },
    },
    input: { event: 'lead' },
    expected: {
      ok: true,
      fields: { custom_data: { currency: 'GBP', value: 1 }, tmp: {}, opt_out: false },
    },
  },
  {
    name: 'Empty strings and empty arrays are omitted rather than sent.',
    config: {
      events: {
        x: {
          vendor_event: 'X',
          mappings: [
            { source: 'properties.a', target: 'a' },
            { source: 'properties.list[].id', target: 'ids' },
          ],
        },
      },
    },
    input: { event: 'x', properties: { a: '', list: [] } },
    expected: { ok: true, fields: {} },
  },
  {
    name: 'Array index targets build nested arrays of objects.',
    config: {
      events: {
        x: {
          vendor_event: 'X',
          mappings: [{ source: 'traits.first_name', target: 'user_data.address[0].first' }],
        },
      },
    },
    input: { event: 'x', traits: { first_name: 'Ann' } },
    expected: { ok: true, fields: { user_data: { address: [{ first: 'Ann' }] } } },
  },
];

describe('compileMapping', () => {
  it.each(cases)('$name', ({ config, input, expected }) => {
    const m = compileMapping(validateMappingConfig(config));
    expect(m.map(makeEvent(input))).toMatchObject(expected);
  });

  it('Vendor transforms registered at compile time run like built-ins.', () => {
    const m = compileMapping(
      validateMappingConfig({
        events: {
          x: {
            vendor_event: 'X',
            mappings: [{ source: 'traits.phone', target: 'ph', transforms: ['acme.digits'] }],
          },
        },
      }),
      {
        transforms: {
          'acme.digits': { fn: (v) => (typeof v === 'string' ? v.replace(/\D/g, '') : undefined) },
        },
      },
    );
    expect(m.map(makeEvent({ event: 'x', traits: { phone: '+1 (650) 555' } }))).toMatchObject({
      fields: { ph: '1650555' },
    });
  });

  it('A row writing inside an object an earlier row copied leaves the event as it was', () => {
    const m = compileMapping(
      validateMappingConfig({
        events: {
          x: {
            vendor_event: 'X',
            mappings: [
              { source: 'properties', target: 'event_properties' },
              {
                source: 'properties.currency',
                target: 'event_properties.currency',
                transforms: ['trim', 'uppercase'],
              },
            ],
            transforms: [{ op: 'set', target: 'meta', value: { tags: ['a'] } }],
          },
        },
      }),
    );
    const event = makeEvent({ event: 'x', properties: { currency: ' usd ', total: 5 } });
    const first = m.map(event);
    expect(first).toMatchObject({ fields: { event_properties: { currency: 'USD', total: 5 } } });
    expect(event.properties).toEqual({ currency: ' usd ', total: 5 });
    // A constant from the config is the output's own too: changing one output leaves the next alone.
    if (!first.ok) throw new Error(first.reason);
    (first.fields.meta as { tags: string[] }).tags.push('b');
    expect(m.map(event)).toMatchObject({ fields: { meta: { tags: ['a'] } } });
  });
});
