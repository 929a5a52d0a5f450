import { describe, expect, it } from 'vitest';
import { mappingCoverage, MappingConfig } from '../../mapping/index.js';
import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { ttdCases, ttdClassifyCases } from './cases.js';
import { theTradeDesk, TTD_FIELDS } from './index.js';

runVendorCases(theTradeDesk.definition, ttdCases);
runClassifyCases(theTradeDesk.definition, ttdClassifyCases);

describe('the trade desk coverage and secrets', () => {
  it('the default mapping covers every required field of each default event', () => {
    const cov = mappingCoverage(
      MappingConfig.parse({ ...theTradeDesk.definition.mapping!.defaults, parameters: {} }),
      TTD_FIELDS,
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

  it('has no secrets: the ids in the body are public by design', () => {
    expect(theTradeDesk.definition.secretKeys).toEqual([]);
  });
});
