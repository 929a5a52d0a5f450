import { describe, expect, it } from 'vitest';
import { bigquery } from '../vendors/bigquery/index.js';
import { ga4 } from '../vendors/ga4/index.js';
import { googleAds } from '../vendors/google_ads/index.js';
import { metaCapi } from '../vendors/meta_capi/index.js';
import {
  mappingCoverage,
  validateMappingConfig,
  type VendorField,
  type VendorMapping,
} from './index.js';

const fields: VendorField[] = [
  { path: 'event_name', required: true, auto: true, description: '' },
  { path: 'event_time', required: true, description: '' },
  { path: 'user_data.em', required: false, description: '' },
  { path: 'custom_data.value', required: false, requiredFor: ['Purchase'], description: '' },
  { path: 'custom_data.contents', required: false, description: '' },
];

describe('mappingCoverage', () => {
  it('Required and optional fields are split per event, with auto fields and global rows counted.', () => {
    const config = validateMappingConfig({
      global: [{ source: 'timestamp', target: 'event_time' }],
      events: {
        purchase: {
          vendor_event: 'Purchase',
          mappings: [
            {
              source: 'properties.products',
              target: 'custom_data.contents',
              items: [{ source: 'id', target: 'id' }],
            },
          ],
        },
        lead: {
          vendor_event: 'Lead',
          mappings: [{ source: 'traits.email', target: 'user_data.em' }],
        },
      },
      defaults: { action: 'pass_through' },
    });
    const cov = mappingCoverage(config, fields);
    expect(cov.events.purchase).toEqual({
      vendor_event: 'Purchase',
      required: { mapped: ['event_name', 'event_time'], missing: ['custom_data.value'] },
      optional: { mapped: ['custom_data.contents'], missing: ['user_data.em'] },
    });
    expect(cov.events.lead?.required.missing).toEqual([]);
    expect(cov.events.defaults?.optional.mapped).toEqual([]);
    expect([cov.required_mapped, cov.required_total]).toEqual([6, 7]);
  });

  const vendors: [string, VendorMapping][] = [
    ['meta_capi', metaCapi.definition.mapping!],
    ['ga4', ga4.definition.mapping!],
    ['google_ads', googleAds.definition.mapping!],
    ['bigquery', bigquery.definition.mapping!],
  ];
  it.each(vendors)(
    'The %s default mapping is valid and maps every required field of its four default events.',
    (_name, vm) => {
      const config = validateMappingConfig(vm.defaults, { transforms: Object.keys(vm.transforms) });
      const cov = mappingCoverage(config, vm.fields);
      for (const key of ['page_view', 'add_to_cart', 'purchase', 'lead'])
        expect(cov.events[key]?.required.missing, key).toEqual([]);
    },
  );
});
