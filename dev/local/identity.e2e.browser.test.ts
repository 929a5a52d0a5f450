// The identity hub across the demo's two domains in a real browser (Debian chromium via
// playwright-core; docs/identity.md). localhost and 127.0.0.1 are two sites to the browser,
// each with its own first-party edge cookies. A visitor buys on domain A (identify with email),
// follows the demo's link to domain B, and adds to cart there without logging in: both domains'
// events carry the same person id, and B's add-to-cart reaches the Meta double with the email
// hashed on A. A forged link token changes nothing.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEntry } from '../sandbox/index.js';
import { testServices } from '../../core/testkit/config.js';
import { loadLocalConfig } from './config.js';
import { startStack, type Stack } from './stack.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
type Obj = Record<string, any>;

/** Every canonical envelope inside a webhook body, whatever its batching. */
function envelopes(body: unknown): Obj[] {
  if (Array.isArray(body)) return body.flatMap(envelopes);
  if (typeof body !== 'object' || body === null) return [];
  const o = body as Obj;
  if (typeof o.event_id === 'string' && o.context) return [o];
  return Object.values(o).flatMap(envelopes);
}

describe('one visitor across the demo’s two domains', () => {
  let stack: Stack;
  let browser: Browser;
  let dataDir: string;
  let port: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'datafly-identity-e2e-'));
    const config = loadLocalConfig({
      DATAFLY_DATA_DIR: dataDir,
      EDGE_PORT: '0',
      BRIDGE_PORT: '0',
      ADMIN_PORT: '0',
      DEMO_PORT: '0',
    });
    stack = await startStack(config);
    port = new URL(stack.demoUrl).port;
    browser = await chromium.launch({
      executablePath: testServices.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  const ready = (page: Page) =>
    page.waitForFunction(() => !Array.isArray((window as unknown as { datafly: unknown }).datafly));
  const hookFor = (pred: (e: Obj) => boolean) => (s: SandboxEntry) =>
    s.vendor === 'webhook' && envelopes(s.body).some(pred);
  const envelopeOf = async (pred: (e: Obj) => boolean): Promise<Obj> =>
    envelopes((await stack.sandbox.waitFor(hookFor(pred), 30_000)).body).find(pred)!;

  it('keeps the person across the link, and B’s anonymous add-to-cart reaches Meta with the email hashed on A', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    const tokens = a.waitForResponse((r) => r.url().includes('/v1/link'));
    await a.goto(`http://localhost:${port}/`);
    await ready(a);
    expect(Object.keys(((await (await tokens).json()) as { t: Record<string, string> }).t)).toEqual(
      ['127.0.0.1'],
    );
    await a.click('#add-SKU-TEE');
    await a.click('#purchase');
    await a.waitForSelector('#status:has-text("placed")');
    const purchaseA = await envelopeOf((e) => e.event === 'Order Completed');
    const personA = purchaseA.context.identity?.person_id as string;
    expect(personA).toMatch(/^per_[0-9a-f]{24}$/);

    await Promise.all([a.waitForURL(/127\.0\.0\.1/), a.click('#other-domain')]);
    const b = a;
    await ready(b);
    await b.click('#add-SKU-MUG');
    const cartB = await envelopeOf(
      (e) => e.event === 'Product Added' && e.properties?.product_id === 'SKU-MUG',
    );
    expect(cartB.context.page.url).not.toContain('_dfl');
    expect(cartB.anonymous_id).toBe(purchaseA.anonymous_id);
    expect(cartB.context.identity?.person_id).toBe(personA);

    const edgePort = new URL(stack.edgeUrl).port;
    const cookiesA = await context.cookies(`http://localhost:${edgePort}`);
    const cookiesB = await context.cookies(`http://127.0.0.1:${edgePort}`);
    // Cookies are per host name (not per port): each domain has its own _dfid, with the same value.
    expect(cookiesA.find((c) => c.name === '_dfid')?.domain).toBe('localhost');
    expect(cookiesB.find((c) => c.name === '_dfid')?.domain).toBe('127.0.0.1');
    expect(cookiesB.find((c) => c.name === '_dfid')?.value).toBe(
      cookiesA.find((c) => c.name === '_dfid')?.value,
    );

    const meta = await stack.sandbox.waitFor(
      (e) => e.vendor === 'meta_capi' && JSON.stringify(e.body).includes('SKU-MUG'),
      30_000,
    );
    const addToCart = (meta.body as { data: Obj[] }).data.find((d) =>
      JSON.stringify(d).includes('SKU-MUG'),
    )!;
    expect(addToCart.user_data.em).toEqual([sha256('jane.doe@example.com')]);
    expect(JSON.stringify(meta.body)).not.toContain('_dfl');
    await context.close();
  }, 120_000);

  it('ignores a forged token: a new visitor on B, nothing learned on A reaches its events', async () => {
    const context = await browser.newContext();
    const b = await context.newPage();
    await b.goto(
      `http://127.0.0.1:${port}/?_dfl=1.aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa.9999999999.${'A'.repeat(43)}`,
    );
    await ready(b);
    await b.click('#add-SKU-TEE');
    const edgePort = new URL(stack.edgeUrl).port;
    const dfid = (await context.cookies(`http://127.0.0.1:${edgePort}`)).find(
      (c) => c.name === '_dfid',
    )?.value;
    expect(dfid).toBeDefined();
    expect(dfid).not.toBe('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa');
    const cart = await envelopeOf((e) => e.event === 'Product Added' && e.anonymous_id === dfid);
    expect(cart.context.identity?.email_sha256).toBeUndefined();
    expect(cart.context.page.url).not.toContain('_dfl');
    await context.close();
  }, 120_000);
});
