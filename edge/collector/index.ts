/**
 * Datafly.js served first-party by the edge, from the customer's own subdomain:
 * - `GET /d.js`: the current script, cached briefly (5 min, then revalidated by ETag; a stale
 *   copy may serve for a day while revalidating), so a release reaches sites quickly;
 * - `GET /d.<hash>.js`: the same bytes under their content hash, cached for a year
 *   (`immutable`); an old hash redirects to `/d.js`;
 * - `GET /d/snippet`: the copy-paste snippet for this origin (`?k=dk_…` fills in the key).
 * The script itself is compiled in (script.generated.ts, written by `npm run build`).
 */
import { Hono, type Context } from 'hono';
import { LOADER, SCRIPT, SCRIPT_HASH, VERSION } from './script.generated.js';

const ETAG = `"${SCRIPT_HASH}"`;
const SHORT = 'public, max-age=300, stale-while-revalidate=86400';
const LONG = 'public, max-age=31536000, immutable';

const OLD_VERSION = /^\/d\.[0-9a-f]+\.js$/;

/** The versioned path of the current script. */
export const SCRIPT_PATH = `/d.${SCRIPT_HASH}.js`;

/**
 * The HTML snippet a site pastes into its `<head>`: the loader plus the init call.
 *
 * @example snippet('https://data.example.com', 'dk_live_123') // → '<script>…datafly.init({key:"dk_live_123",…});datafly.page();</script>'
 */
export function snippet(origin: string, key: string): string {
  const loader = LOADER.replace('%DATAFLY_SRC%', `${origin}/d.js`);
  const init = `datafly.init(${JSON.stringify({ key, endpoint: origin })});datafly.page();`;
  return `<script>${loader}\n${init}</script>`;
}

function script(c: Context, cacheControl: string): Response {
  const headers = {
    'Cache-Control': cacheControl,
    ETag: ETAG,
    'X-Datafly-Version': VERSION,
    'X-Content-Type-Options': 'nosniff',
    // A public script: loadable from pages with COEP and with `crossorigin` + SRI on /d.<hash>.js.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
  };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === ETAG)) {
    return c.body(null, 304, headers);
  }
  return c.body(SCRIPT, 200, {
    ...headers,
    'Content-Type': 'application/javascript; charset=utf-8',
  });
}

/** The route group; the edge mounts it with `app.route('/', collector)`. */
export const collector = new Hono();

collector.get('/d.js', (c) => script(c, SHORT));
collector.get(SCRIPT_PATH, (c) => script(c, LONG));
collector.get('/d/snippet', (c) => {
  const key = (c.req.query('k') || 'dk_YOUR_KEY').replace(/[^\w-]/g, '').slice(0, 200);
  return c.text(snippet(new URL(c.req.url).origin, key), 200, { 'Cache-Control': 'no-store' });
});

// An older version's path goes to the current script. Matched here, last, rather than by a
// `/:file{…}` route: a parameter at the root is a pattern Hono's RegExpRouter refuses, and one
// such route makes the whole edge app fall back to the slower TrieRouter on every request.
collector.get('/*', (c) =>
  OLD_VERSION.test(c.req.path) ? c.redirect('/d.js', 302) : c.notFound(),
);
