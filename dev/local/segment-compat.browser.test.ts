// Segment's analytics.js (@segment/analytics-next) and RudderStack's JS SDK
// (@rudderstack/analytics-js), unchanged, in real Chromium on a local page, against the edge
// Worker in workerd. The only changes are where the SDKs fetch their settings and send events
// (the edge) and the write key (the public pipeline key, held to the page's origin). Every
// call type must reach the event log with the SDK's own user id, anonymous id, event id and
// properties, and the page must talk to nobody but itself and the edge.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../core/event/index.js';
import { testServices } from '../../core/testkit/config.js';
import { startCompatWorld, type CompatWorld } from './compat-testing.js';

/** Bundle an npm SDK for a plain `<script>`, exposing what `expose` assigns to `window`. */
async function bundle(expose: string): Promise<string> {
  const out = await build({
    stdin: { contents: expose, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0]!.text;
}

/** What a page's SDK sent (its own messages, as posted), read from the browser's requests. */
interface Sent {
  type: string;
  messageId: string;
  anonymousId?: string;
  userId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  groupId?: string;
  previousId?: string;
}

describe('Segment and RudderStack browser SDKs in Chromium against the edge in workerd', () => {
  let world: CompatWorld;
  let browser: Browser;
  let site: Server;
  let siteOrigin = '';
  const pages = new Map<string, string>();

  beforeAll(async () => {
    const [segment, rudder] = await Promise.all([
      bundle(
        `import { AnalyticsBrowser } from '@segment/analytics-next'; window.AnalyticsBrowser = AnalyticsBrowser;`,
      ),
      bundle(
        `import { RudderAnalytics } from '@rudderstack/analytics-js/bundled'; window.RudderAnalytics = RudderAnalytics;`,
      ),
    ]);
    pages.set('/segment', segment);
    pages.set('/rudder', rudder);
    site = createServer((req, res) => {
      const script = pages.get(req.url ?? '');
      if (script === undefined)
        return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><html><head><title>shop</title><script>${script.replace(/<\/script/gi, '<\\/script')}</script></head><body>shop</body></html>`,
        );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteOrigin = `http://localhost:${(site.address() as AddressInfo).port}`;
    world = await startCompatWorld({ allowedOrigins: [siteOrigin] });
    browser = await chromium.launch({
      executablePath: testServices.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await new Promise((resolve) => site?.close(resolve));
  }, 60_000);

  /** Open a page, recording every request it makes and the SDK messages it posts to the edge. */
  async function open(path: string): Promise<{ page: Page; urls: string[]; sent: Sent[] }> {
    const page = await browser.newPage();
    const urls: string[] = [];
    const sent: Sent[] = [];
    page.on('request', (request) => {
      urls.push(request.url());
      if (request.method() !== 'POST' || !request.url().startsWith(world.edgeUrl)) return;
      const body = JSON.parse(request.postData() ?? 'null') as (Sent & { batch?: Sent[] }) | null;
      if (body) sent.push(...(body.batch ?? [body]));
    });
    await page.goto(`${siteOrigin}${path}`);
    return { page, urls, sent };
  }

  /** Each message the SDK sent reached the event log as the same event. */
  async function expectArrived(
    sent: Sent[],
    expected: Record<string, string>,
  ): Promise<Envelope[]> {
    const ids = new Set(sent.map((s) => s.messageId));
    const got = await world.envelopes((e) => ids.has(e.event_id), ids.size);
    for (const s of sent) {
      const e = got.find((g) => g.event_id === s.messageId)!;
      expect(e, `the ${s.type} message ${s.messageId}`).toBeDefined();
      expect(e).toMatchObject({
        type: expected[s.type],
        anonymous_id: s.anonymousId,
        ...(s.userId ? { user_id: s.userId } : {}),
        ...(s.groupId ? { group_id: s.groupId } : {}),
        ...(s.previousId ? { previous_id: s.previousId } : {}),
        properties: s.properties ?? {},
        source: { kind: 'browser', pipeline_id: 'pip_compat' },
      });
    }
    return got;
  }

  it('@segment/analytics-next: settings from the edge, every call type to the edge', async () => {
    const { page, urls, sent } = await open('/segment');
    await page.evaluate(
      async ({ writeKey, cdnURL }) => {
        const w = window as unknown as { AnalyticsBrowser: { load(o: unknown): any } };
        const analytics = w.AnalyticsBrowser.load({ writeKey, cdnURL });
        await analytics.identify('seg-user', { plan: 'pro' });
        await analytics.track(
          'Order Completed',
          { order_id: 'seg-order', total: 42.5 },
          { integrations: { 'Meta CAPI': false } },
        );
        await analytics.page('Docs', 'Pricing', { path: '/pricing' });
        await analytics.screen('App', 'Home', { variant: 'b' });
        await analytics.group('seg-acme', { name: 'Acme' });
        await analytics.alias('seg-user-2', 'seg-user');
      },
      { writeKey: world.keyId, cdnURL: world.edgeUrl },
    );
    expect(sent.map((s) => s.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
    ]);
    const got = await expectArrived(sent, {
      identify: 'identify',
      track: 'track',
      page: 'page',
      screen: 'page',
      group: 'group',
      alias: 'identify',
    });
    const track = got.find((e) => e.type === 'track') as Envelope & { integrations?: unknown };
    expect(track).toMatchObject({
      event: 'Order Completed',
      user_id: 'seg-user',
      integrations: { 'Meta CAPI': false },
    });
    expect(track.context.page?.url).toBe(`${siteOrigin}/segment`);
    expect(urls.filter((u) => !u.startsWith(siteOrigin) && !u.startsWith(world.edgeUrl))).toEqual(
      [],
    );
    expect(urls).toContain(`${world.edgeUrl}/v1/projects/${world.keyId}/settings`);
    await page.close();
  });

  it('@segment/analytics-next with its batching delivery: batches to /v1/b', async () => {
    const { page, urls, sent } = await open('/segment');
    await page.evaluate(
      async ({ writeKey, cdnURL }) => {
        const w = window as unknown as {
          AnalyticsBrowser: { load(o: unknown, options: unknown): any };
        };
        const batching = {
          'Segment.io': {
            deliveryStrategy: { strategy: 'batching', config: { size: 3, timeout: 200 } },
          },
        };
        const analytics = w.AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations: batching });
        await analytics.identify('seg-batch-user', { plan: 'pro' });
        await analytics.track('Added To Cart', { sku: 'seg-sku' });
        await analytics.page('Shop', 'Cart', { path: '/cart' });
      },
      { writeKey: world.keyId, cdnURL: world.edgeUrl },
    );
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBe(3);
    expect(urls).toContain(`${world.edgeUrl}/v1/b`);
    await expectArrived(sent, { identify: 'identify', track: 'track', page: 'page' });
    await page.close();
  });

  it('@rudderstack/analytics-js: sourceConfig from the edge, every call type to the edge', async () => {
    const { page, urls, sent } = await open('/rudder');
    await page.evaluate(
      ({ writeKey, edge }) =>
        new Promise<void>((resolve) => {
          const w = window as unknown as { RudderAnalytics: new () => any };
          const analytics = new w.RudderAnalytics();
          analytics.load(writeKey, edge, { configUrl: edge, logLevel: 'ERROR' });
          analytics.ready(() => {
            analytics.identify('rud-user', { plan: 'pro' });
            analytics.track('Order Completed', { order_id: 'rud-order', total: 42.5 });
            analytics.page('Docs', 'Pricing', { path: '/pricing' });
            analytics.group('rud-acme', { name: 'Acme' });
            analytics.alias('rud-user-2', 'rud-user');
            resolve();
          });
        }),
      { writeKey: world.keyId, edge: world.edgeUrl },
    );
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBe(5);
    expect(sent.map((s) => s.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'track']);
    await expectArrived(sent, {
      identify: 'identify',
      track: 'track',
      page: 'page',
      group: 'group',
      alias: 'identify',
    });
    expect(urls.filter((u) => !u.startsWith(siteOrigin) && !u.startsWith(world.edgeUrl))).toEqual(
      [],
    );
    expect(urls.some((u) => u.startsWith(`${world.edgeUrl}/sourceConfig/`))).toBe(true);
    await page.close();
  });
});
