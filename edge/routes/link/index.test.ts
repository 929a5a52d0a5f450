// Cross-domain continuity at the edge (docs/identity.md), in workerd: GET /v1/link mints a
// token per declared domain for the visitor's _dfid; the receiving domain's edge carries a
// verified token's _dfid over (or links it as identity_hop when the visitor already has one);
// forged, expired and other-domain tokens change nothing; _dfl never reaches the bridge.
import { describe, expect, it } from 'vitest';
import { signLinkToken } from '../../../core/identity/link-token.js';
import {
  bridgeDouble,
  FIXED_NOW,
  post,
  seedKey,
  send,
  setCookies,
  testApp,
} from '../../testing/index.js';

const SECRET = 'org-link-secret-0123456789abcdef0123456789';
const A = 'https://shop.example';
const B = 'https://checkout.example-pay.com';
const DFID_A = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const linked = {
  link_domains: ['shop.example', 'checkout.example-pay.com'],
  link_secret: SECRET,
  allowed_origins: [A, B],
};

const landing = (token: string, extra = '') => ({
  context: {
    page: {
      url: `${B}/pay?order=1&_dfl=${encodeURIComponent(token)}${extra}`,
      search: `?order=1&_dfl=${token}`,
      referrer: `${A}/cart`,
    },
  },
});

async function pageOnB(token: string, headers: Record<string, string> = {}) {
  const { keyId } = await seedKey(linked);
  const bridge = bridgeDouble();
  const res = await send(
    testApp({ fetch: bridge.fetch }),
    post(`/v1/p?k=${keyId}`, landing(token), { origin: B, ...headers }),
  );
  return { res, stored: bridge.stored[0] as Record<string, any> };
}

describe('GET /v1/link', () => {
  it('mints a token for each declared domain other than the one the visitor is on, bound to the visitor’s _dfid', async () => {
    const { keyId } = await seedKey(linked);
    const res = await send(
      testApp(),
      new Request(`https://data.shop.example/v1/link?k=${keyId}`, {
        headers: { origin: A, cookie: `_dfid=${DFID_A}` },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { t: Record<string, string>; ttl: number };
    expect(Object.keys(body.t)).toEqual(['checkout.example-pay.com']);
    expect(body.t['checkout.example-pay.com']).toBe(
      await signLinkToken({
        secret: SECRET,
        dfid: DFID_A,
        host: 'checkout.example-pay.com',
        now: FIXED_NOW,
      }),
    );
    expect(body.ttl).toBe(120);
  });

  it('takes over the _dfid of the token the page arrived with, when this is the visitor’s first request here', async () => {
    const { keyId } = await seedKey(linked);
    const token = await signLinkToken({
      secret: SECRET,
      dfid: DFID_A,
      host: 'checkout.example-pay.com',
      now: FIXED_NOW,
    });
    const res = await send(
      testApp(),
      new Request(
        `https://data.example-pay.com/v1/link?k=${keyId}&l=${encodeURIComponent(token)}`,
        { headers: { origin: B } },
      ),
    );
    expect(setCookies(res).get('_dfid')).toContain(`_dfid=${DFID_A};`);
    const body = (await res.json()) as { t: Record<string, string> };
    expect(body.t['shop.example']).toBe(
      await signLinkToken({ secret: SECRET, dfid: DFID_A, host: 'shop.example', now: FIXED_NOW }),
    );
    const forged = await send(
      testApp(),
      new Request(
        `https://data.example-pay.com/v1/link?k=${keyId}&l=${encodeURIComponent(token.slice(0, -2))}xx`,
        { headers: { origin: B } },
      ),
    );
    expect(setCookies(forged).get('_dfid')).not.toContain(DFID_A);
  });

  it('answers no tokens for a key without link domains, and refuses other origins', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      new Request(`https://data.shop.example/v1/link?k=${keyId}`, { headers: { origin: A } }),
    );
    expect(await res.json()).toEqual({ t: {}, ttl: 120 });
    const { keyId: k2 } = await seedKey(linked);
    const other = await send(
      testApp(),
      new Request(`https://data.shop.example/v1/link?k=${k2}`, {
        headers: { origin: 'https://evil.example' },
      }),
    );
    expect(other.status).toBe(403);
  });
});

describe('a link token arriving on the other domain', () => {
  it('carries the _dfid over to a new visitor: the event and the cookie take it; _dfl is stripped', async () => {
    const token = await signLinkToken({
      secret: SECRET,
      dfid: DFID_A,
      host: 'checkout.example-pay.com',
      now: FIXED_NOW - 30_000,
    });
    const { res, stored } = await pageOnB(token);
    expect(res.status).toBe(200);
    expect(stored.anonymous_id).toBe(DFID_A);
    expect(setCookies(res).get('_dfid')).toContain(`_dfid=${DFID_A};`);
    expect(stored.context.page.url).toBe(`${B}/pay?order=1`);
    expect(stored.context.page.search).toBe('?order=1');
    expect(JSON.stringify(stored)).not.toContain('_dfl');
    expect(stored.context.identity_hop).toBeUndefined();
  });

  it('links the two ids when the visitor already has a _dfid here', async () => {
    const token = await signLinkToken({
      secret: SECRET,
      dfid: DFID_A,
      host: 'checkout.example-pay.com',
      now: FIXED_NOW,
    });
    const { stored, res } = await pageOnB(token, {
      cookie: '_dfid=bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb',
    });
    expect(stored.anonymous_id).toBe('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb');
    expect(stored.context.identity_hop).toEqual({ anonymous_id: DFID_A });
    expect(setCookies(res).has('_dfid')).toBe(false);
  });

  it.each([
    {
      name: 'a forged token',
      make: async () =>
        await signLinkToken({
          secret: 'another-secret-0123456789abcdef012345',
          dfid: DFID_A,
          host: 'checkout.example-pay.com',
          now: FIXED_NOW,
        }),
    },
    {
      name: 'an expired token',
      make: () =>
        signLinkToken({
          secret: SECRET,
          dfid: DFID_A,
          host: 'checkout.example-pay.com',
          now: FIXED_NOW - 200_000,
        }),
    },
    {
      name: 'a token minted for another domain',
      make: () =>
        signLinkToken({ secret: SECRET, dfid: DFID_A, host: 'shop.example', now: FIXED_NOW }),
    },
    { name: 'garbage', make: async () => '1.x.y.z' },
  ])('ignores $name: a fresh _dfid, no link, and still no _dfl for vendors', async ({ make }) => {
    const { res, stored } = await pageOnB(await make());
    expect(res.status).toBe(200);
    expect(stored.anonymous_id).not.toBe(DFID_A);
    expect(stored.context.identity_hop).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('_dfl');
  });

  it('ignores a genuine token sent from a page on another host than the one it was minted for', async () => {
    const token = await signLinkToken({
      secret: SECRET,
      dfid: DFID_A,
      host: 'checkout.example-pay.com',
      now: FIXED_NOW,
    });
    const { stored } = await pageOnB(token, { origin: A });
    expect(stored.anonymous_id).not.toBe(DFID_A);
  });

  it('is read from a Datafly.js batch too', async () => {
    const { keyId } = await seedKey(linked);
    const bridge = bridgeDouble();
    const token = await signLinkToken({
      secret: SECRET,
      dfid: DFID_A,
      host: 'checkout.example-pay.com',
      now: FIXED_NOW,
    });
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        `/v1/batch?k=${keyId}`,
        {
          batch: [
            { type: 'page', ...landing(token) },
            { type: 'track', event: 'X' },
          ],
        },
        { origin: B },
      ),
    );
    expect(res.status).toBe(200);
    expect((bridge.stored as Record<string, any>[]).map((e) => e.anonymous_id)).toEqual([
      DFID_A,
      DFID_A,
    ]);
    expect(JSON.stringify(bridge.stored)).not.toContain('_dfl');
  });

  it('never keeps a client-sent identity_hop', async () => {
    const { keyId } = await seedKey(linked);
    const bridge = bridgeDouble();
    await send(
      testApp({ fetch: bridge.fetch }),
      post(
        `/v1/t?k=${keyId}`,
        { event: 'X', context: { identity_hop: { anonymous_id: 'victim-dfid-123' } } },
        { origin: B },
      ),
    );
    expect((bridge.stored[0] as Record<string, any>).context.identity_hop).toBeUndefined();
  });
});
