import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeKeyRecord } from '../../core/keys/index.js';
import { startLocalEdge, type LocalEdge } from './edge.js';

// The bundled Worker in workerd with its production dependencies (real fetch, real KV), as
// `npm start` runs it: pointed at a bridge that refuses connections, and at one that never
// answers some requests.
const activeKey = (id: string) =>
  serializeKeyRecord({
    v: 1,
    kind: 'browser',
    pipeline_id: 'p',
    org_id: 'o',
    source_id: 's',
    status: 'active',
  });
const track = (url: string, key: string, event: string) =>
  fetch(`${url}/v1/t?k=${key}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ event }),
  });

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
    await edge.keys.put('dk_entryactive01', activeKey('dk_entryactive01'));
    const res = await track(edge.url, 'dk_entryactive01', 'X');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });
});

describe('the local edge Worker and a bridge that does not answer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'datafly-edge-hung-'));
  let edge: LocalEdge;
  const hung: ServerResponse[] = [];
  // Answers every record, except a request for the event "hang", which it never answers.
  const bridge = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (body.includes('"event":"hang"')) return void hung.push(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ offsets: [{ partition: 0, offset: 0 }] }));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve));
    edge = await startLocalEdge({
      dataDir,
      port: 0,
      bridgeUrl: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`,
      bridgeToken: 't',
    });
    await edge.keys.put('dk_hungbridge001', activeKey('dk_hungbridge001'));
  }, 60_000);

  afterAll(async () => {
    await edge?.close();
    for (const res of hung) res.destroy();
    bridge.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a request the bridge never answers with 503 after its 5 s deadline, and the requests before it at once', async () => {
    const first = await track(edge.url, 'dk_hungbridge001', 'ok');
    expect(first.status).toBe(200);
    const started = Date.now();
    const res = await track(edge.url, 'dk_hungbridge001', 'hang');
    const waited = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({
      error: {
        code: 'upstream_unavailable',
        message: expect.stringMatching(/did not answer in time/),
      },
    });
    expect(hung).toHaveLength(1);
    expect(waited).toBeGreaterThanOrEqual(5_000 - 50);
    expect(waited).toBeLessThan(5_000 + 1_500);
  }, 20_000);
});
