/**
 * Serves the Management UI's build (`admin/ui/dist`, made by `npm run build`) at `/`: files as
 * they are (hashed assets cached for a year), and `index.html` for every other GET outside the
 * API so client-side routes load on refresh. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export const UI_DIST_DIR = fileURLToPath(new URL('./ui/dist', import.meta.url));

/** @example app.route('/', managementUi()); // after the API routes */
export function managementUi(distDir: string = UI_DIST_DIR): Hono {
  const ui = new Hono();
  ui.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200)
      c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
  });
  ui.use('*', serveStatic({ root: distDir }));
  ui.get('*', async (c) => {
    if (c.req.path.startsWith('/v1/') || c.req.path.startsWith('/assets/')) return c.notFound();
    const index = join(distDir, 'index.html');
    if (!existsSync(index))
      return c.text('The Management UI is not built: run `npm run build`, then restart.', 503);
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  });
  return ui;
}
