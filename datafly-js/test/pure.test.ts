// The pure parts of the collector, as data: attribution from URLs, CMP readings, retry times, ids.
import { describe, expect, it } from 'vitest';
import { CLICK_ID_PARAMS } from '../../core/event/envelope.js';
import { uuid } from '../src/collector.js';
import { fromConsentMode, fromTcf, type TcData } from '../src/consent.js';
import { attribution, CLICK_IDS } from '../src/context.js';
import { retryAt } from '../src/transport.js';

describe('attribution', () => {
  const cases = [
    { name: 'a plain URL carries no campaign and no click ids', input: '?ref=home', expected: {} },
    {
      name: 'utm parameters become the campaign, utm_campaign as its name',
      input:
        '?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=hero&utm_id=42',
      expected: {
        campaign: {
          source: 'news',
          medium: 'email',
          name: 'spring',
          term: 'shoes',
          content: 'hero',
          id: '42',
        },
      },
    },
    {
      name: 'every click id the envelope knows is captured, ScCid under its envelope name',
      input:
        '?gclid=g&gbraid=gb&wbraid=wb&fbclid=f&ttclid=t&li_fat_id=l&ScCid=s&epik=e&tduid=td&msclkid=m&twclid=tw&rdt_cid=r',
      expected: {
        click_ids: {
          gclid: 'g',
          gbraid: 'gb',
          wbraid: 'wb',
          fbclid: 'f',
          ttclid: 't',
          li_fat_id: 'l',
          sccid: 's',
          epik: 'e',
          tduid: 'td',
          msclkid: 'm',
          twclid: 'tw',
          rdt_cid: 'r',
        },
      },
    },
    {
      name: 'values are URL-decoded and campaign and click ids come together',
      input: '?utm_source=a%20b&fbclid=IwAR%2B1',
      expected: { campaign: { source: 'a b' }, click_ids: { fbclid: 'IwAR+1' } },
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(attribution(input)).toEqual(expected);
  });

  it('knows exactly the click ids of the envelope (core CLICK_ID_PARAMS), named by their lower case', () => {
    expect(Object.fromEntries(CLICK_IDS.map((n) => [n, n.toLowerCase()]))).toEqual(CLICK_ID_PARAMS);
  });
});

describe('fromTcf', () => {
  const consents = (...ids: number[]): TcData['purpose'] => ({
    consents: Object.fromEntries(ids.map((i) => [i, true])),
  });
  const cases: { name: string; input: TcData; expected: Record<string, boolean> | undefined }[] = [
    {
      name: 'no answer while the CMP is still showing its banner',
      input: { eventStatus: 'cmpuishown', gdprApplies: true },
      expected: undefined,
    },
    {
      name: 'everything granted when GDPR does not apply',
      input: { eventStatus: 'tcloaded', gdprApplies: false },
      expected: { analytics: true, marketing: true },
    },
    {
      name: 'analytics from purposes 1 and 8, marketing refused without 3 and 4',
      input: { eventStatus: 'useractioncomplete', gdprApplies: true, purpose: consents(1, 8) },
      expected: { analytics: true, marketing: false },
    },
    {
      name: 'marketing from purposes 1, 3 and 4, analytics refused without 8',
      input: { eventStatus: 'tcloaded', gdprApplies: true, purpose: consents(1, 3, 4) },
      expected: { analytics: false, marketing: true },
    },
    {
      name: 'nothing without purpose 1 (storage and access)',
      input: { eventStatus: 'tcloaded', gdprApplies: true, purpose: consents(3, 4, 8) },
      expected: { analytics: false, marketing: false },
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(fromTcf(input)).toEqual(expected);
  });
});

describe('fromConsentMode', () => {
  function gtagArgs(...a: unknown[]): IArguments {
    // gtag pushes `arguments` objects, not arrays
    return (function (..._: unknown[]) {
      return arguments;
    })(...a);
  }
  const cases = [
    {
      name: 'no consent command, no answer',
      input: [{ event: 'gtm.js' }, ['config', 'G-1']],
      expected: undefined,
    },
    {
      name: 'a default then an update: later commands win, per key',
      input: [
        [
          'consent',
          'default',
          { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied' },
        ],
        { event: 'gtm.js' },
        ['consent', 'update', { analytics_storage: 'granted' }],
      ],
      expected: { marketing: false, analytics: true, ad_user_data: false },
    },
    {
      name: 'arguments objects as gtag pushes them are read; other consent types keep their names, settings are skipped',
      input: [
        gtagArgs('consent', 'default', {
          ad_storage: 'granted',
          functionality_storage: 'denied',
          wait_for_update: 500,
          region: ['ES'],
        }),
      ],
      expected: { marketing: true, functionality_storage: false },
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(fromConsentMode(input)).toEqual(expected);
  });
});

describe('retryAt', () => {
  const now = Date.parse('2026-01-02T03:04:05Z');
  const cases = [
    {
      name: 'Retry-After in seconds is honoured',
      fails: 0,
      header: '30',
      rnd: 0.9,
      expected: now + 30_000,
    },
    {
      name: 'Retry-After as an HTTP date is honoured',
      fails: 4,
      header: 'Fri, 02 Jan 2026 03:05:05 GMT',
      rnd: 0.9,
      expected: now + 60_000,
    },
    { name: 'no header: 2^fails seconds', fails: 3, header: null, rnd: 0, expected: now + 8_000 },
    {
      name: 'no header: jitter adds up to a quarter',
      fails: 1,
      header: null,
      rnd: 0.5,
      expected: now + 2_250,
    },
    {
      name: 'the backoff is capped at five minutes',
      fails: 30,
      header: null,
      rnd: 0,
      expected: now + 300_000,
    },
    {
      name: 'an unreadable header falls back to the backoff',
      fails: 0,
      header: 'soon',
      rnd: 0,
      expected: now + 1_000,
    },
    {
      name: 'a server wait is capped at a day',
      fails: 0,
      header: '999999',
      rnd: 0,
      expected: now + 86_400_000,
    },
  ];
  it.each(cases)('$name', ({ fails, header, rnd, expected }) => {
    expect(retryAt(fails, header, now, rnd)).toBe(expected);
  });
});

describe('uuid', () => {
  it('makes RFC 4122 version 4 ids from the random source', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const fixed = {
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => (
        new Uint8Array(a!.buffer).set(bytes),
        a
      ),
    } as Crypto;
    expect(uuid(fixed)).toBe('00112233-4455-4677-8899-aabbccddeeff');
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
