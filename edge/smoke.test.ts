import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { serializeKeyRecord } from '../core/keys/index.js';

// The deployed entry (edge/index.ts) as workerd runs it, with the wrangler.toml bindings.
describe('the Worker entry', () => {
  it('answers the health check', async () => {
    const res = await exports.default.fetch('http://edge.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await exports.default.fetch('http://edge.test/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint' } });
  });

  it('reads keys from the PIPELINE_KEYS namespace and refuses unknown ones', async () => {
    await env.PIPELINE_KEYS.put(
      'dk_entryrevoked1',
      serializeKeyRecord({
        v: 1,
        kind: 'browser',
        pipeline_id: 'p',
        org_id: 'o',
        source_id: 's',
        status: 'revoked',
      }),
    );
    const res = await exports.default.fetch('http://edge.test/v1/t?k=dk_entryrevoked1', {
      method: 'POST',
      body: '{"event":"X"}',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'unauthorized', message: 'pipeline key is revoked' },
    });
  });
});
