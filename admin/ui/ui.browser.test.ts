// The Management UI's main journeys in real Chromium (playwright-core) on the whole local stack
// (`npm start`'s stack on port 0): install Meta CAPI from the Library, edit the mapping visually
// and as YAML, preview the exact request, pin the revision to the demo pipeline, buy on the demo
// shop and see the delivery counted; break the webhook, see the DLQ fill, fix, replay; a viewer
// changes nothing. Every main screen is checked with axe-core and shot at 1280 and 390 px into
// .tmp/ui-shots/.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../dev/local/config.js';
import { startStack, type Stack } from '../../dev/local/stack.js';
import { testServices } from '../../core/testkit/config.js';
import { UI_DIST_DIR } from '../ui-static.js';

const SHOTS = join(process.cwd(), '.tmp', 'ui-shots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Screenshots at both widths, then the accessibility check; returns serious/critical violations. */
async function look(page: Page, name: string): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (o: unknown) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations.map((v) => `${name}: ${v}`);
}

describe('the Management UI on the local stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let metaId = '';
  const violations: string[] = [];
  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = stack.adminToken,
  ): Promise<T> => {
    const res = await fetch(`${stack.adminUrl}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as T;
  };
  const buyOnDemoShop = async (): Promise<void> => {
    const shop = await browser.newPage();
    await shop.goto(`${stack.demoUrl}/`);
    await shop.waitForFunction(
      () => !Array.isArray((window as unknown as { datafly: unknown }).datafly),
    );
    await shop.click('#add-SKU-TEE');
    await shop.click('#purchase');
    await shop.waitForSelector('#status:has-text("placed")');
    await shop.close();
  };

  beforeAll(async () => {
    if (!existsSync(join(UI_DIST_DIR, 'index.html')))
      execFileSync('npx', ['vite', 'build', '--config', 'admin/ui/vite.config.ts'], {
        stdio: 'ignore',
      });
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'datafly-ui-'));
    stack = await startStack(
      loadLocalConfig({
        DATAFLY_DATA_DIR: dataDir,
        EDGE_PORT: '0',
        BRIDGE_PORT: '0',
        ADMIN_PORT: '0',
        DEMO_PORT: '0',
      }),
    );
    browser = await chromium.launch({
      executablePath: testServices.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('asks for a token, and the first-run link signs the admin in with the role shown', async () => {
    await page.goto(`${stack.adminUrl}/integrations`);
    await page.waitForSelector('h1:has-text("Sign in")');
    violations.push(...(await look(page, '01-sign-in')));
    await page.fill('#token', 'not-a-token');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('#token-error:has-text("not valid")');
    await page.goto(`${stack.adminUrl}/#token=${stack.adminToken}`);
    await page.waitForSelector('.whoami .badge:has-text("admin")');
    expect(page.url()).not.toContain('token=');
    await page.waitForSelector('text=Meta CAPI (demo)');
    violations.push(...(await look(page, '02-overview')));
  }, 60_000);

  it('installs Meta CAPI from the Library with the Retail variant and a Blueprint, naming the missing credential next to its field', async () => {
    await page.click('nav >> text=Integrations');
    violations.push(...(await look(page, '03-my-integrations')));
    await page.click('a:has-text("Add integration")');
    await page.waitForSelector('text=Integration Library');
    await page.fill('input[aria-label="Search the library"]', 'meta');
    await page.waitForSelector('.vendor-card >> text=Meta Conversions API');
    expect(await page.locator('.vendor-card').count()).toBe(1);
    await page.fill('input[aria-label="Search the library"]', '');
    await page.click('.chip:has-text("Analytics")');
    await page.waitForSelector('.vendor-card >> text=Google Analytics 4');
    await page.click('.chip:has-text("All")');
    // Every card has a logo served by the admin API: the brand's where there is one, a generated monogram otherwise.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.vendor-card img.vendor-logo')].some(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );
    expect(
      await page.locator('.vendor-card:has-text("Meta Conversions API") img.vendor-logo').count(),
    ).toBe(1);
    expect(await page.locator('.vendor-card:has-text("LinkedIn") img.vendor-logo').count()).toBe(1);
    expect(await page.locator('.vendor-card:has-text("Klaviyo") img.vendor-logo').count()).toBe(1);
    // The category chips count what the search matches.
    expect(await page.textContent('.chip:has-text("All") .chip-count')).toBe(
      String(await page.locator('.vendor-card').count()),
    );
    violations.push(...(await look(page, '04-library')));

    await page.click('a[aria-label="Install Meta Conversions API (CAPI)"]');
    await page.fill('#install-name', 'Meta CAPI (shop)');
    await page.check('input[name="variant"][value="retail"]');
    // The Retail variant suggests the retail Blueprint; the user confirms it.
    expect(await page.isChecked('input[name="blueprint"][value="meta_retail"]')).toBe(true);
    await page.check('input[name="blueprint"][value="meta_travel"]');
    await page.check('input[name="blueprint"][value="meta_retail"]');
    expect(await page.textContent('.choice-on:has(input[name="blueprint"])')).toContain(
      'InitiateCheckout',
    );
    await page.fill('#cfg-access_token', 'EAAB-ui-test-access-token-1234');
    await page.click('button:has-text("Install integration")');
    await page.waitForSelector('#cfg-pixel_id-error');
    expect(await page.textContent('#cfg-pixel_id-error')).toContain('required');
    await page.fill('#cfg-pixel_id', '998877665544');
    await page.click('summary:has-text("Delivery settings")');
    await page.fill('#ds-endpoint_override', stack.sandbox.vendorUrl('meta_capi'));
    await page.fill('#ds-batch_interval_ms', '200');
    violations.push(...(await look(page, '05-install')));
    await page.click('button:has-text("Install integration")');
    await page.waitForSelector('h1:has-text("Meta CAPI (shop)")');
    metaId = /integrations\/([^/?#]+)/.exec(page.url())![1]!;
    const revisions = await api<{
      revisions: { config: Record<string, unknown>; change_summary: string }[];
    }>('GET', `/integration-templates/${metaId}/revisions`);
    expect(revisions.revisions[0]!.config).toMatchObject({
      pixel_id: '998877665544',
      consent_categories: ['marketing'],
      batch_size: 1000,
    });
    expect(Object.keys(revisions.revisions[0]!.config.events as object)).toEqual(
      expect.arrayContaining(['view_item', 'begin_checkout', 'purchase']),
    );
    expect(revisions.revisions[0]!.change_summary).toContain('Blueprint: Retail');
    // The saved secret never comes back to the page.
    await page.click('.tab:has-text("Settings")');
    await page.waitForSelector('#set-access_token');
    expect(await page.inputValue('#set-access_token')).toBe('');
    expect(await page.content()).not.toContain('EAAB-ui-test-access-token-1234');
    violations.push(...(await look(page, '06-integration-settings')));
  }, 90_000);

  it('edits a mapping row visually, sees it in YAML and back, previews the exact purchase request, saves v2', async () => {
    await page.click('a:has-text("Edit mapping")');
    await page.waitForSelector('[data-testid="coverage"]', { timeout: 30_000 });
    const source = page.locator('input[aria-label="Source for custom_data.order_id"]');
    await source.fill('properties.order_number');
    await expect
      .poll(() => page.textContent('.cm-content'))
      .toContain('source: properties.order_number');

    // And back: edit that line in the YAML editor.
    await page.locator('.cm-line', { hasText: 'source: properties.order_number' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'order_number'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('order_id');
    await page.keyboard.press('Escape');
    await page.click('h1');
    await expect.poll(() => source.inputValue()).toBe('properties.order_id');
    violations.push(...(await look(page, '07-mapping-builder')));

    await page.click('button:has-text("Preview request")');
    await page.waitForSelector('[data-testid="preview-body"]');
    const body = JSON.parse((await page.textContent('[data-testid="preview-body"]'))!) as {
      data: { event_name: string; custom_data: Record<string, unknown> }[];
    };
    expect(body.data[0]).toMatchObject({
      event_name: 'Purchase',
      custom_data: { order_id: 'ORD-1001', currency: 'EUR', value: 37.5 },
    });
    expect(await page.textContent('[data-testid="preview-result"]')).toContain(
      stack.sandbox.vendorUrl('meta_capi'),
    );
    violations.push(...(await look(page, '08-mapping-preview')));

    await page.fill('input[aria-label="What changed"]', 'order id from properties.order_id only');
    await page.click('button:has-text("Save as new revision")');
    await page.waitForSelector('text=Saved as v2');
  }, 90_000);

  it('pins the revision to the demo pipeline, updates it in one click, and counts a demo-shop purchase on the dashboard', async () => {
    await page.goto(`${stack.adminUrl}/integrations/${metaId}?tab=pipelines`);
    await page.selectOption('#assign-pipeline', stack.demo.pipeline_id);
    await page.click('button:has-text("Add at v2")');
    await page.waitForSelector('.assignment >> text=pinned to v2');

    await page.click('.tab:has-text("Settings")');
    await page.fill('#limits-rate_limit_rps', '50');
    await page.fill('input[aria-label="What changed"]', 'rate limit 50/s');
    await page.click('button:has-text("Save as new revision")');
    await page.waitForSelector('text=Saved as v3');
    await page.click('.tab:has-text("Pipelines")');
    await page.waitForSelector('text=newer revision available: v3');
    violations.push(...(await look(page, '09-integration-pipelines')));
    await page.click('button:has-text("Update to v3")');
    await page.waitForSelector('.assignment >> text=pinned to v3');
    expect(await page.locator('text=newer revision available').count()).toBe(0);

    await buyOnDemoShop();
    // The pinned revision's pixel is in the request's path (`/v24.0/{pixel_id}/events`).
    await stack.sandbox.waitFor(
      (e) => e.vendor === 'meta_capi' && e.path.includes('/998877665544/'),
      30_000,
    );
    await page.click('.tab:has-text("Dashboard")');
    await expect
      .poll(
        async () => Number(await page.textContent('[data-testid="kpi-delivered"] .kpi-value')),
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(1);
    // The delivery over time: the chart draws (uPlot, loaded on first use) and says its numbers.
    await page.waitForSelector('[data-testid="chart-outcomes"] canvas');
    expect(
      await page.getAttribute('[data-testid="chart-outcomes"] [role="img"]', 'aria-label'),
    ).toMatch(/[1-9]\d* delivered/);
    await page.waitForSelector('[data-testid="chart-latency"] canvas');
    // Narrowed to the demo pipeline, the purchase is still counted there.
    await page.selectOption('#dash-pipeline', stack.demo.pipeline_id);
    await expect
      .poll(
        async () => Number(await page.textContent('[data-testid="kpi-delivered"] .kpi-value')),
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(1);
    violations.push(...(await look(page, '10-dashboard')));
    await page.click('nav >> text=Overview');
    await page.waitForSelector(`[data-testid="chart-${stack.demo.pipeline_id}"] canvas`);
    await expect
      .poll(
        async () =>
          page.getAttribute(
            `[data-testid="chart-${stack.demo.pipeline_id}"] [role="img"]`,
            'aria-label',
          ),
        { timeout: 20_000, interval: 1000 },
      )
      .toMatch(/[1-9]\d* received, [1-9]\d* delivered/);
    violations.push(...(await look(page, '10b-overview-charts')));
    await page.goto(`${stack.adminUrl}/integrations/${metaId}?tab=dashboard`);

    await page.click('.tab:has-text("Revisions")');
    await page.waitForSelector('pre.diff');
    expect(await page.textContent('pre.diff')).toContain('rate_limit_rps');
    violations.push(...(await look(page, '11-revisions')));
  }, 120_000);

  it('breaks the webhook URL, sees events reach the DLQ with the last response, fixes it, replays, sees them delivered', async () => {
    const hookId = stack.demo.integrations.webhook!;
    const goodUrl = `${stack.sandbox.vendorUrl('webhook')}/events`;
    const setUrl = async (url: string, revision: number) => {
      await page.goto(`${stack.adminUrl}/integrations/${hookId}?tab=settings`);
      await page.fill('#set-url', url);
      await page.click('button:has-text("Save as new revision")');
      await page.waitForSelector(`text=Saved as v${revision}`);
      await page.click('.tab:has-text("Pipelines")');
      await page.click(`button:has-text("Update to v${revision}")`);
      await page.waitForSelector(`.assignment >> text=pinned to v${revision}`);
    };
    await setUrl(`${stack.demoUrl}/vendors/nowhere/events`, 2);
    await buyOnDemoShop();
    await page.click('.tab:has-text("Dead letter queue")');
    await expect
      .poll(async () => Number(await page.textContent('[data-testid="dlq-depth"]')), {
        timeout: 45_000,
        interval: 1000,
      })
      .toBeGreaterThanOrEqual(1);
    const eventId = (await page.textContent('tbody .link-button'))!.trim();
    await page.click('tbody .link-button');
    await page.waitForSelector('.modal >> text=Last response');
    expect(await page.textContent('.modal')).toContain('404');
    violations.push(...(await look(page, '12-dlq-entry')));
    await page.keyboard.press('Escape');
    violations.push(...(await look(page, '13-dlq')));

    await setUrl(goodUrl, 3);
    await page.click('.tab:has-text("Dead letter queue")');
    await page.click('button:has-text("Replay all waiting")');
    await page.waitForSelector('text=Replay requested for');
    await stack.sandbox.waitFor(
      (e) =>
        e.vendor === 'webhook' &&
        e.answer.status === 200 &&
        JSON.stringify(e.body).includes(eventId),
      30_000,
    );
    await page.selectOption('select[aria-label="Status"]', 'replayed');
    await page.waitForSelector('tbody .badge:has-text("replayed")', { timeout: 30_000 });
  }, 150_000);

  it('a viewer sees everything and can change nothing', async () => {
    await page.goto(`${stack.adminUrl}/tokens`);
    await page.fill('#token-name', 'Marketing viewer');
    await page.selectOption('#token-role', 'viewer');
    await page.click('button:has-text("Create token")');
    const viewerToken = (await page.textContent('[data-testid="new-token"]'))!.trim();
    violations.push(...(await look(page, '14-tokens')));
    await page.keyboard.press('Escape');
    await page.click('button:has-text("Sign out")');
    await page.fill('#token', viewerToken);
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('.whoami .badge:has-text("viewer")');

    await page.goto(`${stack.adminUrl}/integrations?tab=library`);
    await page.waitForSelector('.vendor-card');
    expect(await page.locator('a:has-text("Install")').count()).toBe(0);
    await page.goto(`${stack.adminUrl}/integrations/${metaId}?tab=settings`);
    await page.waitForSelector('text=read-only access');
    expect(await page.locator('#set-pixel_id').isDisabled()).toBe(true);
    expect(await page.locator('button:has-text("Save as new revision")').count()).toBe(0);
    await page.click('.tab:has-text("Pipelines")');
    await page.waitForSelector('.assignment');
    expect(await page.locator('.assignment button').count()).toBe(0);
    await page.click('.tab:has-text("Dead letter queue")');
    await page.waitForSelector('[data-testid="dlq-depth"]');
    expect(await page.locator('button:has-text("Replay")').count()).toBe(0);
    await page.goto(`${stack.adminUrl}/integrations/${metaId}/mapping`);
    await page.waitForSelector('[data-testid="coverage"]');
    expect(
      await page.locator('input[aria-label="Source for custom_data.value"]').isDisabled(),
    ).toBe(true);
    expect(await page.locator('button:has-text("Save as new revision")').count()).toBe(0);
    await page.goto(`${stack.adminUrl}/sources`);
    await page.waitForSelector('table');
    expect(await page.locator('button:has-text("Revoke")').count()).toBe(0);
    violations.push(...(await look(page, '15-sources-viewer')));
    await page.goto(`${stack.adminUrl}/pipelines/${stack.demo.pipeline_id}`);
    await page.waitForSelector('text=Parameters');
    expect(await page.locator('button:has-text("Save pipeline")').count()).toBe(0);
    violations.push(...(await look(page, '16-pipeline-viewer')));
    // The API agrees: the same token cannot change anything.
    const refused = await api<{ error: { code: string } }>(
      'POST',
      `/integration-templates/${metaId}/revisions`,
      { config: {} },
      viewerToken,
    );
    expect(refused.error.code).toBe('forbidden');
  }, 90_000);

  it('finds no serious or critical accessibility violation on any main screen', () => {
    expect(violations).toEqual([]);
  });
});
