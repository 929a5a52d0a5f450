// The whole local stack end to end in a real browser (Debian chromium via playwright-core):
// the demo shop page → Datafly.js → edge Worker (workerd) → bridge → bus → processor →
// delivery → vendor sandbox. Runs on the embedded defaults, and also on real Kafka and
// PostgreSQL when the test run has them.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEntry } from '../sandbox/index.js';
import { loadLocalConfig } from './config.js';
import { startStack, type Stack } from './stack.js';
import { stackBackends } from './testing.js';
import { testServices } from '../../core/testkit/config.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe.each(stackBackends())('demo shop purchase end to end on $name', (backend) => {
  let stack: Stack;
  let browser: Browser;
  let dataDir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'datafly-e2e-'));
    const services = await backend.env();
    cleanup = services.cleanup;
    const config = loadLocalConfig({
      DATAFLY_DATA_DIR: dataDir,
      EDGE_PORT: '0',
      BRIDGE_PORT: '0',
      ADMIN_PORT: '0',
      DEMO_PORT: '0',
      ...services.env,
    });
    stack = await startStack(config);
    browser = await chromium.launch({
      executablePath: testServices.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await cleanup?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('delivers valid Meta CAPI and GA4 requests with hashed user data, click ids and the edge cookies', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(
      `${stack.demoUrl}/?gclid=E2E-GCLID-1&fbclid=E2E-FBCLID-1&utm_source=newsletter&utm_campaign=autumn`,
    );
    await page.waitForFunction(
      () => !Array.isArray((window as unknown as { datafly: unknown }).datafly),
    );
    await page.click('#add-SKU-TEE');
    await page.click('#add-SKU-MUG');
    await page.click('#purchase');
    await page.waitForSelector('#status:has-text("placed")');

    const isPurchase = (vendor: string) => (e: SandboxEntry) =>
      e.vendor === vendor &&
      JSON.stringify(e.body).includes('"ORD-') &&
      JSON.stringify(e.body).toLowerCase().includes('purchase');
    const meta = await stack.sandbox.waitFor(isPurchase('meta_capi'), 30_000);
    const ga4 = await stack.sandbox.waitFor(isPurchase('ga4'), 30_000);

    const cookies = Object.fromEntries(
      (await context.cookies(stack.edgeUrl)).map((c) => [c.name, c]),
    );
    expect(cookies._dfid?.httpOnly).toBe(true);
    expect(cookies._fbp?.value).toMatch(/^fb\.1\.\d{13}\.\d+$/);
    expect(cookies._fbc?.value).toMatch(/^fb\.1\.\d{13}\.E2E-FBCLID-1$/);
    expect(cookies._ga?.value).toMatch(/^GA1\.1\.\d+\.\d+$/);

    // Meta: a contract-valid Purchase with normalised + hashed user data, fbc/fbp from the edge cookies.
    expect(meta.verdict).toEqual({ ok: true, problems: [] });
    const metaEvent = (meta.body as { data: Record<string, any>[] }).data.find(
      (d) => d.event_name === 'Purchase',
    )!;
    expect(metaEvent.custom_data).toMatchObject({ currency: 'EUR', value: 37.5 });
    expect(metaEvent.user_data.em).toEqual([sha256('jane.doe@example.com')]);
    expect(metaEvent.user_data.ph).toEqual([sha256('442079460958')]);
    expect(metaEvent.user_data.fn).toEqual([sha256('jane')]);
    expect(metaEvent.user_data.fbp).toBe(cookies._fbp!.value);
    expect(metaEvent.user_data.fbc).toBe(cookies._fbc!.value);
    expect(metaEvent.action_source).toBe('website');
    expect(metaEvent.event_source_url).toContain('fbclid=E2E-FBCLID-1');

    // GA4: a valid purchase for the client id the edge minted in the _ga cookie.
    expect(ga4.verdict).toEqual({ ok: true, problems: [] });
    const ga4Body = ga4.body as {
      client_id: string;
      events: { name: string; params: Record<string, any> }[];
    };
    expect(`GA1.1.${ga4Body.client_id}`).toBe(cookies._ga!.value);
    const purchase = ga4Body.events.find((e) => e.name === 'purchase')!;
    expect(purchase.params).toMatchObject({ currency: 'EUR', value: 37.5 });
    expect(purchase.params.transaction_id).toMatch(/^ORD-/);
    expect(JSON.stringify(ga4.body)).toContain('E2E-GCLID-1');

    // The webhook got the canonical envelope, signed.
    const hook = await stack.sandbox.waitFor(
      (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('Order Completed'),
      30_000,
    );
    expect(hook.headers['x-signature-256']).toBeDefined();
    await context.close();
  }, 90_000);
});
