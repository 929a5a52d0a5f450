/**
 * The collector: the public API (`init`, `page`, `track`, `identify`, `group`, `reset`,
 * `consent`), event building, consent holding, and the short batching window in front of the
 * transport. Every public method is wrapped so that nothing it does can throw into the host page.
 */
import { fromConsentMode, fromTcf, type Consent, type TcData } from './consent.js';
import { links } from './links.js';
import { pageContext } from './context.js';
import { safe } from './safe.js';
import { read, write } from './store.js';
import { BATCH_MAX, createTransport, type Transport } from './transport.js';
import type { CallOptions, InitOptions, Props, WireEvent } from './types.js';

/** The page as the collector sees it, with the CMP globals it may find there. */
export type Host = Window & {
  __tcfapi?: (command: string, version: number, cb: (d: TcData, ok: boolean) => void) => void;
  dataLayer?: ArrayLike<unknown>;
};

/** A call the snippet queued before the script loaded: method, arguments, time (ms). */
export type QueuedCall = [string, unknown[], number?];

/** What the collector needs from outside; all injectable for tests. */
export interface Env {
  now: () => number;
  uuid: () => string;
  /** Library version sent in `context.library`. */
  version: string;
  /** URL of the script itself: the default endpoint is its origin. */
  src?: string;
  /** Calls the snippet queued, replayed in order with their original times. */
  queue?: QueuedCall[];
}

interface Datafly {
  init(options: InitOptions): void;
  page(name?: string | Props, properties?: Props, options?: CallOptions): string;
  track(event: string, properties?: Props, options?: CallOptions): string;
  identify(userId?: string | Props, traits?: Props, options?: CallOptions): string;
  group(groupId: string, traits?: Props, options?: CallOptions): string;
  reset(): void;
  consent(categories: Consent): void;
}

/** Most events held in memory waiting for init or consent. */
export const HELD_MAX = 100;
const USER_KEY = '_df_u';
const CONSENT_KEY = '_df_c';

/**
 * A 128-bit random id in UUID v4 form, from `crypto.getRandomValues` (also on http pages,
 * where `randomUUID` is missing).
 *
 * @example uuid() // → '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'
 */
export function uuid(c: Crypto = crypto): string {
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++)
    s += (i > 3 && i < 11 && !(i & 1) ? '-' : '') + (b[i]! + 256).toString(16).slice(1);
  return s;
}

/**
 * Build the collector for a page.
 *
 * @example
 * const datafly = createCollector(window, { now: Date.now, uuid, version: '1.0.0' });
 * datafly.init({ key: 'dk_live_123', endpoint: 'https://data.example.com' });
 * datafly.track('Signed Up', { plan: 'pro' });
 */
export function createCollector(w: Host, env: Env): Datafly {
  let opts: InitOptions | undefined;
  let tx: Transport | undefined;
  let held: WireEvent[] = [];
  let q: WireEvent[] = [];
  let timer = 0;
  let poll = 0;
  let at = 0;
  let user = read<{ u?: string; g?: string }>(w, USER_KEY) || {};
  let consent = read<Consent>(w, CONSENT_KEY);
  let tcf = false;
  let seen = 0;

  /** Storing ids is fine, except in opt-in mode before any category is granted. */
  const allowed = (): boolean =>
    !opts?.optIn || (!!consent && Object.values(consent).some(Boolean));
  const keepUser = (): void => {
    if (allowed()) write(w, USER_KEY, user);
  };

  function setConsent(c: Consent): void {
    consent = { ...consent, ...c };
    write(w, CONSENT_KEY, consent);
    keepUser();
    release();
  }

  /** Pick up CMP state: subscribe to TCF once it exists; read new Consent Mode commands. */
  function cmp(): void {
    const api = w.__tcfapi;
    if (!tcf && typeof api == 'function') {
      tcf = true;
      api('addEventListener', 2, (d, ok) => {
        const c = ok && fromTcf(d);
        if (c) setConsent(c);
      });
    }
    const dl = w.dataLayer;
    if (dl && dl.length > seen) {
      const c = fromConsentMode([].slice.call(dl, seen));
      seen = dl.length;
      if (c) setConsent(c);
    }
  }

  /** Hand the batching queue to the transport (timer, page hide and listener entry point). */
  const flush = safe((beacon?: boolean): void => {
    w.clearTimeout(timer);
    timer = 0;
    if (tx && q.length) tx.send(q.splice(0), beacon);
  });

  /** Move held events on once init has run and (in opt-in mode) some category is granted. */
  function release(): void {
    if (!opts || !tx) return;
    if (!allowed()) {
      // Waiting for consent; a CMP may answer without any call into us, so look again soon.
      if (held.length && !poll)
        poll = w.setTimeout(
          safe(() => {
            poll = 0;
            cmp();
            release();
          }),
          1e3,
        );
      return;
    }
    for (const e of held) {
      if (consent) e.context.consent = consent;
      q.push(e);
    }
    held = [];
    if (q.length >= BATCH_MAX) flush();
    else if (q.length && !timer) timer = w.setTimeout(() => flush(), opts.wait ?? 200);
  }

  function ev(type: WireEvent['type'], fields: Partial<WireEvent>, o?: CallOptions): string {
    cmp();
    // A JSON round trip: a snapshot the host cannot mutate later, undefined fields gone, and a
    // throw here (inside the guarded call) for properties JSON cannot carry, not later in a timer.
    const e = JSON.parse(
      JSON.stringify({
        type,
        event_id: o?.event_id || env.uuid(),
        user_id: user.u,
        group_id: user.g,
        traits: o?.traits,
        ...fields,
        context: {
          ...pageContext(w, allowed()),
          library: { name: 'datafly.js', version: env.version },
        },
        timestamp: new Date(at || env.now()).toISOString(),
      }),
    ) as WireEvent;
    if (held.push(e) > HELD_MAX) held.shift();
    release();
    return e.event_id;
  }

  const api: Datafly = {
    init(o) {
      if (opts) return;
      const endpoint = (o.endpoint || new URL(env.src || w.location.href).origin).replace(
        /\/+$/,
        '',
      );
      opts = o;
      const t = createTransport(w, { endpoint, key: o.key }, env.now);
      tx = t;
      w.addEventListener('pagehide', () => flush(true));
      w.document.addEventListener(
        'visibilitychange',
        () => w.document.visibilityState == 'hidden' && flush(),
      );
      w.addEventListener(
        'online',
        safe(() => t.drain(true)),
      );
      t.drain();
      if (o.links) links(w, endpoint, o.key, env.now, allowed);
      release();
    },
    page(name, properties, o) {
      if (typeof name == 'object') return api.page(undefined, name, properties);
      return ev('page', { event: name || undefined, properties: properties || undefined }, o);
    },
    track(event, properties, o) {
      return ev('track', { event, properties: properties || undefined }, o);
    },
    identify(userId, traits, o) {
      if (typeof userId == 'object') return api.identify(undefined, userId, traits);
      if (userId) user = { ...user, u: String(userId) };
      keepUser();
      return ev('identify', { traits: traits || undefined }, o);
    },
    group(groupId, traits, o) {
      if (groupId) user = { ...user, g: String(groupId) };
      keepUser();
      return ev('group', { traits: traits || undefined }, o);
    },
    reset() {
      user = {};
      write(w, USER_KEY, user);
    },
    consent(c) {
      setConsent(c);
    },
  };

  // No exception escapes into the host page, whatever the caller passes or the browser does.
  const guarded: Record<string, (...a: unknown[]) => unknown> = {};
  for (const [k, f] of Object.entries(api) as [string, (...a: unknown[]) => unknown][])
    guarded[k] = safe(f);
  for (const call of env.queue || [])
    safe(() => {
      at = call[2] || 0;
      if ({}.hasOwnProperty.call(guarded, call[0])) guarded[call[0]]!(...call[1]);
    })();
  at = 0;
  return guarded as unknown as Datafly;
}
