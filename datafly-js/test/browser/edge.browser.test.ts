// End to end in chromium: a page with the snippet, the real edge Worker in workerd (Miniflare,
// dev/local/edge.ts) serving /d.js and taking the collector's posts, and a Kafka-REST bridge
// double behind it. Proves the wire contract between Datafly.js and the edge: text/plain bodies,
// the key in `k`, CORS with credentials, batches, the `_dfid` cookie round trip, 503 → resend.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../core/event/envelope.js';
import { serializeKeyRecord } from '../../../core/keys/index.js';
import { startLocalEdge, type LocalEdge } from '../../../dev/local/edge.js';
import { buildCollector } from '../../build.mjs';
import { CHROMIUM, until } from './harness.js';

const KEY = 'dk_e2e_browser_key';
let browser: Browser;
let edge: LocalEdge;
let edgeOrigin: string;
let site: Server;
let siteOrigin: string;
let bridge: Server;
let dataDir: string;
let bridgeDown = false;
const stored: Envelope[] = [];
let context: BrowserContext;
let page: Page;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  const built = await buildCollector();
  bridge = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (bridgeDown) return void res.writeHead(503).end('{"error_code":50301}');
      const { records } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        records: { value: Envelope }[];
      };
      const offsets = records.map((r) => ({ partition: 0, offset: stored.push(r.value) - 1 }));
      res
        .writeHead(200, { 'Content-Type': 'application/vnd.kafka.v2+json' })
        .end(JSON.stringify({ offsets }));
    });
  });
  const bridgePort = await listen(bridge);
  site = createServer((req, res) => {
    const loader = built.loader.replace('%DATAFLY_SRC%', `${edgeOrigin}/d.js`);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(
      req.url === '/shop'
        ? `<!doctype html><title>Shop</title><script>${loader}</script>` +
            `<script>datafly.init({ key: '${KEY}' }); datafly.page('Shop'); ` +
            "datafly.track('Viewed', { sku: 'A1' });</script>"
        : '<!doctype html><title>other</title>',
    );
  });
  siteOrigin = `http://localhost:${await listen(site)}`;
  dataDir = await mkdtemp(join(tmpdir(), 'datafly-e2e-'));
  edge = await startLocalEdge({
    dataDir,
    port: 0,
    bridgeUrl: `http://127.0.0.1:${bridgePort}`,
    bridgeToken: 'e2e-token',
  });
  edgeOrigin = edge.url.replace('127.0.0.1', 'localhost');
  await edge.keys.put(
    KEY,
    serializeKeyRecord({
      v: 1,
      kind: 'browser',
      pipeline_id: 'pip_e2e',
      org_id: 'org_e2e',
      source_id: 'src_e2e',
      status: 'active',
      allowed_origins: [siteOrigin],
    }),
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  await Promise.all([site, bridge].map((s) => new Promise((r) => s.close(r))));
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  stored.length = 0;
  bridgeDown = false;
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const track = (p: Page, name: string) =>
  p.evaluate(
    (n) => (window as unknown as { datafly: { track: (e: string) => void } }).datafly.track(n),
    name,
  );

describe('Datafly.js against the real edge Worker', () => {
  it('delivers a batch and a single event as browser envelopes, with one _dfid identity across requests', async () => {
    await page.goto(`${siteOrigin}/shop`);
    await until(() => stored.length >= 2, 10_000);
    await track(page, 'Added');
    await until(() => stored.length >= 3, 10_000);
    expect(stored.map((e) => [e.type, e.event])).toEqual([
      ['page', 'Shop'],
      ['track', 'Viewed'],
      ['track', 'Added'],
    ]);
    for (const e of stored) {
      expect(e.source).toMatchObject({ kind: 'browser', pipeline_id: 'pip_e2e' });
      expect(e.context.library).toEqual({
        name: 'datafly.js',
        version: expect.any(String) as string,
      });
      expect(e.context.page?.url).toBe(`${siteOrigin}/shop`);
    }
    const ids = new Set(stored.map((e) => e.anonymous_id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
    expect(await page.evaluate(() => document.cookie)).not.toContain('_dfid');
  });

  it('keeps events through a bridge outage (edge 503) and delivers each once when it recovers', async () => {
    bridgeDown = true;
    await page.goto(`${siteOrigin}/shop`);
    await sleep(1_000);
    expect(stored).toHaveLength(0);
    expect(await page.evaluate(() => localStorage.getItem('_df_q'))).toContain('Viewed');
    bridgeDown = false;
    await until(() => stored.length >= 2, 15_000);
    await sleep(1_000);
    expect(stored.map((e) => e.event)).toEqual(['Shop', 'Viewed']);
  });
});
