// The processor's dedup record contract (core/dedup/seen.ts): what was remembered is seen within
// the window and per source, repeated keys in one write, a refreshed time, and pruning by age. Run
// on the in-memory record, PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySeenStore, seenId, type SeenKey, type SeenStore } from '../../dedup/seen.js';
import { backends } from '../../../admin/testing/index.js';
import { testServices } from '../../testkit/config.js';
import { openDatabase, type Database } from '../client.js';
import { drizzleSeenStore, prepareLookup } from './seen.js';

const T = Date.parse('2026-11-22T10:00:00Z');
const WEB = 'pip_1/dk_browser';
const SERVER = 'pip_1/dk_server';
const keys = (ids: string[], source = WEB): SeenKey[] =>
  ids.map((event_id) => ({ source, event_id }));
const ids = (set: Set<string>): string[] => [...set].sort();

const stores: { name: string; open(): Promise<{ seen: SeenStore; close(): Promise<void> }> }[] = [
  { name: 'memory', open: async () => ({ seen: memorySeenStore(), close: async () => {} }) },
  ...backends.map((b) => ({
    name: b.name,
    open: async () => {
      const { database, drop } = await b.open();
      return { seen: drizzleSeenStore(database.db), close: drop };
    },
  })),
];

describe.each(stores)('dedup record on $name', (backend) => {
  let seen: SeenStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ seen, close } = await backend.open());
  });
  afterAll(() => close());

  it('sees what was remembered, per source, within the window', async () => {
    await seen.remember(keys(['a1', 'a2']), T);
    await seen.remember(keys(['a3'], SERVER), T);
    const asked = [...keys(['a1', 'a2', 'a3', 'a4']), ...keys(['a1', 'a3'], SERVER)];
    expect(ids(await seen.seenAmong(asked, T - 1))).toEqual(
      [
        seenId({ source: WEB, event_id: 'a1' }),
        seenId({ source: WEB, event_id: 'a2' }),
        seenId({ source: SERVER, event_id: 'a3' }),
      ].sort(),
    );
    // Remembered before the window began: not seen.
    expect(ids(await seen.seenAmong(keys(['a1', 'a2']), T + 1))).toEqual([]);
    expect(ids(await seen.seenAmong([], T))).toEqual([]);
  });

  it('takes a key twice in one write and refreshes its time', async () => {
    await seen.remember(keys(['b1', 'b1', 'b2']), T);
    await seen.remember(keys(['b1']), T + 60_000);
    expect(ids(await seen.seenAmong(keys(['b1', 'b2']), T + 1))).toEqual([
      seenId({ source: WEB, event_id: 'b1' }),
    ]);
  });

  it('takes a batch of a thousand keys in one write and one lookup', async () => {
    const many = keys(Array.from({ length: 1000 }, (_, i) => `c${i}`));
    await seen.remember(many, T);
    const found = await seen.seenAmong([...many, ...keys(['c-none'])], T);
    expect(found.size).toBe(1000);
    expect(found.has(seenId({ source: WEB, event_id: 'c-none' }))).toBe(false);
  });

  it('prunes what is older than the cut, and only that', async () => {
    await seen.remember(keys(['d-old']), T - 3_600_000);
    await seen.remember(keys(['d-new']), T + 3_600_000);
    const gone = await seen.prune(T - 1_000);
    expect(gone).toBeGreaterThanOrEqual(1);
    expect(ids(await seen.seenAmong(keys(['d-old', 'd-new']), 0))).toEqual([
      seenId({ source: WEB, event_id: 'd-new' }),
    ]);
  });
});

/** The rows of a raw statement, as either driver answers them (postgres.js: an array; PGlite: `.rows`). */
async function rowsOf(database: Database, statement: string): Promise<Record<string, unknown>[]> {
  const result: unknown = await database.db.execute(sql.raw(statement));
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
}

async function setting(database: Database, name: string): Promise<unknown> {
  return (await rowsOf(database, `show ${name}`))[0]![name];
}

describe.each(backends)('the dedup lookup on $name', (backend) => {
  it('runs on a connection whose random_page_cost is 1.1', async () => {
    const { database, drop } = await backend.open();
    try {
      expect(await setting(database, 'random_page_cost')).toBe('1.1');
    } finally {
      await drop();
    }
    // DATABASE_URL's own value of the setting comes first.
    if (backend.name === 'postgres') {
      const url = new URL(testServices.databaseUrl!);
      url.searchParams.set('random_page_cost', '2');
      const own = await openDatabase({ url: url.toString() });
      try {
        expect(await setting(own, 'random_page_cost')).toBe('2');
      } finally {
        await own.close();
      }
    }
  });

  // At PostgreSQL's default random_page_cost (4), a batch of 100 keys against 20,000 rows was
  // planned as a scan of the whole table; the connection's setting (core/db/client.ts) makes it
  // 100 probes of the primary key, as it is for a large table.
  it('is planned as probes of the primary key, not a scan of the table', async () => {
    const { database, drop } = await backend.open();
    try {
      const seen = drizzleSeenStore(database.db);
      for (let i = 0; i < 20_000; i += 5_000) {
        await seen.remember(keys(Array.from({ length: 5_000 }, (_, j) => `e${i + j}`)), T);
      }
      await database.db.execute(sql`analyze processor_seen`);
      const { sql: text } = prepareLookup(database.db).getQuery();
      const list = (values: string[]): string => `'{${values.join(',')}}'`;
      const asked = Array.from({ length: 100 }, (_, i) => `new-${i}`);
      const bound = text
        .replace('$1', list(asked.map(() => WEB)))
        .replace('$2', list(asked))
        .replace('$3', `'${new Date(T - 1).toISOString()}'`);
      const [row] = await rowsOf(database, `explain (format json) ${bound}`);
      const plan = JSON.stringify(row!['QUERY PLAN']);
      expect(plan).toContain('"Index Name":"processor_seen_source_event_id_pk"');
      expect(plan).not.toContain('Seq Scan');
      expect(plan).not.toContain('processor_seen_seen_at_idx');
    } finally {
      await drop();
    }
  });
});
