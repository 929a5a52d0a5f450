/**
 * Real-browser harness: Debian's chromium driven by playwright-core, a local site serving pages
 * that embed the snippet, and a fake edge that serves /d.js (first-party, as the real edge does),
 * records every request, answers like the edge (CORS with credentials, the httpOnly `_dfid`
 * cookie) and can be told to fail. Both servers listen on port 0 on `localhost`, so they are
 * cross-origin but same-site, like www.example.com and data.example.com.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { buildCollector } from '../../build.mjs';
import { testServices } from '../../../core/testkit/config.js';

export const CHROMIUM = testServices.chromiumPath;

export interface EdgeRequest {
  method: string;
  path: string;
  key: string | null;
  contentType: string | undefined;
  cookie: string | undefined;
  body: unknown;
}

export interface EdgeEvent {
  type: string;
  event?: string;
  event_id: string;
  user_id?: string;
  context: { consent?: Record<string, boolean> };
}

export interface Harness {
  browser: Browser;
  site: string;
  edge: string;
  requests: EdgeRequest[];
  /** Every event the edge accepted, in arrival order. */
  accepted: EdgeEvent[];
  /** `ok`, or a status the edge answers (with Retry-After: 1) for event posts. */
  mode: 'ok' | 503;
  /** Delay before /d.js is served (to let the page queue calls first). */
  scriptDelay: number;
  /** Register a page body (HTML after the snippet) under /p/<name>. */
  page(name: string, headHtml: string): string;
  close(): Promise<void>;
}

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Start the browser and both servers.
 *
 * @example
 * const h = await startHarness();
 * const p = await (await h.browser.newContext()).newPage();
 * await p.goto(h.page('x', '<script>datafly.page()</script>'));
 */
export async function startHarness(): Promise<Harness> {
  const built = await buildCollector();
  const pages = new Map<string, string>();
  let edgeOrigin = '';

  const site = await listen((req, res) => {
    const name = (req.url ?? '').replace(/^\/p\//, '').replace(/\?.*$/, '');
    const head = pages.get(name);
    if (head === undefined) {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><title>next</title><p>another page</p>');
      return;
    }
    const loader = built.loader.replace('%DATAFLY_SRC%', `${edgeOrigin}/d.js`);
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(
        `<!doctype html><html><head><title>${name}</title><script>${loader}</script>${head}</head><body><a id="next" href="/next">next</a></body></html>`,
      );
  });

  const h: Harness = {
    browser: undefined as unknown as Browser,
    site: site.origin,
    edge: '',
    requests: [],
    accepted: [],
    mode: 'ok',
    scriptDelay: 0,
    page(name, head) {
      pages.set(name, head);
      return `${site.origin}/p/${name}`;
    },
    async close() {
      await h.browser.close();
      await Promise.all([site.server, edge.server].map((s) => new Promise((r) => s.close(r))));
    },
  };

  const edge = await listen((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://edge');
      const cors = {
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'Retry-After',
        Vary: 'Origin',
      };
      if (url.pathname === '/d.js') {
        await new Promise((r) => setTimeout(r, h.scriptDelay));
        res.writeHead(200, { 'Content-Type': 'application/javascript' }).end(built.script);
        return;
      }
      const text = await readBody(req);
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      h.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        key: url.searchParams.get('k'),
        contentType: req.headers['content-type'],
        cookie: req.headers.cookie,
        body,
      });
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            ...cors,
            'Access-Control-Allow-Methods': 'POST',
            'Access-Control-Allow-Headers': 'Content-Type',
          })
          .end();
        return;
      }
      if (h.mode !== 'ok') {
        res
          .writeHead(h.mode, { ...cors, 'Retry-After': '1', 'Content-Type': 'application/json' })
          .end('{"error":{"code":"bridge_unavailable"}}');
        return;
      }
      const b = body as { batch?: EdgeEvent[] } & EdgeEvent;
      h.accepted.push(...(b.batch ?? [b]));
      const cookies = /(?:^|;\s*)_dfid=/.test(req.headers.cookie ?? '')
        ? {}
        : {
            'Set-Cookie': `_dfid=df-${h.requests.length}; Path=/; HttpOnly; SameSite=Lax; Max-Age=63072000`,
          };
      res
        .writeHead(200, { ...cors, ...cookies, 'Content-Type': 'application/json' })
        .end('{"ok":true}');
    })();
  });
  edgeOrigin = edge.origin;
  h.edge = edge.origin;
  h.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return h;
}

/** Poll until `check` holds (or give up after `ms`), for conditions a real browser reaches in its own time. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}
