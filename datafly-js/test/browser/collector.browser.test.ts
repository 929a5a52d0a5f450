// Datafly.js in a real browser (Debian chromium via playwright-core): the snippet on a page
// served locally, the script served by a fake edge that records what arrives.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, until, type Harness } from './harness.js';

const KEY = 'dk_browser_1';
let h: Harness;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  h.requests.length = 0;
  h.accepted.length = 0;
  h.mode = 'ok';
  h.scriptDelay = 0;
  context = await h.browser.newContext();
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterEach(async () => {
  await context.close();
  // Nothing the collector does may surface as an uncaught error or rejection in the host page.
  expect(pageErrors).toEqual([]);
});

const names = () => h.accepted.map((e) => e.event ?? e.type);
const init = (extra = '') => `<script>datafly.init({ key: '${KEY}'${extra} });</script>`;

describe('Datafly.js in chromium', () => {
  it('delivers calls made before the script loaded, in order, as text/plain with no preflight', async () => {
    h.scriptDelay = 300;
    const url = h.page(
      'early',
      `${init()}<script>
      datafly.page(); datafly.track('A', { n: 1 }); datafly.identify('u-1'); datafly.track('B');
      datafly.track('Bad', { n: 10n }); datafly.init(null);
    </script>`,
    );
    await page.goto(url);
    await until(() => h.accepted.length >= 4);
    expect(names()).toEqual(['page', 'A', 'identify', 'B']);
    expect(h.accepted[3]).toMatchObject({ user_id: 'u-1' });
    expect(new Set(h.accepted.map((e) => e.event_id)).size).toBe(4);
    expect(h.requests.map((r) => r.method)).not.toContain('OPTIONS');
    expect(h.requests.every((r) => r.key === KEY && r.contentType?.startsWith('text/plain'))).toBe(
      true,
    );
    expect(
      await page.evaluate(
        () => typeof (window as unknown as { datafly: { track: unknown } }).datafly.track,
      ),
    ).toBe('function');
  });

  it('delivers the last event when the user navigates away at once', async () => {
    await page.goto(h.page('unload', init()));
    await page.evaluate(() => {
      (window as unknown as { datafly: { track: (e: string) => void } }).datafly.track(
        'Last Click',
      );
      document.getElementById('next')!.click();
    });
    await page.waitForURL(`${h.site}/next`);
    await until(() => names().includes('Last Click'));
    expect(names()).toEqual(['Last Click']);
  });

  it('keeps events while offline and delivers each exactly once after reconnecting', async () => {
    await page.goto(h.page('offline', init()));
    await context.setOffline(true);
    await page.evaluate(() => {
      const d = (window as unknown as { datafly: { track: (e: string) => void } }).datafly;
      d.track('Offline 1');
      d.track('Offline 2');
    });
    await until(() => h.accepted.length > 0, 800);
    expect(h.accepted).toHaveLength(0);
    const stored = await page.evaluate(() => localStorage.getItem('_df_q'));
    expect(stored).toContain('Offline 2');
    await context.setOffline(false);
    await until(() => h.accepted.length >= 2);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(names()).toEqual(['Offline 1', 'Offline 2']);
  });

  it('keeps events the edge refused with 503 across a reload and sends them once it recovers', async () => {
    h.mode = 503;
    await page.goto(h.page('reload', init()));
    await page.evaluate(() =>
      (window as unknown as { datafly: { track: (e: string) => void } }).datafly.track('Survivor'),
    );
    await until(() => h.requests.some((r) => r.method === 'POST'));
    await page.reload();
    h.mode = 'ok';
    await until(() => h.accepted.length >= 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(names()).toEqual(['Survivor']);
  });

  it('in opt-in mode holds events until consent, then releases them with context.consent', async () => {
    await page.goto(
      h.page(
        'consent',
        `${init(', optIn: true')}<script>datafly.page(); datafly.track('Viewed');</script>`,
      ),
    );
    await until(() => h.requests.length > 0, 600);
    expect(h.requests).toHaveLength(0);
    await page.evaluate(() =>
      (window as unknown as { datafly: { consent: (c: object) => void } }).datafly.consent({
        analytics: true,
        marketing: false,
      }),
    );
    await until(() => h.accepted.length >= 2);
    expect(h.accepted.map((e) => [e.event ?? e.type, e.context.consent])).toEqual([
      ['page', { analytics: true, marketing: false }],
      ['Viewed', { analytics: true, marketing: false }],
    ]);
  });

  it('sends the httpOnly cookie the edge set on the next request, without reading it', async () => {
    await page.goto(h.page('cookie', `${init()}<script>datafly.page();</script>`));
    await until(() => h.accepted.length >= 1);
    expect(h.requests[0]!.cookie ?? '').not.toContain('_dfid');
    await page.evaluate(() =>
      (window as unknown as { datafly: { track: (e: string) => void } }).datafly.track('Second'),
    );
    await until(() => h.accepted.length >= 2);
    expect(h.requests[1]!.cookie).toContain('_dfid=df-1');
    expect(await page.evaluate(() => document.cookie)).not.toContain('_dfid');
  });
});
