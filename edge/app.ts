/**
 * The edge Worker as a Hono app: one setup middleware (deps, request facts, click ids, bridge
 * client, and the answer to Segment's form of a call), one route group per ingestion method,
 * and the single error mapping — every `DataflyError` becomes
 * `{ "error": { code, message, field } }` with its status (or the pixel GIF with that status),
 * `Retry-After` when the error says when to retry.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DataflyError, toDataflyError } from '../core/errors/index.js';
import { discardBody } from './middleware/body/index.js';
import { requestFacts } from './middleware/enrich/index.js';
import { bridgeForApp } from './middleware/forward/index.js';
import { batch } from './routes/batch/index.js';
import { browser } from './routes/browser/index.js';
import { link } from './routes/link/index.js';
import { pixel } from './routes/pixel/index.js';
import { segment, segmentCall } from './routes/segment/index.js';
import { gifResponse } from './routes/pixel/gif.js';
import { server } from './routes/server/index.js';
import { webhook } from './routes/webhook/index.js';
import { defaultDeps, type EdgeDeps, type EdgeEnv } from './types.js';

function asDataflyError(err: unknown): DataflyError {
  if (err instanceof HTTPException && err.status < 500)
    return new DataflyError('invalid_request', err.message || 'bad request');
  return toDataflyError(err);
}

/**
 * Build the edge app. Production uses the defaults; tests inject a clock, ids and a bridge.
 *
 * @example export default createEdgeApp()
 * @example const app = createEdgeApp({ now: () => 1767225600000, fetch: bridgeDouble.fetch })
 */
export function createEdgeApp(overrides: Partial<EdgeDeps> = {}): Hono<EdgeEnv> {
  const deps: EdgeDeps = { ...defaultDeps, ...overrides };
  const app = new Hono<EdgeEnv>();

  const bridge = bridgeForApp();
  // One middleware rather than one per step: each layer costs the chain a promise and a
  // suspended frame per request, measurable on the edge's hot path (bench/edge.bench.ts).
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('format', 'json');
    if (c.req.path.startsWith('/v1/')) {
      c.set('request', requestFacts(c));
      bridge.attach(c);
      c.header('cache-control', 'no-store');
      // Segment's form of a call is answered here; Datafly's form goes on to its route.
      const answer = segmentCall(c);
      if (answer) return answer;
    }
    await next();
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  // Segment's settings paths; its calls are answered by the setup middleware above.
  app.route('/', segment);
  app.route('/', browser);
  app.route('/', link);
  app.route('/', server);
  app.route('/', batch);
  app.route('/', pixel);
  app.route('/', webhook);

  app.notFound(() => {
    throw new DataflyError('not_found', 'no such endpoint');
  });

  app.onError(async (err, c) => {
    const e = asDataflyError(err);
    await discardBody(c.req.raw);
    if (e.code === 'internal')
      console.error(
        'edge: unexpected error',
        err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown',
      );
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (e.retryAfter !== undefined) headers['retry-after'] = String(e.retryAfter);
    if (c.get('format') === 'gif') return gifResponse(e.status, headers);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json(e.toJSON(), e.status as 400);
  });

  return app;
}
