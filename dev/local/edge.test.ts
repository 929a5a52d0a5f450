import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeKeyRecord } from '../../core/keys/index.js';
import { startLocalEdge, type LocalEdge } from './edge.js';

// The bundled Worker in workerd with its production dependencies (real fetch, real KV), as
// `npm start` runs it; the bridge it is pointed at refuses connections.
describe('the local edge Worker (workerd through Miniflare)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'datafly-edge-'));
  let edge: LocalEdge;

  beforeAll(async () => {
    edge = await startLocalEdge({
      dataDir,
      port: 0,
      bridgeUrl: 'http://127.0.0.1:1',
      bridgeToken: 't',
    });
  }, 60_000);

  afterAll(async () => {
    await edge?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and sets no cookie when the bridge refuses connections', async () => {
    await edge.keys.put(
      'dk_entryactive01',
      serializeKeyRecord({
        v: 1,
        kind: 'browser',
        pipeline_id: 'p',
        org_id: 'o',
        source_id: 's',
        status: 'active',
      }),
    );
    const res = await fetch(`${edge.url}/v1/t?k=dk_entryactive01`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"event":"X"}',
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });
});
