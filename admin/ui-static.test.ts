import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managementUi } from './ui-static.js';

describe('the Management UI static files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ui-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>UI</title>');
    await writeFile(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.each([
    { name: 'the root is the app', path: '/', status: 200, body: '<title>UI</title>' },
    {
      name: 'a client-side route loads the app on refresh',
      path: '/integrations/tmpl_1/mapping',
      status: 200,
      body: '<title>UI</title>',
    },
    {
      name: 'a hashed asset is served',
      path: '/assets/main-abc123.js',
      status: 200,
      body: 'console.log(1)',
    },
    { name: 'a missing asset is a 404, not the app', path: '/assets/gone.js', status: 404 },
    { name: 'an API path is never answered with the app', path: '/v1/admin/nothing', status: 404 },
  ])('$name', async ({ path, status, body }) => {
    const res = await managementUi(dir).request(path);
    expect(res.status).toBe(status);
    if (body) expect(await res.text()).toContain(body);
  });

  it('caches hashed assets for a year and revalidates the page', async () => {
    const ui = managementUi(dir);
    expect((await ui.request('/assets/main-abc123.js')).headers.get('cache-control')).toContain(
      'immutable',
    );
    expect((await ui.request('/pipelines')).headers.get('cache-control')).toBe('no-cache');
  });

  it('says how to build the UI when there is no build', async () => {
    const res = await managementUi(join(dir, 'missing')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
