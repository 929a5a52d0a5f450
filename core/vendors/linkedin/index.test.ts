import { describe, expect, it } from 'vitest';
import { mappingCoverage, MappingConfig } from '../../mapping/index.js';
import { formatCase, makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { linkedinCases, linkedinClassifyCases } from './cases.js';
import { linkedin, LINKEDIN_FIELDS } from './index.js';

runVendorCases(linkedin.definition, linkedinCases);
runClassifyCases(linkedin.definition, linkedinClassifyCases);

describe('linkedin batching and coverage', () => {
  it('splits 5001 events into requests of 5000 and 1', () => {
    const input = Array.from({ length: 5001 }, (_, i) =>
      makeEvent({
        event_id: `pv-${i}`,
        type: 'page',
        event: undefined,
        context: { click_ids: { li_fat_id: 'x' } },
      }),
    );
    const { requests } = formatCase(linkedin.definition, {
      settings: { access_token: 't', conversion_rule_id: '1' },
      input,
    });
    expect(requests.map((r) => r.event_ids.length)).toEqual([5000, 1]);
  });

  it('the default mapping covers every required field of each default event', () => {
    const cov = mappingCoverage(
      MappingConfig.parse({ ...linkedin.definition.mapping!.defaults, parameters: {} }),
      LINKEDIN_FIELDS,
    );
    expect(Object.keys(cov.events)).toEqual([
      'page_view',
      'add_to_cart',
      'purchase',
      'lead',
      'view_item',
      'begin_checkout',
      'sign_up',
      'search',
    ]);
    for (const ev of Object.values(cov.events)) expect(ev.required.missing).toEqual([]);
  });
});
