import { describe, expect, it } from 'vitest';
import {
  FIXED_NOW,
  FIXED_RANDOM,
  bridgeDouble,
  hmacHex,
  post,
  seedKey,
  send,
  setCookies,
  testApp,
} from '../../testing/index.js';
import { resolveIdentity, serializeCookie } from './index.js';

const TWO_YEARS = 63_072_000;

async function firstVisit(cookieDomain: string | null = null) {
  const { keyId } = await seedKey({ cookie_domain: cookieDomain });
  const bridge = bridgeDouble();
  const res = await send(
    testApp({ fetch: bridge.fetch }),
    post(`/v1/p?k=${keyId}`, { context: { page: { url: 'https://shop.example/' } } }),
  );
  return { res, cookies: setCookies(res), envelope: bridge.stored[0]!, keyId, bridge };
}

describe('identity cookies', () => {
  it('mints _dfid as an httpOnly, Secure, SameSite=Lax cookie for 2 years', async () => {
    const { cookies, res } = await firstVisit();
    expect(res.status).toBe(200);
    expect(cookies.get('_dfid')).toBe(
      `_dfid=00000000-0000-4000-8000-000000000001; Max-Age=${TWO_YEARS}; Path=/; Secure; SameSite=Lax; HttpOnly`,
    );
  });

  it.each([
    {
      name: '_ga is GA1.1.{random}.{timestamp in seconds}, 2 years',
      cookie: '_ga',
      value: `GA1.1.${FIXED_RANDOM}.${FIXED_NOW / 1000}`,
      maxAge: TWO_YEARS,
    },
    {
      name: '_fbp is fb.1.{ms}.{random}, 90 days',
      cookie: '_fbp',
      value: `fb.1.${FIXED_NOW}.${FIXED_RANDOM}`,
      maxAge: 7_776_000,
    },
    {
      name: '_ttp is a UUID v4, 13 months',
      cookie: '_ttp',
      value: '00000000-0000-4000-8000-000000000002',
      maxAge: 34_128_000,
    },
  ])('$name', async ({ cookie, value, maxAge }) => {
    const { cookies } = await firstVisit();
    const line = cookies.get(cookie)!;
    expect(line).toBe(`${cookie}=${value}; Max-Age=${maxAge}; Path=/; Secure; SameSite=Lax`);
    expect(line).not.toContain('HttpOnly');
  });

  it('mints random parts of the right shape with the production generators', () => {
    const id = resolveIdentity(
      {},
      {
        now: Date.now,
        uuid: () => crypto.randomUUID(),
        randomInt: (m) => crypto.getRandomValues(new Uint32Array(1))[0]! % m,
      },
    );
    expect(id.minted.get('_dfid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(id.minted.get('_ttp')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(id.minted.get('_ga')).toMatch(/^GA1\.1\.\d+\.\d{10}$/);
    expect(id.minted.get('_fbp')).toMatch(/^fb\.1\.\d{13}\.\d+$/);
  });

  it('adds Domain=<cookie_domain> to every cookie when the key sets one', async () => {
    const { cookies } = await firstVisit('shop.example');
    expect([...cookies.keys()].sort()).toEqual(['_dfid', '_fbp', '_ga', '_ttp']);
    for (const line of cookies.values()) expect(line).toContain('; Domain=shop.example;');
  });

  it('puts the ids into anonymous_id and context.vendor_ids', async () => {
    const { envelope } = await firstVisit();
    expect(envelope.anonymous_id).toBe('00000000-0000-4000-8000-000000000001');
    expect(envelope.context.vendor_ids).toEqual({
      ga_client_id: `${FIXED_RANDOM}.${FIXED_NOW / 1000}`,
      fbp: `fb.1.${FIXED_NOW}.${FIXED_RANDOM}`,
      ttp: '00000000-0000-4000-8000-000000000002',
    });
  });

  it('keeps existing cookies, never re-mints them, and uses their values', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const cookie =
      '_dfid=visitor-0001; _ga=GA1.2.987654321.1700000000; _fbp=fb.1.1700000000000.42; _ttp=tt-abc_123; _fbc=fb.1.1700000000000.OLDCLICK';
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X', anonymous_id: 'client-sent' }, { cookie }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(bridge.stored[0]!.anonymous_id).toBe('visitor-0001');
    expect(bridge.stored[0]!.context.vendor_ids).toEqual({
      ga_client_id: '987654321.1700000000',
      fbp: 'fb.1.1700000000000.42',
      ttp: 'tt-abc_123',
      fbc: 'fb.1.1700000000000.OLDCLICK',
    });
  });

  it('mints only the missing cookies', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }, { cookie: '_dfid=visitor-0002; _ga=GA1.1.1.2' }),
    );
    expect([...setCookies(res).keys()].sort()).toEqual(['_fbp', '_ttp']);
  });

  it('sets _fbc as fb.1.{ms}.{fbclid} when the page URL carries an fbclid', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/p?k=${keyId}`, {
        context: { page: { url: 'https://shop.example/?fbclid=IwAR2xyz' } },
      }),
    );
    expect(setCookies(res).get('_fbc')).toBe(
      `_fbc=fb.1.${FIXED_NOW}.IwAR2xyz; Max-Age=7776000; Path=/; Secure; SameSite=Lax`,
    );
    expect(bridge.stored[0]!.context.vendor_ids?.fbc).toBe(`fb.1.${FIXED_NOW}.IwAR2xyz`);
    expect(bridge.stored[0]!.context.click_ids?.fbclid).toBe('IwAR2xyz');
  });

  it('sets _fbc from an fbclid in the request URL', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/p?k=${keyId}&fbclid=REQCLICK`, {}),
    );
    expect(setCookies(res).get('_fbc')).toContain(`_fbc=fb.1.${FIXED_NOW}.REQCLICK;`);
  });

  it('keeps an existing _fbc for the same fbclid and replaces it for a new one (Meta’s rule)', async () => {
    const { keyId } = await seedKey();
    const cookie = '_dfid=visitor-0003; _fbc=fb.1.1700000000000.SAMECLICK';
    const same = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(
        `/v1/p?k=${keyId}`,
        { context: { page: { url: 'https://shop.example/?fbclid=SAMECLICK' } } },
        { cookie },
      ),
    );
    expect(setCookies(same).has('_fbc')).toBe(false);
    const bridge = bridgeDouble();
    const other = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        `/v1/p?k=${keyId}`,
        { context: { page: { url: 'https://shop.example/?fbclid=NEWCLICK' } } },
        { cookie },
      ),
    );
    expect(setCookies(other).get('_fbc')).toContain(`_fbc=fb.1.${FIXED_NOW}.NEWCLICK;`);
    expect(bridge.stored[0]!.context.vendor_ids?.fbc).toBe(`fb.1.${FIXED_NOW}.NEWCLICK`);
  });

  it('re-mints a _dfid whose value is not a safe token', async () => {
    const id = resolveIdentity(
      { _dfid: 'x' },
      { now: () => FIXED_NOW, uuid: () => 'new-uuid-value', randomInt: () => 1 },
    );
    expect(id.anonymous_id).toBe('new-uuid-value');
    expect(id.minted.get('_dfid')).toBe('new-uuid-value');
  });

  it('sets no cookies when the request fails', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble({ kind: 'down' }).fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('sets no cookies on server-side endpoints', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const body = JSON.stringify({ type: 'track', event: 'X', anonymous_id: 'srv-1' });
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post('/v1/events', body, {
        'x-datafly-key': keyId,
        'x-signature-256': `sha256=${await hmacHex('secret-current', body)}`,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('serialises a cookie without Domain when none is configured', () => {
    expect(serializeCookie('_ga', 'GA1.1.1.2', { maxAge: 10, httpOnly: false, domain: null })).toBe(
      '_ga=GA1.1.1.2; Max-Age=10; Path=/; Secure; SameSite=Lax',
    );
  });
});
