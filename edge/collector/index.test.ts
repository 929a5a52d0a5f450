// The collector route group inside workerd: caching headers, ETag revalidation, versioned path.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { SmartRouter } from 'hono/router/smart-router';
import worker from '../index.js';
import { collector, SCRIPT_PATH, snippet } from './index.js';
import { LOADER, SCRIPT, SCRIPT_HASH, VERSION } from './script.generated.js';

const get = (path: string, headers: Record<string, string> = {}) =>
  collector.request(`https://data.shop.test${path}`, { headers });

describe('GET /d.js and /d.<hash>.js', () => {
  const cases = [
    {
      name: 'the short path is cached briefly and revalidated',
      path: '/d.js',
      cache: 'public, max-age=300, stale-while-revalidate=86400',
    },
    {
      name: 'the versioned path is cached for a year, immutable',
      path: SCRIPT_PATH,
      cache: 'public, max-age=31536000, immutable',
    },
  ];
  it.each(cases)('$name', async ({ path, cache }) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('etag')).toBe(`"${SCRIPT_HASH}"`);
    expect(res.headers.get('x-datafly-version')).toBe(VERSION);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('answers 304 without a body to a matching If-None-Match (also weak or in a list)', async () => {
    for (const tag of [`"${SCRIPT_HASH}"`, `W/"${SCRIPT_HASH}"`, `"old", "${SCRIPT_HASH}"`]) {
      const res = await get('/d.js', { 'If-None-Match': tag });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe('');
    }
    expect((await get('/d.js', { 'If-None-Match': '"old"' })).status).toBe(200);
  });

  it('sends an outdated versioned path to the current script, never serving it as immutable', async () => {
    const res = await get('/d.0123456789abcdef.js');
    expect(SCRIPT_PATH).not.toBe('/d.0123456789abcdef.js');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/d.js');
  });

  it('has a script whose hash is the SHA-256 of its bytes', async () => {
    const digest = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(SCRIPT)),
    );
    const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex.slice(0, 16)).toBe(SCRIPT_HASH);
  });
});

describe('GET /d/snippet', () => {
  it('renders the snippet for this origin and key, loading the short-cache path', async () => {
    const res = await get('/d/snippet?k=dk_live_1');
    const text = await res.text();
    expect(text).toBe(snippet('https://data.shop.test', 'dk_live_1'));
    expect(text).toContain('"https://data.shop.test/d.js"');
    expect(text).toContain(
      'datafly.init({"key":"dk_live_1","endpoint":"https://data.shop.test"});datafly.page();',
    );
    expect(LOADER).toContain('%DATAFLY_SRC%');
  });

  it('keeps markup out of the key', async () => {
    const text = await (await get('/d/snippet?k=dk_1</script><script>alert(1)')).text();
    expect(text).not.toContain('alert(1)</');
    expect(text).toContain('"key":"dk_1scriptscriptalert1"');
  });
});

describe('mounted in the edge Worker', () => {
  it('serves /d.js through the Worker entry, beside the ingestion endpoints', async () => {
    const res = await exports.default.fetch('https://data.shop.test/d.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${SCRIPT_HASH}"`);
    expect(await res.text()).toBe(SCRIPT);
  });

  it('sends an outdated versioned path to the current script and leaves other paths to the JSON 404', async () => {
    const old = await exports.default.fetch('https://data.shop.test/d.0123456789abcdef.js', {
      redirect: 'manual',
    });
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe('/d.js');
    const current = await exports.default.fetch(`https://data.shop.test${SCRIPT_PATH}`);
    expect(current.headers.get('cache-control')).toContain('immutable');
    const missing = await exports.default.fetch('https://data.shop.test/d.xyz.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('keeps every edge route on Hono’s RegExpRouter (one unsupported pattern moves the whole app to the slower TrieRouter)', () => {
    const router = worker.router as SmartRouter<unknown>;
    router.match('POST', '/v1/t');
    expect(router.activeRouter.name).toBe('RegExpRouter');
  });
});
