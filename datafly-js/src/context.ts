/**
 * What the page tells about an event: URL parts, locale, timezone, screen, and the campaign
 * (utm_*) and ad click ids of the landing URL. Campaign and click ids are kept for the browser
 * session (sessionStorage), so a conversion three pages after the ad click still carries them.
 */
import type { Context } from '../../core/event/envelope.js';

/**
 * The click-id query names the envelope knows; the envelope name is the lower-cased query name
 * (`ScCid` → `sccid`). Mirrors `CLICK_ID_PARAMS` in core/event (a test keeps them equal), copied
 * rather than imported because core's module pulls zod into the bundle.
 */
export const CLICK_IDS =
  'gclid gbraid wbraid fbclid ttclid li_fat_id ScCid sccid epik tduid msclkid twclid rdt_cid'.split(
    ' ',
  );

type Pick2 = Pick<Context, 'campaign' | 'click_ids'>;

/**
 * Campaign and click ids found in a query string (`?utm_source=x&gclid=y`); empty groups left out.
 *
 * @example attribution('?utm_source=news&gclid=abc') // → { campaign: { source: 'news' }, click_ids: { gclid: 'abc' } }
 */
export function attribution(search: string): Pick2 {
  const out: Pick2 = {};
  new URLSearchParams(search).forEach((value, name) => {
    // utm_* → campaign by Segment's names (utm_campaign is `name`), as the edge does.
    if (name.startsWith('utm_'))
      (out.campaign ||= {})[name == 'utm_campaign' ? 'name' : name.slice(4)] = value;
    if (CLICK_IDS.includes(name)) (out.click_ids ||= {})[name.toLowerCase()] = value;
  });
  return out;
}

/**
 * The context of an event on this page: page, locale, timezone, screen, campaign, click ids.
 * The landing URL's attribution is stored in sessionStorage (when `persist`) and reused on later pages.
 *
 * @example pageContext(window) // → { page: { url, path, title, referrer, search }, locale: 'en-GB', … }
 */
export function pageContext(w: Window, persist = true): Context {
  const loc = w.location;
  const d = w.document;
  const s = w.screen;
  let attr = attribution(loc.search);
  try {
    const ss = w.sessionStorage;
    if (attr.campaign || attr.click_ids) {
      if (persist) ss.setItem('_df_a', JSON.stringify(attr));
    } else attr = JSON.parse(ss.getItem('_df_a') || '{}') as Pick2;
  } catch {
    // storage blocked (sandboxed frame, privacy mode): this page's URL is all there is
  }
  return {
    page: {
      url: loc.href,
      path: loc.pathname,
      title: d.title,
      referrer: d.referrer,
      search: loc.search,
    },
    locale: w.navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: { width: s.width, height: s.height, density: w.devicePixelRatio },
    ...attr,
  };
}
