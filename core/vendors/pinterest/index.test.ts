import { describe, expect, it } from 'vitest';
import { mappingCoverage, MappingConfig } from '../../mapping/index.js';
import { formatCase, makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { pinterestCases, pinterestClassifyCases } from './cases.js';
import { pinterest, PINTEREST_FIELDS } from './index.js';

runVendorCases(pinterest.definition, pinterestCases);
runClassifyCases(pinterest.definition, pinterestClassifyCases);

describe('pinterest batching and coverage', () => {
  it('splits 1001 events into requests of 1000 and 1', () => {
    const input = Array.from({ length: 1001 }, (_, i) =>
      makeEvent({ event_id: `pv-${i}`, type: 'page', event: undefined }),
    );
    const { requests } = formatCase(pinterest.definition, {
      settings: { ad_account_id: '1', access_token: 't' },
      input,
    });
    expect(requests.map((r) => r.event_ids.length)).toEqual([1000, 1]);
  });

  it('the default mapping covers every required field of each default event', () => {
    const cov = mappingCoverage(
      MappingConfig.parse({ ...pinterest.definition.mapping!.defaults, parameters: {} }),
      PINTEREST_FIELDS,
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
