import { describe, expect, it } from 'vitest';
import { bridgeDouble, errorOf, post, seedKey, send, testApp } from '../../testing/index.js';

const preflight = (path: string, origin: string) =>
  new Request(`https://data.shop.example${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-datafly-key',
    },
  });

describe('CORS from the key’s allowed origins', () => {
  it.each(['/v1/t', '/v1/p', '/v1/i', '/v1/g', '/v1/batch'])(
    'answers an allowed preflight to %s with 204 and the exact origin',
    async (path) => {
      const { keyId } = await seedKey({
        allowed_origins: ['https://shop.example', 'https://www.shop.example'],
      });
      const res = await send(
        testApp(),
        preflight(`${path}?k=${keyId}`, 'https://www.shop.example'),
      );
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://www.shop.example');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'x-datafly-key',
      );
      expect(res.headers.get('vary')).toContain('Origin');
    },
  );

  it('refuses a preflight from another origin with 403 and no allow headers', async () => {
    const { keyId } = await seedKey();
    const res = await send(testApp(), preflight(`/v1/t?k=${keyId}`, 'https://evil.example'));
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await errorOf(res)).toMatchObject({ code: 'origin_not_allowed', field: 'Origin' });
  });

  it('refuses a POST from another origin with 403 and forwards nothing', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(bridge.requests).toHaveLength(0);
  });

  it('treats an origin that differs only by scheme or port as another origin', async () => {
    const { keyId } = await seedKey();
    for (const origin of [
      'http://shop.example',
      'https://shop.example:8443',
      'https://shop.example.evil.example',
    ]) {
      expect(
        (await send(testApp(), post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin }))).status,
      ).toBe(403);
    }
  });

  it('echoes an allowed origin with credentials on the POST answer', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin: 'https://shop.example' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('lets the page read Retry-After when the bridge is down (503)', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble({ kind: 'down' }).fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin: 'https://shop.example' }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('keeps the CORS headers on an error answer so the page can read it', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      post(`/v1/t?k=${keyId}`, '{nope', { origin: 'https://shop.example' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('lets any origin through when the key allows "*"', async () => {
    const { keyId } = await seedKey({ allowed_origins: ['*'] });
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin: 'http://localhost:3000' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('refuses every origin when the key allows none', async () => {
    const { keyId } = await seedKey({ allowed_origins: [] });
    expect(
      (
        await send(
          testApp(),
          post(`/v1/t?k=${keyId}`, { event: 'X' }, { origin: 'https://shop.example' }),
        )
      ).status,
    ).toBe(403);
  });

  it('lets a request without an Origin header through (not a cross-origin request)', async () => {
    const { keyId } = await seedKey({ allowed_origins: [] });
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
