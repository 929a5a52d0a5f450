// The identity hub's cost in the processor (docs/identity.md): `processEvent` per event with
// the hub off, on over the in-memory graph, and on over the admin database's graph (PGlite in
// memory; PostgreSQL when DATABASE_URL is set). `npm run bench -- processor` needs Kafka, so
// the hub is measured here on the function itself. Events: 2,000 visitors, each a page view, a
// login (identify with email and phone) and three track calls; consent given.
import { drizzleIdentityGraph } from '../core/db/stores/identity.js';
import { openDatabase } from '../core/db/client.js';
import type { BusMessage } from '../core/bus/types.js';
import { createMemoryConfigStore } from '../core/config-store/memory.js';
import { cachedGraph, memoryGraph, type IdentityGraph } from '../core/identity/index.js';
import { ConfigCache } from '../core/config-store/cache.js';
import { processEvent } from '../core/services/processor/process-event.js';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 2000);
const store = createMemoryConfigStore();
store.setRevision({
  id: 'rev_meta',
  integration_id: 'tmpl_meta',
  vendor: 'meta_capi',
  revision_number: 1,
  config: { pixel_id: '123', access_token: 't', consent_categories: ['marketing'] },
  delivery_mode: 'server_side',
});
store.setRevision({
  id: 'rev_tt',
  integration_id: 'tmpl_tt',
  vendor: 'tiktok',
  revision_number: 1,
  config: { pixel_code: 'C1', access_token: 't' },
  delivery_mode: 'server_side',
});
store.setRevision({
  id: 'rev_ga4',
  integration_id: 'tmpl_ga4',
  vendor: 'ga4',
  revision_number: 1,
  config: { measurement_id: 'G-1', api_secret: 's' },
  delivery_mode: 'server_side',
});
store.setOrgDataLayer('org_b', {
  parse_user_agent: false,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
});
store.setPipeline({
  id: 'pip_b',
  org_id: 'org_b',
  parameters: {},
  transformations: [],
  integrations: ['meta', 'tt', 'ga4'].map((v) => ({
    id: `pi_${v}`,
    integration_id: `tmpl_${v}`,
    vendor: v === 'meta' ? 'meta_capi' : v === 'tt' ? 'tiktok' : 'ga4',
    revision_id: `rev_${v}`,
    enabled: true,
  })),
});

function messages(run: string): BusMessage[] {
  const out: BusMessage[] = [];
  for (let v = 0; v < VISITORS; v++) {
    const anon = `${run}-anon-${v}`;
    const base = {
      v: 1,
      anonymous_id: anon,
      timestamp: '2026-03-01T11:59:59.000Z',
      received_at: '2026-03-01T12:00:00.000Z',
      context: {
        consent: { analytics: true, marketing: true },
        vendor_ids: { fbp: `fb.1.1.${v}`, ttp: `${run}-ttp-${v}` },
        page: { url: 'https://shop.example/' },
        user_agent: 'UA',
      },
      source: { kind: 'browser', pipeline_id: 'pip_b', org_id: 'org_b', source_id: 'src_b' },
    };
    const events = [
      { type: 'page' },
      {
        type: 'identify',
        user_id: `${run}-u-${v}`,
        traits: { email: `p${v}@example.com`, phone: `+4420794${String(v).padStart(5, '0')}` },
      },
      { type: 'track', event: 'add_to_cart', properties: { value: 10, currency: 'EUR' } },
      { type: 'track', event: 'add_to_cart', properties: { value: 12, currency: 'EUR' } },
      {
        type: 'track',
        event: 'purchase',
        properties: { revenue: 22, currency: 'EUR', order_id: `o${v}` },
      },
    ];
    for (const [i, e] of events.entries()) {
      out.push({
        topic: 'raw-events',
        partition: 0,
        offset: String(out.length),
        key: anon,
        headers: {},
        timestamp: 0,
        value: JSON.stringify({ ...base, ...e, event_id: `${anon}-${i}` }),
      });
    }
  }
  return out;
}

async function measure(name: string, graph: IdentityGraph | undefined): Promise<number> {
  const cache = new ConfigCache(store);
  const identity = graph ? { graph, now: Date.now } : undefined;
  // Warm-up (config compiled, JIT) on other visitors.
  for (const m of messages(`warm-${name}`).slice(0, 500))
    await processEvent(m, cache, undefined, identity);
  const batch = messages(name);
  const start = process.hrtime.bigint();
  for (const m of batch) {
    const o = await processEvent(m, cache, undefined, identity);
    if (o.kind !== 'fanout') throw new Error(`unexpected ${o.kind}`);
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / batch.length;
  console.log(
    `  ${name.padEnd(34)}: ${us.toFixed(1).padStart(7)} µs/event   (${Math.round(1e6 / us)} events/s, ${batch.length} events)`,
  );
  return us;
}

const off = await measure('hub off', undefined);
const mem = await measure('hub on, in-memory graph', memoryGraph());
const database = await openDatabase(
  process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: 'memory://' },
);
await database.migrate();
const db = await measure(
  `hub on, ${database.kind} graph, no cache`,
  drizzleIdentityGraph(database.db),
);
const cached = await measure(
  `hub on, ${database.kind} graph + cache`,
  cachedGraph(drizzleIdentityGraph(database.db)),
);
await database.close();
console.log(
  `  hub cost per event: +${(mem - off).toFixed(1)} µs (in memory), ` +
    `+${(db - off).toFixed(1)} µs (${database.kind}), ` +
    `+${(cached - off).toFixed(1)} µs (${database.kind} behind the processor's cache)`,
);
