import { describe, expect, it } from 'vitest';
import { makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { ga4Cases, ga4ClassifyCases } from './cases.js';
import { ga4, ga4ClientId, ga4EventName } from './index.js';

runVendorCases(ga4.definition, ga4Cases);
runClassifyCases(ga4.definition, ga4ClassifyCases);

describe('GA4 helpers', () => {
  it.each([
    {
      name: 'A _ga cookie with domain depth 1 yields its last two parts.',
      input: 'GA1.1.1234567890.1700000000',
      expected: '1234567890.1700000000',
    },
    {
      name: 'A _ga cookie with domain depth 3 yields its last two parts.',
      input: 'GA1.3.42.1700000000',
      expected: '42.1700000000',
    },
    { name: 'A bare client id is kept.', input: '42.1700000000', expected: '42.1700000000' },
  ])('$name', ({ input, expected }) => expect(ga4ClientId(input)).toBe(expected));

  it.each([
    {
      name: 'Title case with spaces becomes snake_case.',
      input: 'Order Refunded',
      expected: 'order_refunded',
    },
    {
      name: 'camelCase becomes snake_case.',
      input: 'addPaymentInfo',
      expected: 'add_payment_info',
    },
    { name: 'Leading digits and symbols are dropped.', input: '1st Visit!', expected: 'st_visit' },
    {
      name: 'Long names are cut to 40 characters.',
      input: 'a'.repeat(50),
      expected: 'a'.repeat(40),
    },
  ])('$name', ({ input, expected }) => expect(ga4EventName(input)).toBe(expected));
});

describe('GA4 skip reasons of an event with several faults', () => {
  it('The item hook’s reasons (client id, reserved name) come before the 72-hour window, a spec rule checked after it.', () => {
    const settings = ga4.definition.parseSettings({
      measurement_id: 'G-ABC123',
      api_secret: 'sec-ret',
    });
    const now = Date.parse('2026-01-05T12:00:00Z');
    const out = ga4.definition.format(
      [
        makeEvent({ event: 'session_start', event_id: 'reserved' }),
        makeEvent({ event: 'x', event_id: 'anonymous', anonymous_id: undefined, user_id: 'u' }),
        makeEvent({ event: 'x', event_id: 'old' }),
      ],
      settings,
      { testMode: false, now },
    );
    expect(out.skipped).toEqual([
      { event_id: 'reserved', reason: 'event name "session_start" is reserved' },
      {
        event_id: 'anonymous',
        reason: 'client_id is missing (context.vendor_ids.ga_client_id or anonymous_id)',
      },
      { event_id: 'old', reason: 'timestamp_micros is older than the 72 hours GA4 accepts' },
    ]);
  });
});
