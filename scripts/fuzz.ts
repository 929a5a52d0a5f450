// The hostile-input fuzz run (issue 12): a few thousand seeded, malformed requests against
// every edge endpoint of an in-process stack (the edge Worker in workerd, the real bridge, the
// in-process bus), port 0. It fails on any 5xx (the bridge stays up, so none is an outage) and
// on any event of a refused request (or a rejected batch entry) that reached the bus.
// `npm run fuzz`; FUZZ_SEED and FUZZ_REQUESTS repeat or widen a run.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBridge, loadBridgeConfig } from '../core/services/bridge/index.js';
import { createBus } from '../core/bus/index.js';
import type { Bus } from '../core/bus/types.js';
import { serializeKeyRecord, type KeyRecordInput } from '../core/keys/index.js';
import { startLocalEdge } from '../dev/local/edge.js';

const SEED = Number(process.env.FUZZ_SEED ?? 12);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const CONCURRENCY = 8;
const ORIGIN = 'https://shop.fuzz';
const SERVER_SECRET = 'fuzz-server-secret';
const WEBHOOK_SECRET = 'fuzz-webhook-secret';

/** mulberry32: a small seeded generator, so a failing run repeats with its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const chance = (p: number): boolean => random() < p;

// --- the stack ------------------------------------------------------------------------------
const dataDir = await mkdtemp(join(tmpdir(), 'datafly-fuzz-'));
const bus: Bus = createBus({ kafkaBrokers: [], clientId: 'fuzz' });
const onBus: string[] = [];
// Every record the bridge produces is kept, to look for refused events afterwards.
const produce = bus.produce.bind(bus);
bus.produce = (topic, records) => {
  for (const r of records) onBus.push(String(r.value));
  return produce(topic, records);
};
const bridge = createBridge(
  loadBridgeConfig({ PORT: '0', BRIDGE_TOKEN: 'fuzz-bridge-token', HOST: '127.0.0.1' }),
  { bus },
);
const { port: bridgePort } = await bridge.start();
const edge = await startLocalEdge({
  dataDir,
  port: 0,
  bridgeUrl: `http://127.0.0.1:${bridgePort}`,
  bridgeToken: 'fuzz-bridge-token',
});

const base = {
  v: 1 as const,
  pipeline_id: 'pip_fuzz',
  org_id: 'org_fuzz',
  source_id: 'src_fuzz',
  status: 'active' as const,
  allowed_origins: [ORIGIN],
};
const records: Record<string, KeyRecordInput> = {
  dk_fuzz_browser_01: { ...base, kind: 'browser' },
  dk_fuzz_server_001: { ...base, kind: 'server', hmac_secrets: [SERVER_SECRET] },
  dk_fuzz_webhook_01: {
    ...base,
    kind: 'webhook',
    webhook: { scheme: 'hmac_sha256', secrets: [WEBHOOK_SECRET] },
  },
  dk_fuzz_revoked_01: { ...base, kind: 'browser', status: 'revoked' },
};
for (const [id, record] of Object.entries(records))
  await edge.keys.put(id, serializeKeyRecord(record));
const KEYS = [
  ...Object.keys(records),
  undefined,
  'dk_unknown_key_99',
  'not-a-key',
  'dk_%00nul',
  `dk_${'x'.repeat(300)}`,
];

// --- request shapes -------------------------------------------------------------------------
const nested = (levels: number, inner = '1'): string =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const strings = [
  '',
  'a\u0000b',
  '\ud800',
  '💥'.repeat(50),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'x'.repeat(5000),
  '__proto__',
  '{{pipeline_param.x}}',
];
const values = (): unknown =>
  pick<() => unknown>([
    () => pick(strings),
    () => random() * 1e308,
    () => -0,
    () => null,
    () => true,
    () => [],
    () => ({}),
    () => 2 ** 64,
    () => ({ __proto__: { polluted: 1 } }),
  ])();

function event(marker: string): Record<string, unknown> {
  const e: Record<string, unknown> = { properties: { fuzz_marker: marker } };
  if (chance(0.8)) e.type = pick(['track', 'page', 'identify', 'group', 'launch', 7, null]);
  if (chance(0.8)) e.event = chance(0.8) ? 'Fuzz Event' : values();
  if (chance(0.3)) e.event_id = chance(0.5) ? `evt-${marker}` : values();
  if (chance(0.2)) e.user_id = values();
  if (chance(0.2)) e.timestamp = pick(['2026-01-01T00:00:00Z', 'yesterday', 0, '9999-99-99']);
  if (chance(0.2))
    e.context = chance(0.5)
      ? {
          page: { url: pick(['https://shop.fuzz/?gclid=G', 'javascript:1', 5]) },
          consent: values(),
        }
      : values();
  if (chance(0.15)) (e.properties as Record<string, unknown>)[pick(strings)] = values();
  if (chance(0.05))
    (e.properties as Record<string, unknown>).deep = JSON.parse(
      nested(pick([10, 63, 64, 65])),
    ) as unknown;
  if (chance(0.05))
    (e.properties as Record<string, unknown>).pad = 'p'.repeat(pick([1000, 32_000, 40_000]));
  if (chance(0.05)) Object.assign(e, { w: 1, y: pick(['t', 'p', 'x']), e: 'Wire' });
  return e;
}

interface Planned {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Markers of the events in the body, by batch index (one entry for single-event bodies). */
  markers: string[];
  batch: boolean;
}

function plan(i: number): Planned {
  const route = pick([
    '/v1/t',
    '/v1/p',
    '/v1/i',
    '/v1/g',
    '/v1/batch',
    '/v1/events',
    '/v1/webhook',
    '/v1/pixel/t',
    '/v1/pixel/nope',
    '/d.js',
    '/v1/unknown',
    '/healthz',
  ]);
  const method =
    route.startsWith('/v1/pixel') || route === '/d.js' || route === '/healthz'
      ? pick(['GET', 'GET', 'GET', 'HEAD', 'POST'])
      : pick(['POST', 'POST', 'POST', 'POST', 'POST', 'GET', 'OPTIONS', 'PUT']);
  // Mostly the key the route is for, so that requests get past the key check to the body.
  const rightKey =
    route === '/v1/events' || route === '/v1/batch'
      ? chance(0.5) && route === '/v1/batch'
        ? 'dk_fuzz_browser_01'
        : 'dk_fuzz_server_001'
      : route === '/v1/webhook'
        ? 'dk_fuzz_webhook_01'
        : 'dk_fuzz_browser_01';
  const key = chance(0.6) ? rightKey : pick(KEYS);
  const headers: Record<string, string> = {};
  let query = '';
  if (key !== undefined) {
    if (chance(0.5)) headers['x-datafly-key'] = key;
    else query = `?k=${encodeURIComponent(key)}`;
  }
  if (chance(0.6)) headers.origin = chance(0.7) ? ORIGIN : pick(['https://evil.fuzz', 'null']);
  headers['content-type'] = chance(0.85)
    ? pick(['text/plain', 'application/json', 'application/json; charset=utf-8'])
    : pick(['application/xml', 'multipart/form-data']);
  const batch = route === '/v1/batch';
  const markers: string[] = [];
  let body: string | undefined;
  if (route.startsWith('/v1/pixel')) {
    const marker = `m${i}-0`;
    markers.push(marker);
    const params = new URLSearchParams({ e: 'Pixel', 'p.fuzz_marker': marker });
    if (chance(0.2)) params.set(pick(strings), pick(strings));
    query = `${query || '?'}${query ? '&' : ''}${params.toString()}`;
  } else if (batch) {
    const n = pick([0, 1, 3, 10, 501]);
    const events = Array.from({ length: n }, (_, j) => {
      markers.push(`m${i}-${j}`);
      return chance(0.1) ? pick(strings) : event(`m${i}-${j}`);
    });
    body = chance(0.1)
      ? JSON.stringify(events)
      : JSON.stringify({
          batch: events,
          ...(chance(0.2) ? { sent_at: pick(['2026-01-01T00:00:00Z', 'x']) } : {}),
        });
  } else {
    markers.push(`m${i}-0`);
    body = JSON.stringify(event(`m${i}-0`));
  }
  if (body !== undefined && chance(0.15)) {
    body = pick([
      () => body!.slice(0, Math.floor(body!.length / 2)),
      () => '',
      () => nested(pick([1000, 7000, 100_000])),
      () => `{"event":"Deep","properties":{"fuzz_marker":"m${i}-0","deep":${nested(5000)}}}`,
      () => body!.replace('{', '{"__proto__":{"x":1},'),
      () => 'x'.repeat(pick([33_000, 600_000])),
    ])();
  }
  if (body !== undefined && chance(0.85)) {
    if (route === '/v1/webhook')
      headers['x-webhook-signature'] = createHmac('sha256', chance(0.8) ? WEBHOOK_SECRET : 'wrong')
        .update(body)
        .digest('hex');
    else
      headers['x-signature-256'] = `sha256=${createHmac(
        'sha256',
        chance(0.8) ? SERVER_SECRET : 'wrong',
      )
        .update(body)
        .digest('hex')}`;
  }
  return {
    method,
    path: route + query,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : body === undefined ? {} : { body }),
    markers,
    batch,
  };
}

// --- the run --------------------------------------------------------------------------------
const refused = new Set<string>();
const failures: string[] = [];
const statuses = new Map<number, number>();
let next = 0;
const started = performance.now();

async function worker(): Promise<void> {
  while (next < REQUESTS) {
    const i = next++;
    const p = plan(i);
    let res: Response;
    try {
      res = await fetch(`${edge.url}${p.path}`, {
        method: p.method,
        headers: p.headers,
        ...(p.body === undefined ? {} : { body: p.body }),
      });
    } catch (e) {
      failures.push(`#${i} ${p.method} ${p.path.slice(0, 80)}: no answer (${String(e)})`);
      continue;
    }
    const text = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500)
      failures.push(
        `#${i} ${p.method} ${p.path.slice(0, 80)}: ${res.status} ${text.slice(0, 200)}`,
      );
    if (res.status >= 400 || p.method === 'HEAD') for (const m of p.markers) refused.add(m);
    else if (p.batch && res.status === 207) {
      const answer = JSON.parse(text) as { rejected: { index: number }[] };
      for (const r of answer.rejected) refused.add(p.markers[r.index]!);
    }
  }
}

try {
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
  await new Promise((r) => setTimeout(r, 200));
  for (const value of onBus) {
    const marker = /"fuzz_marker":"(m\d+-\d+)"/.exec(value)?.[1];
    if (marker && refused.has(marker)) failures.push(`refused event ${marker} reached the bus`);
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = [...statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  console.log(
    `fuzz: seed ${SEED}, ${REQUESTS} requests in ${seconds.toFixed(1)} s; answers ${summary}; ` +
      `${onBus.length} events on the bus; ${refused.size} refused events`,
  );
  if (failures.length > 0) {
    console.error(`fuzz: ${failures.length} failure(s):\n${failures.slice(0, 30).join('\n')}`);
    process.exitCode = 1;
  } else console.log('fuzz: no 5xx, nothing refused reached the bus');
} finally {
  await edge.close();
  await bridge.close();
  await bus.close();
  await rm(dataDir, { recursive: true, force: true });
}
