/**
 * Cross-domain links (docs/identity.md): with `init({ links: true })` the collector asks the
 * edge for link tokens (`GET /v1/link`, one per organisation domain, valid two minutes, fetched
 * again every 90 s; the token this page arrived with goes along, as this may be the visitor's
 * first request to this domain's edge) and adds `_dfl=<token>` to a link to one of those hosts as it is clicked, so
 * the other domain's edge keeps the same visitor. Nothing is decorated while tokens are stale or
 * while `ok()` (consent) says no.
 */
import type { Host } from './collector.js';

/** @example links(window, 'https://data.shop.example', 'dk_…', Date.now, () => true) */
export function links(
  w: Host,
  endpoint: string,
  key: string,
  now: () => number,
  ok: () => boolean,
): void {
  let t: Record<string, string> = {};
  let at = 0;
  const load = (): void => {
    if (ok())
      w.fetch(
        `${endpoint}/v1/link?k=${key}&l=${encodeURIComponent(new URLSearchParams(w.location.search).get('_dfl') || '')}`,
        { credentials: 'include' },
      )
        .then((r) => r.json() as Promise<{ t?: Record<string, string> }>)
        .then(
          (b) => {
            t = b.t || {};
            at = now();
          },
          () => 0,
        );
  };
  load();
  w.setInterval(load, 9e4);
  const decorate = (e: Event): void => {
    const a = (e.target as Element | null)?.closest?.('a');
    const token = a && ok() && now() - at < 11e4 && t[a.hostname];
    if (token) {
      const u = new URL(a.href);
      u.searchParams.set('_dfl', token);
      a.href = u.href;
    }
  };
  w.document.addEventListener('click', decorate, true);
  w.document.addEventListener('auxclick', decorate, true);
}
