// The collector's behaviour on a fake window (test/shim.ts): what it sends, when, and where.
import { describe, expect, it } from 'vitest';
import { EventInput } from '../../core/event/envelope.js';
import { createCollector, HELD_MAX, type Env, type QueuedCall } from '../src/collector.js';
import { BATCH_MAX, OUTBOX_KEY, OUTBOX_MAX, type Outbox } from '../src/transport.js';
import type { WireEvent } from '../src/types.js';
import { makeShim, memoryStorage, type SentRequest, type Shim, type ShimOptions } from './shim.js';

const KEY = 'dk_test_123';
const ENDPOINT = 'https://data.shop.test';

function setup(o: ShimOptions & { queue?: QueuedCall[]; env?: Partial<Env> } = {}) {
  const shim = makeShim(o);
  let n = 0;
  const datafly = createCollector(shim.win, {
    now: shim.now,
    uuid: () => `id-${++n}`,
    version: '9.9.9',
    queue: o.queue,
    ...o.env,
  });
  return { shim, datafly };
}

/** The events of a request, whether single or batch. */
const events = (r: SentRequest): WireEvent[] => {
  const b = r.body as { batch?: WireEvent[] } & WireEvent;
  return b.batch ?? [b];
};
const all = (s: Shim): WireEvent[] => s.sent.flatMap(events);
const outbox = (s: Shim): Outbox | null =>
  JSON.parse(s.win.localStorage.getItem(OUTBOX_KEY) ?? 'null') as Outbox | null;

describe('sending', () => {
  it('sends one event to its own endpoint with every canonical field, as a text body with cookies and keepalive', async () => {
    const { shim, datafly } = setup({ url: 'https://shop.test/p/1?utm_source=news&gclid=G1' });
    datafly.init({ key: KEY, endpoint: `${ENDPOINT}/` });
    const id = datafly.track('Added to Cart', { sku: 'A1', price: 9.5 });
    expect(shim.sent).toHaveLength(0);
    await shim.advance(200);
    expect(shim.sent).toHaveLength(1);
    const [req] = shim.sent as [SentRequest];
    expect(req.url.href).toBe(`${ENDPOINT}/v1/t?k=${KEY}`);
    expect(req.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'include' });
    expect(typeof req.init?.body).toBe('string');
    expect(req.init?.headers).toBeUndefined();
    expect(req.body).toEqual({
      type: 'track',
      event: 'Added to Cart',
      event_id: id,
      properties: { sku: 'A1', price: 9.5 },
      context: {
        page: {
          url: 'https://shop.test/p/1?utm_source=news&gclid=G1',
          path: '/p/1',
          title: 'Product 1',
          referrer: 'https://search.test/',
          search: '?utm_source=news&gclid=G1',
        },
        locale: 'en-GB',
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        screen: { width: 1440, height: 900, density: 2 },
        campaign: { source: 'news' },
        click_ids: { gclid: 'G1' },
        library: { name: 'datafly.js', version: '9.9.9' },
      },
      timestamp: '2026-01-02T03:04:05.000Z',
      sent_at: '2026-01-02T03:04:05.200Z',
    });
    expect(EventInput.safeParse(req.body).success).toBe(true);
  });

  const calls = [
    {
      name: 'page with a name and properties is a page event named by `event`',
      call: (d: ReturnType<typeof setup>['datafly']) => d.page('Pricing', { plan: 'pro' }),
      path: '/v1/p',
      expected: { type: 'page', event: 'Pricing', properties: { plan: 'pro' } },
    },
    {
      name: 'page with only properties has no name',
      call: (d: ReturnType<typeof setup>['datafly']) => d.page({ section: 'docs' }),
      path: '/v1/p',
      expected: { type: 'page', properties: { section: 'docs' } },
    },
    {
      name: 'identify sets the user id and sends the traits',
      call: (d: ReturnType<typeof setup>['datafly']) => d.identify('u-42', { email: 'a@b.test' }),
      path: '/v1/i',
      expected: { type: 'identify', user_id: 'u-42', traits: { email: 'a@b.test' } },
    },
    {
      name: 'identify with traits only keeps the (absent) user id',
      call: (d: ReturnType<typeof setup>['datafly']) => d.identify({ plan: 'free' }),
      path: '/v1/i',
      expected: { type: 'identify', traits: { plan: 'free' } },
    },
    {
      name: 'group sets the group id',
      call: (d: ReturnType<typeof setup>['datafly']) => d.group('acme', { seats: 10 }),
      path: '/v1/g',
      expected: { type: 'group', group_id: 'acme', traits: { seats: 10 } },
    },
    {
      name: 'null properties are left out rather than sent as null (which the edge refuses)',
      call: (d: ReturnType<typeof setup>['datafly']) => d.track('Nothing', null as never),
      path: '/v1/t',
      expected: { type: 'track', event: 'Nothing' },
      absent: 'properties',
    },
    {
      name: 'null traits are left out likewise',
      call: (d: ReturnType<typeof setup>['datafly']) => d.identify('u-9', null as never),
      path: '/v1/i',
      expected: { type: 'identify', user_id: 'u-9' },
      absent: 'traits',
    },
    {
      name: 'group without an id keeps no "undefined" group id (the edge then refuses the event)',
      call: (d: ReturnType<typeof setup>['datafly']) => d.group(undefined as never),
      path: '/v1/g',
      expected: { type: 'group' },
      absent: 'group_id',
      valid: false,
    },
    {
      name: 'an event id chosen by the caller (shared with a pixel) is kept',
      call: (d: ReturnType<typeof setup>['datafly']) =>
        d.track('Purchase', undefined, { event_id: 'evt-pixel-1' }),
      path: '/v1/t',
      expected: { type: 'track', event: 'Purchase', event_id: 'evt-pixel-1' },
    },
    {
      name: 'traits given with one track call travel with that event (the buyer on a purchase)',
      call: (d: ReturnType<typeof setup>['datafly']) =>
        d.track('Order Completed', { value: 5 }, { traits: { email: 'a@b.co' } }),
      path: '/v1/t',
      expected: {
        type: 'track',
        event: 'Order Completed',
        properties: { value: 5 },
        traits: { email: 'a@b.co' },
      },
    },
  ];
  it.each(calls)('$name', async ({ call, path, expected, absent, valid }) => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    const id = call(datafly);
    await shim.advance(200);
    const [req] = shim.sent as [SentRequest];
    expect(req.url.pathname).toBe(path);
    expect(req.body).toMatchObject({ event_id: id, ...expected });
    if (absent) expect(req.body).not.toHaveProperty(absent);
    expect(EventInput.safeParse(req.body).success).toBe(valid ?? true);
  });

  it('batches events of the short window into one /v1/batch request, in call order', async () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT, wait: 50 });
    datafly.page();
    await shim.advance(20);
    datafly.track('A');
    datafly.track('B');
    await shim.advance(30);
    expect(shim.sent).toHaveLength(1);
    expect(shim.sent[0]!.url.pathname).toBe('/v1/batch');
    expect(shim.sent[0]!.url.searchParams.get('k')).toBe(KEY);
    expect(all(shim).map((e) => e.event ?? e.type)).toEqual(['page', 'A', 'B']);
  });

  it('sends at once when a batch is full', () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    for (let i = 0; i < BATCH_MAX; i++) datafly.track(`e${i}`);
    expect(shim.sent).toHaveLength(1);
    expect(events(shim.sent[0]!)).toHaveLength(BATCH_MAX);
  });

  it('defaults the endpoint to the origin the script was loaded from', async () => {
    const { shim, datafly } = setup({ env: { src: 'https://data.shop.test/d.js' } });
    datafly.init({ key: KEY });
    datafly.track('X');
    await shim.advance(200);
    expect(shim.sent[0]!.url.origin).toBe('https://data.shop.test');
  });

  it('replays calls queued by the snippet in order, with the times they were made', async () => {
    const t0 = Date.parse('2026-01-02T03:00:00Z');
    const { shim } = setup({
      queue: [
        ['track', ['Before Init'], t0],
        ['init', [{ key: KEY, endpoint: ENDPOINT }], t0 + 1],
        ['page', [], t0 + 2],
        ['noSuchMethod', [], t0 + 3],
        ['identify', ['u-1'], t0 + 4],
      ],
    });
    await shim.advance(200);
    expect(all(shim).map((e) => [e.type, e.timestamp])).toEqual([
      ['track', '2026-01-02T03:00:00.000Z'],
      ['page', '2026-01-02T03:00:00.002Z'],
      ['identify', '2026-01-02T03:00:00.004Z'],
    ]);
  });

  it('takes a snapshot of properties: later changes by the page do not leak into the sent event', async () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    const props = { items: ['a'] };
    datafly.track('Cart', props);
    props.items.push('b');
    await shim.advance(200);
    expect(all(shim)[0]!.properties).toEqual({ items: ['a'] });
  });
});

describe('identity', () => {
  it('keeps user and group ids across a reload until reset', async () => {
    const localStorage = memoryStorage();
    const first = setup({ localStorage });
    first.datafly.init({ key: KEY, endpoint: ENDPOINT });
    first.datafly.identify('u-7');
    first.datafly.group('g-1');
    const second = setup({ localStorage });
    second.datafly.init({ key: KEY, endpoint: ENDPOINT });
    second.datafly.track('Seen');
    second.datafly.reset();
    second.datafly.track('After Reset');
    await second.shim.advance(200);
    const [seen, after] = all(second.shim);
    expect(seen).toMatchObject({ user_id: 'u-7', group_id: 'g-1' });
    expect(after).not.toHaveProperty('user_id');
    expect(after).not.toHaveProperty('group_id');
  });

  it('keeps the landing page campaign and click ids for later pages of the session', async () => {
    const sessionStorage = memoryStorage();
    setup({
      url: 'https://shop.test/?utm_campaign=spring&fbclid=F1',
      sessionStorage,
    }).datafly.page();
    const later = setup({ url: 'https://shop.test/checkout', sessionStorage });
    later.datafly.init({ key: KEY, endpoint: ENDPOINT });
    later.datafly.track('Purchase');
    await later.shim.advance(200);
    expect(all(later.shim)[0]!.context).toMatchObject({
      campaign: { name: 'spring' },
      click_ids: { fbclid: 'F1' },
    });
  });
});

describe('consent', () => {
  it('stores consent and sends it in context.consent, merged per category', async () => {
    const localStorage = memoryStorage();
    const { shim, datafly } = setup({ localStorage });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.consent({ analytics: true, marketing: false });
    datafly.consent({ marketing: true });
    datafly.track('A');
    await shim.advance(200);
    expect(all(shim)[0]!.context.consent).toEqual({ analytics: true, marketing: true });
    const reloaded = setup({ localStorage });
    reloaded.datafly.init({ key: KEY, endpoint: ENDPOINT });
    reloaded.datafly.track('B');
    await reloaded.shim.advance(200);
    expect(all(reloaded.shim)[0]!.context.consent).toEqual({ analytics: true, marketing: true });
  });

  it('in opt-in mode holds events until a category is granted, then sends them in order with that consent', async () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT, optIn: true });
    datafly.page();
    datafly.track('A');
    await shim.advance(5_000);
    expect(shim.sent).toHaveLength(0);
    datafly.consent({ analytics: false });
    await shim.advance(5_000);
    expect(shim.sent).toHaveLength(0);
    datafly.consent({ analytics: true });
    await shim.advance(200);
    expect(all(shim).map((e) => [e.event ?? e.type, e.context.consent])).toEqual([
      ['page', { analytics: true }],
      ['A', { analytics: true }],
    ]);
  });

  it('in opt-in mode stores no ids before consent (only the consent record), and keeps them once granted', async () => {
    const { shim, datafly } = setup({ url: 'https://shop.test/?gclid=G9' });
    datafly.init({ key: KEY, endpoint: ENDPOINT, optIn: true });
    datafly.identify('u-5');
    datafly.page();
    datafly.consent({ marketing: false });
    const stored = () => [
      shim.win.localStorage.getItem('_df_u'),
      shim.win.sessionStorage.getItem('_df_a'),
      shim.win.localStorage.getItem(OUTBOX_KEY),
    ];
    expect(stored()).toEqual([null, null, null]);
    expect(shim.win.localStorage.getItem('_df_c')).toBe('{"marketing":false}');
    datafly.consent({ analytics: true });
    datafly.track('After');
    await shim.advance(200);
    expect(JSON.parse(shim.win.localStorage.getItem('_df_u')!)).toEqual({ u: 'u-5' });
    expect(JSON.parse(shim.win.sessionStorage.getItem('_df_a')!)).toEqual({
      click_ids: { gclid: 'G9' },
    });
    expect(all(shim).map((e) => [e.type, e.user_id])).toEqual([
      ['identify', 'u-5'],
      ['page', 'u-5'],
      ['track', 'u-5'],
    ]);
  });

  it(`in opt-in mode holds at most ${HELD_MAX} events, dropping the oldest`, async () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT, optIn: true });
    for (let i = 0; i <= HELD_MAX; i++) datafly.track(`e${i}`);
    datafly.consent({ analytics: true });
    await shim.advance(200);
    const sent = all(shim);
    expect(sent).toHaveLength(HELD_MAX);
    expect(sent[0]!.event).toBe('e1');
  });

  it('subscribes to IAB TCF and releases held events when the user accepts in the CMP', async () => {
    const { shim, datafly } = setup();
    let listener: ((d: object, ok: boolean) => void) | undefined;
    shim.win.__tcfapi = (cmd, _v, cb) => {
      if (cmd === 'addEventListener') listener = cb as typeof listener;
    };
    datafly.init({ key: KEY, endpoint: ENDPOINT, optIn: true });
    datafly.page();
    listener!({ eventStatus: 'cmpuishown', gdprApplies: true }, true);
    await shim.advance(500);
    expect(shim.sent).toHaveLength(0);
    listener!(
      {
        eventStatus: 'useractioncomplete',
        gdprApplies: true,
        purpose: { consents: { 1: true, 8: true } },
      },
      true,
    );
    await shim.advance(200);
    expect(all(shim)[0]!.context.consent).toEqual({ analytics: true, marketing: false });
  });

  it('reads Google Consent Mode commands from dataLayer, also ones pushed while events wait', async () => {
    const { shim, datafly } = setup();
    const dataLayer: unknown[] = [
      ['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' }],
    ];
    shim.win.dataLayer = dataLayer;
    datafly.init({ key: KEY, endpoint: ENDPOINT, optIn: true });
    datafly.page();
    await shim.advance(2_000);
    expect(shim.sent).toHaveLength(0);
    dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }]);
    await shim.advance(1_200);
    expect(all(shim)[0]!.context.consent).toEqual({ analytics: true, marketing: false });
  });
});

describe('delivery under failure', () => {
  it('keeps events refused with 503 in the localStorage outbox, honours Retry-After, and sends them once after a reload', async () => {
    const localStorage = memoryStorage();
    const first = setup({ localStorage });
    first.shim.respond = () => ({ status: 503, headers: { 'Retry-After': '30' } });
    first.datafly.init({ key: KEY, endpoint: ENDPOINT });
    first.datafly.track('A');
    await first.shim.advance(200);
    first.datafly.track('B');
    await first.shim.advance(200);
    expect(first.shim.sent).toHaveLength(1);
    expect(outbox(first.shim)).toMatchObject({ f: 1, u: first.shim.now() - 400 + 30_200, r: 1 });
    expect(outbox(first.shim)!.q.map((e) => e.event)).toEqual(['A', 'B']);

    const second = setup({ localStorage, now: first.shim.now() + 10_000 });
    second.datafly.init({ key: KEY, endpoint: ENDPOINT });
    second.shim.fire('online');
    await second.shim.advance(19_000);
    expect(second.shim.sent).toHaveLength(0);
    await second.shim.advance(2_000);
    expect(all(second.shim).map((e) => e.event)).toEqual(['A', 'B']);
    await second.shim.advance(600_000);
    expect(all(second.shim)).toHaveLength(2);
    expect(outbox(second.shim)).toEqual({ q: [], f: 0, u: 0 });
  });

  it('retries network errors with growing backoff, and at once when the browser comes back online', async () => {
    const { shim, datafly } = setup();
    let online = false;
    shim.respond = () => {
      if (!online) throw new TypeError('Failed to fetch');
      return { status: 200 };
    };
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('A');
    await shim.advance(200);
    await shim.advance(1_300);
    expect(shim.sent).toHaveLength(2);
    expect(outbox(shim)!.f).toBe(2);
    datafly.track('B');
    await shim.advance(200);
    expect(shim.sent).toHaveLength(2);
    online = true;
    shim.fire('online');
    await shim.advance(0);
    expect(
      shim.sent
        .slice(2)
        .flatMap(events)
        .map((e) => e.event),
    ).toEqual(['A', 'B']);
    expect(outbox(shim)).toEqual({ q: [], f: 0, u: 0 });
  });

  const final = [
    { name: 'a 400 (the edge refused the events for good) drops them', status: 400, stored: 0 },
    { name: 'a 401 (unknown key) drops them', status: 401, stored: 0 },
    { name: 'a 408 keeps them for a retry', status: 408, stored: 1 },
    { name: 'a 429 keeps them for a retry', status: 429, stored: 1 },
    { name: 'a 500 keeps them for a retry', status: 500, stored: 1 },
  ];
  it.each(final)('$name', async ({ status, stored }) => {
    const { shim, datafly } = setup();
    shim.respond = () => ({ status });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('A');
    await shim.advance(200);
    expect(outbox(shim)?.q ?? []).toHaveLength(stored);
  });

  it('resends only the events a 207 batch answer marks retryable', async () => {
    const { shim, datafly } = setup();
    shim.respond = () => ({
      status: 207,
      body: {
        ok: false,
        accepted: [{ index: 2, event_id: 'id-3' }],
        rejected: [
          { index: 0, code: 'invalid_request', message: 'bad', retryable: false },
          { index: 1, code: 'upstream_unavailable', message: 'bridge', retryable: true },
        ],
      },
    });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('Invalid');
    datafly.track('Not Stored');
    datafly.track('Stored');
    await shim.advance(200);
    expect(outbox(shim)!.q.map((e) => e.event)).toEqual(['Not Stored']);
    shim.respond = () => ({ status: 200 });
    await shim.advance(2_000);
    expect(events(shim.sent[1]!).map((e) => e.event)).toEqual(['Not Stored']);
    expect(outbox(shim)).toEqual({ q: [], f: 0, u: 0 });
  });

  it('drains a long outbox one full batch at a time, oldest first', async () => {
    const { shim, datafly } = setup();
    shim.respond = () => ({ status: 503, headers: { 'Retry-After': '5' } });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    for (let i = 0; i < 2 * BATCH_MAX + 10; i++) datafly.track(`e${i}`);
    await shim.advance(200);
    shim.respond = () => ({ status: 200 });
    const before = shim.sent.length;
    await shim.advance(10_000);
    const drained = shim.sent.slice(before);
    expect(drained.map((r) => events(r).length)).toEqual([BATCH_MAX, BATCH_MAX, 10]);
    expect(drained.flatMap(events).map((e) => e.event)).toEqual(
      Array.from({ length: 2 * BATCH_MAX + 10 }, (_, i) => `e${i}`),
    );
    expect(outbox(shim)).toEqual({ q: [], f: 0, u: 0 });
  });

  it(`bounds the outbox at ${OUTBOX_MAX} events, dropping the oldest`, async () => {
    const { shim, datafly } = setup();
    shim.respond = () => ({ status: 503 });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    for (let i = 0; i < OUTBOX_MAX + 10; i++) datafly.track(`e${i}`);
    await shim.advance(200);
    const q = outbox(shim)!.q;
    expect(q).toHaveLength(OUTBOX_MAX);
    expect(q[0]!.event).toBe('e10');
  });

  it('sends what is waiting with sendBeacon when the page is hidden for good (pagehide)', async () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('Last');
    shim.fire('pagehide');
    expect(shim.sent).toMatchObject([{ beacon: true, url: new URL(`${ENDPOINT}/v1/t?k=${KEY}`) }]);
    await shim.advance(1_000);
    expect(shim.sent).toHaveLength(1);
  });

  it('flushes with fetch when the tab is hidden', () => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('Hidden');
    shim.setVisibility('hidden');
    expect(shim.sent).toMatchObject([{ beacon: false }]);
  });

  it('keeps events a refused beacon could not carry for the next page', () => {
    const { shim, datafly } = setup();
    shim.beaconAccepts = false;
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.track('Last');
    shim.fire('pagehide');
    expect(outbox(shim)!.q.map((e) => e.event)).toEqual(['Last']);
  });
});

describe('never breaking the host page', () => {
  const hostile = [
    {
      name: 'a property JSON cannot carry (BigInt)',
      run: (d: ReturnType<typeof setup>['datafly']) => d.track('X', { n: 10n }),
    },
    {
      name: 'a circular property',
      run: (d: ReturnType<typeof setup>['datafly']) =>
        d.track('X', ((o: Record<string, unknown>) => ((o.self = o), o))({})),
    },
    {
      name: 'init without options',
      run: (d: ReturnType<typeof setup>['datafly']) => d.init(undefined as never),
    },
    {
      name: 'consent with no argument',
      run: (d: ReturnType<typeof setup>['datafly']) => d.consent(null as never),
    },
  ];
  it.each(hostile)('$name: no exception, nothing sent', async ({ run }) => {
    const { shim, datafly } = setup();
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    expect(() => run(datafly)).not.toThrow();
    await shim.advance(200);
    expect(all(shim).filter((e) => e.event === 'X')).toHaveLength(0);
  });

  it('works, without persistence, when storage throws on every access', async () => {
    const { shim, datafly } = setup({
      localStorage: memoryStorage(true),
      sessionStorage: memoryStorage(true),
    });
    datafly.init({ key: KEY, endpoint: ENDPOINT });
    datafly.identify('u-1');
    datafly.track('A');
    await shim.advance(200);
    expect(all(shim).map((e) => [e.type, e.user_id])).toEqual([
      ['identify', 'u-1'],
      ['track', 'u-1'],
    ]);
  });
});
