// Cross-domain links (docs/identity.md) on the fake window: tokens fetched from the edge with
// cookies, links to the organisation's other domains decorated with _dfl as they are clicked,
// nothing else touched, nothing decorated with stale tokens or before consent in opt-in mode.
import { describe, expect, it } from 'vitest';
import { createCollector } from '../src/collector.js';
import { makeShim, type Shim } from './shim.js';

const KEY = 'dk_test_123';
const ENDPOINT = 'https://data.shop.test';

function setup(respond: Shim['respond'], init: { optIn?: boolean } = {}) {
  const shim = makeShim({ url: 'https://shop.test/cart' });
  shim.respond = respond;
  const datafly = createCollector(shim.win, { now: shim.now, uuid: () => 'id', version: '1' });
  datafly.init({ key: KEY, endpoint: ENDPOINT, links: true, ...init });
  return { shim, datafly };
}

const anchor = (href: string) => {
  const a = { href, hostname: new URL(href).hostname };
  return { a, event: { target: { closest: (sel: string) => (sel === 'a' ? a : null) } } };
};
const tokens = { status: 200, body: { t: { 'pay.test': '1.dfid-123456.99.sig' }, ttl: 120 } };

describe('links: true', () => {
  it('fetches the visitor’s link tokens with cookies and decorates a clicked link to a declared domain', async () => {
    const { shim } = setup(() => tokens);
    await shim.advance(0);
    const link = shim.sent.find((r) => r.url.pathname === '/v1/link')!;
    expect(link.url.href).toBe(`${ENDPOINT}/v1/link?k=${KEY}&l=`);
    expect(link.init?.credentials).toBe('include');
    const { a, event } = anchor('https://pay.test/checkout?order=1#top');
    shim.fire('click', 'document', event);
    expect(a.href).toBe('https://pay.test/checkout?order=1&_dfl=1.dfid-123456.99.sig#top');
    const other = anchor('https://elsewhere.test/');
    shim.fire('auxclick', 'document', other.event);
    expect(other.a.href).toBe('https://elsewhere.test/');
  });

  it('sends along the token the page arrived with', async () => {
    const shim = makeShim({ url: 'https://pay.test/checkout?_dfl=1.abc.99.sig&x=1' });
    createCollector(shim.win, { now: shim.now, uuid: () => 'id', version: '1' }).init({
      key: KEY,
      endpoint: ENDPOINT,
      links: true,
    });
    await shim.advance(0);
    expect(shim.sent.find((r) => r.url.pathname === '/v1/link')!.url.searchParams.get('l')).toBe(
      '1.abc.99.sig',
    );
  });

  it('stops decorating when the tokens are stale, and fetches them again every 90 s', async () => {
    let up = true;
    const { shim } = setup(() => {
      if (!up) throw new TypeError('offline');
      return tokens;
    });
    await shim.advance(0);
    up = false;
    await shim.advance(120_000);
    expect(shim.sent.filter((r) => r.url.pathname === '/v1/link')).toHaveLength(2);
    const { a, event } = anchor('https://pay.test/');
    shim.fire('click', 'document', event);
    expect(a.href).toBe('https://pay.test/');
  });

  it('in opt-in mode asks for nothing and decorates nothing before consent', async () => {
    const { shim, datafly } = setup(() => tokens, { optIn: true });
    await shim.advance(0);
    expect(shim.sent.filter((r) => r.url.pathname === '/v1/link')).toHaveLength(0);
    datafly.consent({ analytics: true });
    await shim.advance(90_000);
    const { a, event } = anchor('https://pay.test/');
    shim.fire('click', 'document', event);
    expect(a.href).toBe('https://pay.test/?_dfl=1.dfid-123456.99.sig');
  });
});
