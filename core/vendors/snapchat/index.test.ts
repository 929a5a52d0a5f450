import { describe, expect, it } from 'vitest';
import { mappingCoverage, MappingConfig } from '../../mapping/index.js';
import { formatCase, makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { snapchatCases, snapchatClassifyCases } from './cases.js';
import { snapchat, SNAPCHAT_FIELDS } from './index.js';

runVendorCases(snapchat.definition, snapchatCases);
runClassifyCases(snapchat.definition, snapchatClassifyCases);

describe('snapchat batching, coverage and secrets', () => {
  it('splits 2001 events into requests of 2000 and 1', () => {
    const input = Array.from({ length: 2001 }, (_, i) =>
      makeEvent({ event_id: `pv-${i}`, type: 'page', event: undefined }),
    );
    const { requests } = formatCase(snapchat.definition, {
      settings: { pixel_id: 'p1', access_token: 't' },
      input,
    });
    expect(requests.map((r) => r.event_ids.length)).toEqual([2000, 1]);
  });

  it('the default mapping covers every required field of each default event', () => {
    const cov = mappingCoverage(
      MappingConfig.parse({ ...snapchat.definition.mapping!.defaults, parameters: {} }),
      SNAPCHAT_FIELDS,
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

  it('declares the query-string token as a secret so delivery scrubs it from logged URLs', () => {
    expect(snapchat.definition.secretKeys).toContain('access_token');
  });
});
