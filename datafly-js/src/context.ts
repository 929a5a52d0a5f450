/**
 * What the page tells about an event: URL parts, locale, timezone, screen, and the campaign
 * (utm_*) and ad click ids of the landing URL. Campaign and click ids are kept for the browser
 * session (sessionStorage), so a conversion three pages after the ad click still carries them.
 */
import type { Context } from '../../core/event/envelope.js';

/**
 * Click-id query names → envelope names. Mirrors `CLICK_ID_PARAMS` in core/event (a test keeps
 * them equal); copied rather than imported because core's module pulls zod into the bundle.
 */
export const CLICK_IDS: Readonly<Record<string, string>> = {
  gclid: 'gclid',
  gbraid: 'gbraid',
  wbraid: 'wbraid',
  fbclid: 'fbclid',
  ttclid: 'ttclid',
  li_fat_id: 'li_fat_id',
  ScCid: 'sccid',
  sccid: 'sccid',
  epik: 'epik',
  tduid: 'tduid',
  msclkid: 'msclkid',
  twclid: 'twclid',
  rdt_cid: 'rdt_cid',
};

/** utm_* query names → `context.campaign` keys (Segment's spec: utm_campaign is `name`). */
const UTM: Readonly<Record<string, string>> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
  utm_id: 'id',
};

type Pick2 = Pick<Context, 'campaign' | 'click_ids'>;

/**
 * Campaign and click ids found in a query string (`?utm_source=x&gclid=y`); empty groups left out.
 *
 * @example attribution('?utm_source=news&gclid=abc') // → { campaign: { source: 'news' }, click_ids: { gclid: 'abc' } }
 */
export function attribution(search: string): Pick2 {
  const out: Pick2 = {};
  new URLSearchParams(search).forEach((value, name) => {
    const utm = UTM[name];
    const click = CLICK_IDS[name];
    if (utm) (out.campaign ||= {})[utm] = value;
    if (click) (out.click_ids ||= {})[click] = value;
  });
  return out;
}

/**
 * The context of an event on this page: page, locale, timezone, screen, campaign, click ids.
 * The landing URL's attribution is stored in sessionStorage and reused on later pages.
 *
 * @example pageContext(window) // → { page: { url, path, title, referrer, search }, locale: 'en-GB', … }
 */
export function pageContext(w: Window): Context {
  const loc = w.location;
  const d = w.document;
  const s = w.screen;
  let attr = attribution(loc.search);
  try {
    const ss = w.sessionStorage;
    if (attr.campaign || attr.click_ids) ss.setItem('_df_a', JSON.stringify(attr));
    else attr = JSON.parse(ss.getItem('_df_a') || '{}') as Pick2;
  } catch {
    // storage blocked (sandboxed frame, privacy mode): this page's URL is all there is
  }
  return {
    page: { url: loc.href, path: loc.pathname, title: d.title, referrer: d.referrer, search: loc.search },
    locale: w.navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: { width: s.width, height: s.height, density: w.devicePixelRatio },
    ...attr,
  };
}
