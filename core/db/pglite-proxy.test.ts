import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { forDrizzle } from './pglite-client.js';
import { sqlState } from '../../admin/domain/db-errors.js';
import { runTransactions } from '../testkit/transactions.js';

/** The rows a statement answers through `database`'s Drizzle. */
const rowsOf = async (database: Database, query: SQL) =>
  ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

describe('PGlite in a worker thread (openDatabase on a data folder)', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datafly-pglite-thread-'));
    database = await openDatabase({ dataDir: dir });
    await database.migrate();
    await database.db.execute(
      sql`create table things (id int primary key, name text, at timestamptz, doc jsonb)`,
    );
  }, 60_000);
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as PGlite in this thread does, values and types included', async () => {
    const query = sql`select 42::int as n, 'ünï "q"'::text as t, timestamptz '2026-03-01 10:00:00+02' as at,
      '{"a":[1,null]}'::jsonb as j, array['a,b', null]::text[] as arr, '\\x00ff'::bytea as bin`;
    const here = await PGlite.create();
    try {
      const expected = (await drizzle({ client: forDrizzle(here) as PGlite }).execute(query)).rows;
      expect(await rowsOf(database, query)).toEqual(expected);
      expect(expected[0]).toMatchObject({
        n: 42,
        at: '2026-03-01 08:00:00+00',
        arr: ['a,b', null],
      });
    } finally {
      await here.close();
    }
  });

  it("gives back a failing statement's SQLSTATE, and goes on", async () => {
    await database.db.execute(sql`insert into things (id, name) values (1, 'one')`);
    const failed = await database.db
      .execute(sql`insert into things (id, name) values (1, 'again')`)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sqlState(failed)).toBe('23505');
    expect(await rowsOf(database, sql`select name from things where id = 1`)).toEqual([
      { name: 'one' },
    ]);
  });

  it('commits a transaction, rolls back a failed one, and holds other queries until it ends', async () => {
    const seen = await runTransactions(database.db, 'things');
    expect(seen.countedDuring).toBe(2);
    expect(seen.abandoned).toMatchObject({ message: 'abandon' });
    expect(sqlState(seen.broken)).toBe('23505');
    expect(seen.countedAfter).toBe(2);
  });

  it('delivers notifications on a channel listened to, and none after unlisten', async () => {
    const got: string[] = [];
    const unlisten = await database.listen('datafly_test_channel', (p) => got.push(p));
    await database.db.execute(sql`select pg_notify('datafly_test_channel', 'one')`);
    await expect.poll(() => got).toEqual(['one']);
    await unlisten();
    await database.db.execute(sql`select pg_notify('datafly_test_channel', 'two')`);
    await database.db.execute(sql`select 1`);
    expect(got).toEqual(['one']);
  });

  it('keeps what it wrote when the folder is opened again, and refuses queries once closed', async () => {
    const other = mkdtempSync(join(tmpdir(), 'datafly-pglite-thread-'));
    try {
      const first = await openDatabase({ dataDir: other });
      await first.db.execute(sql`create table kept (v text)`);
      await first.db.execute(sql`insert into kept values ('still here')`);
      await first.close();
      await expect(first.db.execute(sql`select 1`)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/exited/) },
      });
      const again = await openDatabase({ dataDir: other });
      expect(await rowsOf(again, sql`select v from kept`)).toEqual([{ v: 'still here' }]);
      await again.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});
