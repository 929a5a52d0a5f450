// The embedded database's hot statements, as the processor and delivery run them for each batch:
// the dedup lookup and write (core/db/stores/seen.ts), delivery's claim and its record of the
// outcomes (core/db/stores/delivery.ts), through Drizzle on PGlite in a data folder, as
// `npm start` has it. Two databases in this process, one behind the client Drizzle is given
// (core/db/pglite-client.ts: each statement prepared once) and one behind PGlite's own `query`
// (parsed and planned on every call), take turns BENCH_ROUNDS times (default 3) with
// BENCH_PGLITE_BATCHES batches (default 300) of 100 events, then of one event; the figures are
// each side's median round: CPU of this process per batch and per event, and the ratio.
//   npm run bench -- pglite
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PGLITE_SETTINGS, type Db } from '../core/db/client.js';
import { forDrizzle, preparedQueries, type PreparedQueries } from '../core/db/pglite-client.js';
import * as schema from '../core/db/schema/index.js';
import { drizzleDeliveryStore } from '../core/db/stores/delivery.js';
import { drizzleSeenStore } from '../core/db/stores/seen.js';
import type { OutcomeRow } from '../core/dedup/delivered.js';
import { scopedKey } from '../core/event/scope.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCHES = Number(process.env.BENCH_PGLITE_BATCHES ?? 300);
const dirs: string[] = [];

interface Side {
  name: string;
  client: PGlite;
  run(tag: string, size: number): Promise<void>;
}

async function side(name: string, queries: (client: PGlite) => PreparedQueries): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'datafly-bench-pglite-'));
  dirs.push(dir);
  const client = await PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
  });
  const db = drizzle({
    client: forDrizzle(client, queries(client)) as PGlite,
    schema,
    casing: 'snake_case',
  }) as unknown as Db;
  await migrate(db as never, { migrationsFolder: join(import.meta.dirname, '../migrations') });
  const seen = drizzleSeenStore(db);
  const ledger = drizzleDeliveryStore(db);
  return {
    name,
    client,
    async run(tag, size) {
      const keys = Array.from({ length: size }, (_, i) => ({
        source: 'src_bench',
        event_id: `${tag}-${i}`,
      }));
      const at = Date.now();
      await seen.seenAmong(keys, at - 86_400_000);
      await seen.remember(keys, at);
      const claim = await ledger.claim('int_bench', keys, at, 30_000);
      const rows: OutcomeRow[] = keys.map((k) => ({
        integration_id: 'int_bench',
        pipeline_id: 'pip_bench',
        source: k.source,
        event_id: k.event_id,
        outcome: 'delivered',
        attempt: 1,
        status: 200,
        latency_ms: 3,
        at,
      }));
      await ledger.record(
        rows,
        keys.map((k) => ({
          integration_id: 'int_bench',
          ...k,
          fence: claim.claimed.get(scopedKey(k))!,
        })),
      );
    },
  };
}

/** CPU ms of this process per batch over `BATCHES` batches of `size` events. */
async function round(s: Side, r: number, size: number): Promise<number> {
  const start = process.cpuUsage();
  for (let b = 0; b < BATCHES; b++) await s.run(`r${r}-n${size}-b${b}`, size);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / BATCHES;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const prepared = await side('prepared once (core/db/pglite-client.ts)', (c) => preparedQueries(c));
const own = await side("PGlite's own query", (c) => ({
  query: c.query.bind(c),
  inTransaction: (tx) => tx.query.bind(tx),
}));
console.log(
  `PGlite in a data folder; four statements a batch (seen lookup and write, claim, record); ` +
    `${ROUNDS} rounds × ${BATCHES} batches per side and size`,
);
for (const size of [100, 1]) {
  // Warm-up: JIT, the first statements' preparation, the tables' first pages.
  for (const s of [prepared, own])
    for (let b = 0; b < 30; b++) await s.run(`warm-n${size}-b${b}`, size);
  const times = new Map<Side, number[]>([
    [prepared, []],
    [own, []],
  ]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 ? [own, prepared] : [prepared, own])
      times.get(s)!.push(await round(s, r, size));
  }
  const mine = median(times.get(prepared)!);
  const theirs = median(times.get(own)!);
  console.log(`\nbatches of ${size}:`);
  for (const [s, ms] of times) {
    const m = median(ms);
    console.log(
      `  ${s.name.padEnd(42)} ${m.toFixed(2)} ms CPU per batch, ${((m * 1000) / size).toFixed(1)} µs per event` +
        `  (rounds ${ms.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }
  console.log(`  PGlite's own query ÷ prepared once: ${(theirs / mine).toFixed(2)}×`);
}
for (const s of [prepared, own]) await s.client.close();
for (const d of dirs) rmSync(d, { recursive: true, force: true });
