import { describe, expect, it } from 'vitest';
import { CLICK_ID_PARAMS } from '../../../core/event/index.js';
import { bridgeDouble, post, seedKey, send, testApp } from '../../testing/index.js';
import { marketingFromUrl, mergeMarketing, queryParams } from './index.js';

const EVERY_CLICK_ID = Object.entries(CLICK_ID_PARAMS).map(([param, field]) => ({ param, field }));

describe('click ids and campaign', () => {
  it.each(EVERY_CLICK_ID)(
    'captures $param from the page URL as click_ids.$field',
    async ({ param, field }) => {
      const { keyId } = await seedKey();
      const bridge = bridgeDouble();
      const url = `https://shop.example/landing?${param}=VALUE-${param}&other=1`;
      await send(
        testApp({ fetch: bridge.fetch }),
        post(`/v1/p?k=${keyId}`, { context: { page: { url } } }),
      );
      expect(bridge.stored[0]!.context.click_ids).toEqual({ [field]: `VALUE-${param}` });
    },
  );

  it.each(EVERY_CLICK_ID)(
    'captures $param from the request URL as click_ids.$field',
    async ({ param, field }) => {
      const { keyId } = await seedKey();
      const bridge = bridgeDouble();
      await send(
        testApp({ fetch: bridge.fetch }),
        post(`/v1/t?k=${keyId}&${param}=REQ`, { event: 'X' }),
      );
      expect(bridge.stored[0]!.context.click_ids).toEqual({ [field]: 'REQ' });
    },
  );

  it('captures the seed’s and the design’s click ids (gclid … rdt_cid)', () => {
    const names = [
      'gclid',
      'fbclid',
      'ttclid',
      'li_fat_id',
      'ScCid',
      'epik',
      'tduid',
      'gbraid',
      'wbraid',
      'msclkid',
      'twclid',
      'rdt_cid',
    ];
    const found = marketingFromUrl(
      `https://x.example/?${names.map((n) => `${n}=v`).join('&')}`,
    ).click_ids;
    expect(Object.keys(found).sort()).toEqual([
      'epik',
      'fbclid',
      'gbraid',
      'gclid',
      'li_fat_id',
      'msclkid',
      'rdt_cid',
      'sccid',
      'tduid',
      'ttclid',
      'twclid',
      'wbraid',
    ]);
  });

  it('maps utm_* to context.campaign with Segment’s names', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const url =
      'https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=hero&utm_id=c42';
    await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/p?k=${keyId}`, { context: { page: { url } } }),
    );
    expect(bridge.stored[0]!.context.campaign).toEqual({
      source: 'news',
      medium: 'email',
      name: 'spring',
      term: 'shoes',
      content: 'hero',
      id: 'c42',
    });
  });

  it.each<{
    name: string;
    client: Record<string, string> | undefined;
    page: Record<string, string>;
    request: Record<string, string>;
    expected: unknown;
  }>([
    {
      name: 'a value the client sent wins over the page URL',
      client: { gclid: 'client' },
      page: { gclid: 'page' },
      request: {},
      expected: { gclid: 'client' },
    },
    {
      name: 'the page URL wins over the request URL',
      client: undefined,
      page: { gclid: 'page' },
      request: { gclid: 'req' },
      expected: { gclid: 'page' },
    },
    {
      name: 'ids from all three sources are combined',
      client: { a: '1' },
      page: { b: '2' },
      request: { c: '3' },
      expected: { a: '1', b: '2', c: '3' },
    },
    {
      name: 'nothing found gives no group at all',
      client: undefined,
      page: {},
      request: {},
      expected: undefined,
    },
  ])('$name', ({ client, page, request, expected }) => {
    expect(mergeMarketing(client, page, request)).toEqual(expected);
  });

  it('ignores URLs without a query, fragments, and empty values', () => {
    expect(marketingFromUrl('https://x.example/path')).toEqual({ click_ids: {}, campaign: {} });
    expect(marketingFromUrl('https://x.example/?gclid=&fbclid=F#ttclid=T')).toEqual({
      click_ids: { fbclid: 'F' },
      campaign: {},
    });
  });

  it('adds no click_ids or campaign when there are none', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/p?k=${keyId}`, { context: { page: { url: 'https://shop.example/' } } }),
    );
    expect(bridge.stored[0]!.context).not.toHaveProperty('click_ids');
    expect(bridge.stored[0]!.context).not.toHaveProperty('campaign');
  });

  it.each([
    'gclid=Cj0KCQ&utm_source=news&utm_campaign=spring',
    '?gclid=a',
    '??gclid=a',
    'a=1&&b=2&',
    'a&b=&=c&==d',
    'utm_campaign=spring+sale&q=a%2Bb%20c',
    'utm_term=%E2%82%AC%F0%9F%98%80',
    'utm%5Fsource=encoded-name',
    'a=%zz&gclid=after-a-bad-escape',
    'a=%&b=%4',
    'a=%C0%80&b=%ED%A0%80&c=%FF',
    'a=\ud800&gclid=lone-surrogate',
    'a=😀&b=é',
    'a=1=2&b',
  ])('reads the query %j exactly as URLSearchParams does', (query) => {
    expect([...queryParams(query)]).toEqual([...new URLSearchParams(query)]);
  });
});
