import { describe, expect, it } from 'vitest';
import {
  bridgeDouble,
  errorOf,
  post,
  seedKey,
  send,
  setCookies,
  testApp,
} from '../../testing/index.js';

describe('POST /v1/t|p|i|g', () => {
  it.each([
    {
      name: 'a track call becomes a track envelope',
      path: 't',
      body: { event: 'Signup', properties: { plan: 'pro' } },
      type: 'track',
    },
    {
      name: 'a page call becomes a page envelope',
      path: 'p',
      body: { name: 'Home', context: { page: { url: 'https://shop.example/' } } },
      type: 'page',
    },
    {
      name: 'an identify call becomes an identify envelope',
      path: 'i',
      body: { user_id: 'u-1', traits: { email: 'a@b.example' } },
      type: 'identify',
    },
    {
      name: 'a group call becomes a group envelope',
      path: 'g',
      body: { group_id: 'acme', traits: { plan: 'team' } },
      type: 'group',
    },
  ])('$name', async ({ path, body, type }) => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), post(`/v1/${path}?k=${keyId}`, body));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { ok: boolean; event_id: string };
    expect(answer.ok).toBe(true);
    expect(bridge.stored).toHaveLength(1);
    expect(bridge.stored[0]).toMatchObject({
      v: 1,
      type,
      event_id: answer.event_id,
      source: { kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'src_1' },
    });
  });

  it('accepts an application/json body and the key in X-Datafly-Key', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        '/v1/t',
        { event: 'Added' },
        { 'content-type': 'application/json', 'x-datafly-key': keyId },
      ),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored[0]?.event).toBe('Added');
  });

  it('keeps a client event id and unknown fields', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X', event_id: 'client-1', custom: { a: 1 } }),
    );
    expect(await res.json()).toEqual({ ok: true, event_id: 'client-1' });
    expect(bridge.stored[0]).toMatchObject({ event_id: 'client-1', custom: { a: 1 } });
  });

  it('decodes the compact wire form into the same envelope', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const body = {
      w: 1,
      e: 'Signup',
      p: { plan: 'pro' },
      ts: 1_767_225_500_000,
      url: 'https://shop.example/a?gclid=G1',
      cs: { ads: true },
      lib: 'datafly.js@1.0.0',
    };
    const res = await send(testApp({ fetch: bridge.fetch }), post(`/v1/t?k=${keyId}`, body));
    expect(res.status).toBe(200);
    expect(bridge.stored[0]).toMatchObject({
      event: 'Signup',
      properties: { plan: 'pro' },
      timestamp: '2025-12-31T23:58:20.000Z',
      context: {
        page: { url: 'https://shop.example/a?gclid=G1' },
        consent: { ads: true },
        library: { name: 'datafly.js', version: '1.0.0' },
        click_ids: { gclid: 'G1' },
      },
    });
  });

  it.each([
    {
      name: 'a track call without an event name is refused naming "event"',
      path: 't',
      body: { properties: {} },
      field: 'event',
    },
    {
      name: 'properties that are not an object are refused naming "properties"',
      path: 't',
      body: { event: 'X', properties: [1] },
      field: 'properties',
    },
    {
      name: 'a type that contradicts the endpoint is refused naming "type"',
      path: 't',
      body: { type: 'page', event: 'X' },
      field: 'type',
    },
    {
      name: 'a group call without group_id is refused naming "group_id"',
      path: 'g',
      body: {},
      field: 'group_id',
    },
    {
      name: 'a timestamp that is not ISO 8601 is refused naming "timestamp"',
      path: 'p',
      body: { timestamp: 'yesterday' },
      field: 'timestamp',
    },
    {
      name: 'a consent value that is not a boolean is refused naming it',
      path: 'p',
      body: { context: { consent: { ads: 'yes' } } },
      field: 'context.consent.ads',
    },
    {
      name: 'an array body is refused: several events go to /v1/batch',
      path: 't',
      body: [{ event: 'X' }],
      field: '(body)',
    },
  ])('$name', async ({ path, body, field }) => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), post(`/v1/${path}?k=${keyId}`, body));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field });
    expect(bridge.requests).toHaveLength(0);
  });

  it('answers 404 JSON for an unknown event letter', async () => {
    const { keyId } = await seedKey();
    const res = await send(testApp(), post(`/v1/x?k=${keyId}`, { event: 'X' }));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
  });

  it('answers with no-store, CORS and the minted cookies; errors keep no-store and CORS', async () => {
    const { keyId } = await seedKey();
    const origin = { origin: 'https://shop.example' };
    const app = testApp({ fetch: bridgeDouble().fetch });
    const ok = await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }, origin));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(ok.headers.get('vary')).toBe('Origin');
    expect([...setCookies(ok).keys()].sort()).toEqual(['_dfid', '_fbp', '_ga', '_ttp']);

    const bad = await send(app, post(`/v1/t?k=${keyId}`, '{nope', origin));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(bad.headers.get('vary')).toBe('Origin');
    expect(bad.headers.getSetCookie()).toEqual([]);

    const preflight = await send(
      app,
      new Request(`https://data.shop.example/v1/t?k=${keyId}`, {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('cache-control')).toBe('no-store');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  });
});
