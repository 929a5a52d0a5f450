import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { serializeKeyRecord } from '../../../core/keys/index.js';
import {
  FIXED_NOW,
  bridgeDouble,
  errorOf,
  post,
  seedKey,
  send,
  testApp,
} from '../../testing/index.js';

describe('key check', () => {
  it.each<{ name: string; path: string; headers: Record<string, string>; message: RegExp }>([
    {
      name: 'a request without a key is refused as missing',
      path: '/v1/t',
      headers: {},
      message: /missing pipeline key/,
    },
    {
      name: 'a key that is not dk_… is refused as malformed',
      path: '/v1/t?k=abc',
      headers: {},
      message: /malformed pipeline key/,
    },
    {
      name: 'a well-formed key that KV does not know is refused as unknown',
      path: '/v1/t?k=dk_neverseeded1',
      headers: {},
      message: /unknown pipeline key/,
    },
    {
      name: 'an unknown key in the header is refused as unknown',
      path: '/v1/t',
      headers: { 'x-datafly-key': 'dk_neverseeded2' },
      message: /unknown pipeline key/,
    },
  ])('$name', async ({ path, headers, message }) => {
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), post(path, { event: 'X' }, headers));
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses a revoked key with 401', async () => {
    const { keyId } = await seedKey({ status: 'revoked' });
    const res = await send(testApp(), post(`/v1/t?k=${keyId}`, { event: 'X' }));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe('pipeline key is revoked');
  });

  it('treats a KV value that is not a valid record as an unknown key', async () => {
    await env.PIPELINE_KEYS.put('dk_brokenrecord1', '{"v":2}');
    const res = await send(testApp(), post('/v1/t?k=dk_brokenrecord1', { event: 'X' }));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe('unknown pipeline key');
  });

  it('serves a key from the isolate cache within the TTL and rereads KV after it', async () => {
    let now = FIXED_NOW;
    const bridge = bridgeDouble();
    const app = testApp({ fetch: bridge.fetch, now: () => now, keyCacheTtlMs: 30_000 });
    const { keyId, record } = await seedKey();
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(200);

    await env.PIPELINE_KEYS.put(keyId, serializeKeyRecord({ ...record, status: 'revoked' }));
    now += 29_000;
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(200);

    now += 2_000;
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(401);
  });

  it('caches an unknown key too, and sees it once the TTL has passed', async () => {
    let now = FIXED_NOW + 10_000_000;
    const app = testApp({ fetch: bridgeDouble().fetch, now: () => now, keyCacheTtlMs: 30_000 });
    const keyId = 'dk_createdlater01';
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(401);
    await env.PIPELINE_KEYS.put(
      keyId,
      serializeKeyRecord({
        v: 1,
        kind: 'browser',
        pipeline_id: 'p',
        org_id: 'o',
        source_id: 's',
        status: 'active',
      }),
    );
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(401);
    now += 31_000;
    expect((await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }))).status).toBe(200);
  });

  it('answers 503 with Retry-After when KV cannot be read, and reads again next time', async () => {
    const failing = { get: () => Promise.reject(new Error('kv down')) } as unknown as KVNamespace;
    const keyId = 'dk_kvfailure0001';
    const res = await send(testApp(), post(`/v1/t?k=${keyId}`, { event: 'X' }), {
      PIPELINE_KEYS: failing,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await errorOf(res)).code).toBe('upstream_unavailable');
    await env.PIPELINE_KEYS.put(
      keyId,
      serializeKeyRecord({
        v: 1,
        kind: 'browser',
        pipeline_id: 'p',
        org_id: 'o',
        source_id: 's',
        status: 'active',
      }),
    );
    expect(
      (
        await send(
          testApp({ fetch: bridgeDouble().fetch }),
          post(`/v1/t?k=${keyId}`, { event: 'X' }),
        )
      ).status,
    ).toBe(200);
  });
});
