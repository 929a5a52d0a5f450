/**
 * A tiny stand-in for the browser window, enough for the collector: location, document,
 * navigator (language, sendBeacon), screen, storage, fetch, window events and a manual clock
 * whose timers run only when a test advances it. Deterministic: no real timers, no globals.
 */
import type { Host } from '../src/collector.js';

export interface SentRequest {
  url: URL;
  body: unknown;
  init?: RequestInit;
  beacon: boolean;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ShimOptions {
  url?: string;
  title?: string;
  referrer?: string;
  language?: string;
  /** Shared storage, to simulate a reload (a new window on the same origin). */
  localStorage?: Storage;
  sessionStorage?: Storage;
  /** Clock start (ms). */
  now?: number;
}

/** A Map-backed Storage; `broken` makes every call throw (Safari private mode, sandboxed frames). */
export function memoryStorage(broken = false): Storage {
  const m = new Map<string, string>();
  const check = (): void => {
    if (broken) throw new DOMException('denied', 'SecurityError');
  };
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (check(), m.get(k) ?? null),
    setItem: (k, v) => (check(), void m.set(k, String(v))),
    removeItem: (k) => (check(), void m.delete(k)),
    clear: () => m.clear(),
  };
}

export interface Shim {
  win: Host;
  sent: SentRequest[];
  /** How fetch answers (default 200); throw for a network error. */
  respond: (req: SentRequest) => FakeResponse;
  beaconAccepts: boolean;
  now: () => number;
  /** Advance the clock, running due timers in order; then let promise callbacks settle. */
  advance: (ms: number) => Promise<void>;
  fire: (type: string, target?: 'window' | 'document', event?: unknown) => void;
  setVisibility: (v: DocumentVisibilityState) => void;
}

/** Let pending promise callbacks (fetch answers) run. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Build a fake window.
 *
 * @example const s = makeShim({ url: 'https://shop.test/?gclid=x' }); createCollector(s.win, { now: s.now, uuid })
 */
export function makeShim(o: ShimOptions = {}): Shim {
  let clock = o.now ?? Date.parse('2026-01-02T03:04:05.000Z');
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const listeners: Record<string, ((e?: unknown) => void)[]> = {};
  let visibility: DocumentVisibilityState = 'visible';
  const loc = new URL(o.url ?? 'https://shop.test/products/1?ref=home');
  const on = (prefix: string) => (type: string, fn: (e?: unknown) => void) =>
    void (listeners[prefix + type] ||= []).push(fn);

  const shim: Shim = {
    sent: [],
    respond: () => ({ status: 200 }),
    beaconAccepts: true,
    now: () => clock,
    win: undefined as unknown as Host,
    async advance(ms) {
      const end = clock + ms;
      for (;;) {
        await settle();
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        clock = Math.max(clock, due[1].at);
        due[1].fn();
      }
      clock = end;
      await settle();
    },
    fire(type, target = 'window', event) {
      for (const fn of listeners[(target === 'window' ? 'w:' : 'd:') + type] ?? []) fn(event);
    },
    setVisibility(v) {
      visibility = v;
      shim.fire('visibilitychange', 'document');
    },
  };
  const record = (
    url: string,
    body: string | undefined,
    beacon: boolean,
    init?: RequestInit,
  ): SentRequest => {
    const req = {
      url: new URL(url),
      body: body === undefined ? null : (JSON.parse(body) as unknown),
      init,
      beacon,
    };
    shim.sent.push(req);
    return req;
  };
  const win = {
    location: { href: loc.href, pathname: loc.pathname, search: loc.search, origin: loc.origin },
    document: {
      title: o.title ?? 'Product 1',
      referrer: o.referrer ?? 'https://search.test/',
      get visibilityState() {
        return visibility;
      },
      addEventListener: on('d:'),
    },
    navigator: {
      language: o.language ?? 'en-GB',
      sendBeacon: (url: string, body: string) => {
        if (shim.beaconAccepts) record(url, body, true);
        return shim.beaconAccepts;
      },
    },
    screen: { width: 1440, height: 900 },
    devicePixelRatio: 2,
    localStorage: o.localStorage ?? memoryStorage(),
    sessionStorage: o.sessionStorage ?? memoryStorage(),
    addEventListener: on('w:'),
    setTimeout: (fn: () => void, ms = 0) => {
      const id = nextId++;
      timers.set(id, { at: clock + ms, fn });
      return id;
    },
    clearTimeout: (id?: number) => void (id !== undefined && timers.delete(id)),
    setInterval: (fn: () => void, ms: number) => {
      const id = nextId++;
      const tick = (): void => {
        timers.set(id, { at: clock + ms, fn: tick });
        fn();
      };
      timers.set(id, { at: clock + ms, fn: tick });
      return id;
    },
    fetch: (url: string, init: RequestInit) => {
      const req = record(url, init.body as string | undefined, false, init);
      try {
        const r = shim.respond(req);
        return Promise.resolve({
          status: r.status,
          headers: new Headers(r.headers),
          json: () => Promise.resolve(r.body ?? {}),
        });
      } catch (e) {
        return Promise.reject(e as Error);
      }
    },
  };
  shim.win = win as unknown as Host;
  return shim;
}
