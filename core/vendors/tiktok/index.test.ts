import { describe, expect, it } from 'vitest';
import { mappingCoverage, MappingConfig } from '../../mapping/index.js';
import { formatCase, makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { tiktokCases, tiktokClassifyCases, tiktokConfigCases } from './cases.js';
import { tiktok, TIKTOK_FIELDS } from './index.js';

runVendorCases(tiktok.definition, [...tiktokCases, ...tiktokConfigCases]);
runClassifyCases(tiktok.definition, tiktokClassifyCases);

describe('tiktok batching and coverage', () => {
  it('an HTTP-date Retry-After without a Date header leaves the wait to the retry schedule', () => {
    const [outcome] = tiktok.definition.classify(
      { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }, body: '' },
      { method: 'POST', url: 'https://x/', headers: {}, event_ids: ['e1'] },
    );
    expect(outcome).toMatchObject({ status: 'retry', code: 'vendor_throttled' });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('splits 1001 events into a request of 1000 and a request of 1', () => {
    const input = Array.from({ length: 1001 }, (_, i) =>
      makeEvent({ event_id: `pv-${i}`, type: 'page', event: undefined }),
    );
    const { requests } = formatCase(tiktok.definition, {
      settings: { pixel_code: 'C1', access_token: 't' },
      input,
    });
    expect(requests.map((r) => r.event_ids.length)).toEqual([1000, 1]);
    expect(requests[1]!.event_ids).toEqual(['pv-1000']);
  });

  it('the default mapping covers every required field of each default event', () => {
    const cov = mappingCoverage(
      MappingConfig.parse({ ...tiktok.definition.mapping!.defaults, parameters: {} }),
      TIKTOK_FIELDS,
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

  it('the test mode switch of the delivery context also sends the test event code', () => {
    const { requests } = formatCase(tiktok.definition, {
      settings: { pixel_code: 'C1', access_token: 't', test_event_code: 'TEST1' },
      input: [makeEvent({ type: 'page', event: undefined })],
      ctx: { testMode: true },
    });
    expect(JSON.parse(requests[0]!.body!)).toMatchObject({ test_event_code: 'TEST1' });
  });
});
