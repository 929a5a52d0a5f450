import { describe, expect, it } from 'vitest';
import {
  bridgeDouble,
  seedKey,
  send,
  setCookies,
  testApp,
  type BridgeMode,
} from '../../testing/index.js';
import { TRANSPARENT_GIF } from './gif.js';

/** The classic 43-byte transparent GIF89a, byte for byte. */
const EXPECTED_GIF = [
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
  0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

const get = (path: string) =>
  new Request(`https://data.shop.example${path}`, {
    headers: { 'cf-connecting-ip': '203.0.113.5' },
  });

async function expectGif(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('image/gif');
  expect(res.headers.get('cache-control')).toContain('no-store');
  expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(EXPECTED_GIF);
}

describe('GET /v1/pixel/{type}', () => {
  it('has exactly the 43 bytes of a transparent GIF', () => {
    expect(TRANSPARENT_GIF.byteLength).toBe(43);
    expect([...TRANSPARENT_GIF]).toEqual(EXPECTED_GIF);
  });

  it('answers the GIF with no-store and forwards the event built from the query', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      get(
        `/v1/pixel/track?k=${keyId}&e=Email%20Opened&u=user-5&p.campaign=spring&tr.plan=pro` +
          '&mailing=m-9&url=https%3A%2F%2Fshop.example%2Fmail&utm_source=newsletter&gclid=G5',
      ),
    );
    await expectGif(res, 200);
    expect(bridge.stored[0]).toMatchObject({
      type: 'track',
      event: 'Email Opened',
      user_id: 'user-5',
      properties: { campaign: 'spring', mailing: 'm-9' },
      traits: { plan: 'pro' },
      context: {
        page: { url: 'https://shop.example/mail' },
        campaign: { source: 'newsletter' },
        click_ids: { gclid: 'G5' },
        ip: '203.0.113.5',
      },
      source: { kind: 'pixel' },
    });
    expect(bridge.stored[0]!.properties).not.toHaveProperty('k');
  });

  it.each([
    ['t', 'track', 'e=Open'],
    ['p', 'page', ''],
    ['i', 'identify', 'u=u1'],
    ['g', 'group', 'group_id=acme'],
    ['page', 'page', ''],
  ])('maps /v1/pixel/%s to a %s event', async (path, type, query) => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    await expectGif(
      await send(testApp({ fetch: bridge.fetch }), get(`/v1/pixel/${path}?k=${keyId}&${query}`)),
      200,
    );
    expect(bridge.stored[0]!.type).toBe(type);
  });

  it('sets the identity cookies on the GIF answer', async () => {
    const { keyId } = await seedKey();
    const res = await send(testApp({ fetch: bridgeDouble().fetch }), get(`/v1/pixel/p?k=${keyId}`));
    expect([...setCookies(res).keys()].sort()).toEqual(['_dfid', '_fbp', '_ga', '_ttp']);
  });

  it.each<{ name: string; path: (k: string) => string; status: number; mode?: BridgeMode }>([
    {
      name: 'an unknown key still gets the GIF, with 401',
      path: () => '/v1/pixel/t?k=dk_unknownpixel1&e=X',
      status: 401,
    },
    {
      name: 'a missing key still gets the GIF, with 401',
      path: () => '/v1/pixel/t?e=X',
      status: 401,
    },
    {
      name: 'an unknown pixel type still gets the GIF, with 400',
      path: (k) => `/v1/pixel/launch?k=${k}`,
      status: 400,
    },
    {
      name: 'an invalid event still gets the GIF, with 400',
      path: (k) => `/v1/pixel/t?k=${k}`,
      status: 400,
    },
    {
      name: 'a bridge outage still gets the GIF, with 503',
      path: (k) => `/v1/pixel/t?k=${k}&e=X`,
      status: 503,
      mode: { kind: 'down' },
    },
  ])('$name', async ({ path, status, mode }) => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble(mode);
    const res = await send(testApp({ fetch: bridge.fetch }), get(path(keyId)));
    await expectGif(res, status);
    expect(res.headers.getSetCookie()).toEqual([]);
    if (status === 503) expect(res.headers.get('retry-after')).toBe('5');
    else expect(bridge.requests).toHaveLength(0);
  });
});
