import { PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlState } from '../../admin/domain/db-errors.js';
import { runTransactions } from '../testkit/transactions.js';
import type { Db } from './client.js';
import { forDrizzle, preparedQueries, withoutTextParsers } from './pglite-client.js';

const same = (v: string) => v;
/** The parsers Drizzle's PGlite driver passes with every query (drizzle-orm 0.45). */
const DRIZZLE_PARSERS = Object.fromEntries(
  [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((t) => [t, same]),
);

describe('withoutTextParsers', () => {
  it('drops the parsers Drizzle passes and keeps the rest of the options', () => {
    expect(withoutTextParsers({ rowMode: 'array', parsers: DRIZZLE_PARSERS })).toEqual({
      rowMode: 'array',
    });
  });

  it('keeps options whose parsers include any other type', () => {
    const options: QueryOptions = { rowMode: 'object', parsers: { 1114: same, 25: same } };
    expect(withoutTextParsers(options)).toBe(options);
    expect(withoutTextParsers(undefined)).toBeUndefined();
  });
});

const VALUES = sql`select
  timestamp '2026-03-01 10:00:00.5' as ts,
  timestamptz '2026-03-01 10:00:00+02' as tstz,
  date '2026-03-01' as d,
  interval '1 day 2 hours' as iv,
  array[1.50, 2]::numeric[] as nums,
  array[timestamptz '2026-03-01 10:00:00+00']::timestamptz[] as tstzs,
  42::int as n,
  '{"a":1}'::jsonb as j`;

describe('forDrizzle', () => {
  let plain: PGlite;
  let shared: PGlite;
  beforeAll(async () => {
    plain = await PGlite.create();
    shared = await PGlite.create();
  });
  afterAll(async () => {
    await plain.close();
    await shared.close();
  });

  it('reads every value as Drizzle does on a plain client, in and out of transactions', async () => {
    const expected = (await drizzle({ client: plain }).execute(VALUES)).rows;
    expect(expected[0]).toMatchObject({ ts: '2026-03-01 10:00:00.5', d: '2026-03-01', n: 42 });
    const db = drizzle({ client: forDrizzle(shared) as PGlite });
    expect((await db.execute(VALUES)).rows).toEqual(expected);
    const inTx = await db.transaction(async (tx) => (await tx.execute(VALUES)).rows);
    expect(inTx).toEqual(expected);
  });

  it('sends the prepared queries no per-query parsers, so PGlite does not copy its parser table each query', async () => {
    const queries = preparedQueries(shared);
    const seen: (QueryOptions | undefined)[] = [];
    const spied = {
      query: ((q, params, options) => {
        seen.push(options);
        return queries.query(q, params, options);
      }) as PGlite['query'],
      inTransaction: (tx: Transaction) =>
        ((q, params, options) => {
          seen.push(options);
          return queries.inTransaction(tx)(q, params, options);
        }) as PGlite['query'],
    };
    const db = drizzle({ client: forDrizzle(shared, spied) as PGlite });
    await db.execute(sql`select now() as t`);
    await db.transaction((tx) => tx.execute(sql`select now() as t`));
    expect(seen).toEqual([{ rowMode: 'object' }, { rowMode: 'object' }]);
  });
});

/** The statements prepared in `client`'s backend whose text contains `marker`. */
async function preparedLike(client: PGlite, marker: string): Promise<string[]> {
  const r = await client.query<{ statement: string }>(
    'select statement from pg_prepared_statements where strpos(statement, $1) > 0 order by statement',
    [marker],
  );
  return r.rows.map((row) => row.statement);
}

describe('preparedQueries', () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create();
    await client.exec('create table items (id int primary key, name text, tags text[], doc jsonb)');
  });
  afterAll(() => client.close());

  const BYTES = new Uint8Array([0, 1, 127, 128, 255]);
  const CASES: [string, unknown[], QueryOptions?][] = [
    [
      `select $1::int as n, $2::text as t, $3::jsonb as j, $4::text[] as arr, $5::timestamptz as at,
        $6::bool as b, $7::bytea as bin, $8::numeric as num, $9::int8 as big, $10::text as nothing`,
      [
        42,
        'it\'s "quoted" \\ ünïcødé, {braces}',
        { a: [1, { b: null }], c: 'x"y' },
        ['a,b', '"q"', '{x}', null, '', 'back\\slash'],
        new Date('2026-03-01T10:00:00.123Z'),
        true,
        BYTES,
        '12.50',
        9007199254740993n,
        null,
      ],
    ],
    ['select $1::int as n, $2::text as t', [7, 'row mode'], { rowMode: 'array' }],
    ['select id, name from items where id = $1', [-1]],
    [
      'insert into items (id, name, tags, doc) values ($1, $2, $3, $4) returning id, name, tags, doc',
      [1, 'one', ['x', 'y'], { k: 1 }],
    ],
    ['insert into items (id, name) select g, $1 from generate_series(2, 4) g', ['many']],
    ['update items set name = $1 where id > $2', ['changed', 2]],
    ['select id, name, tags, doc from items order by id', []],
  ];

  it("answers as PGlite's own query does: values, types, row modes, affected rows", async () => {
    const queries = preparedQueries(client);
    for (const [text, params, options] of CASES) {
      const ours = await queries.query(text, params, options);
      // Writes go through one path only; the read-back and the selects compare both.
      const theirs = text.startsWith('select') ? await client.query(text, params, options) : ours;
      expect(ours, text).toEqual(theirs);
    }
    const [first] = CASES;
    const row = (await queries.query<Record<string, unknown>>(first![0], first![1])).rows[0]!;
    expect(row).toMatchObject({
      n: 42,
      arr: ['a,b', '"q"', '{x}', null, '', 'back\\slash'],
      nothing: null,
    });
    expect(row.bin).toEqual(BYTES);
    const changed = await queries.query('update items set name = $1 where id > $2', ['again', 2]);
    expect(changed.affectedRows).toBe(2);
  });

  it('parses each distinct statement once and runs it as often as asked', async () => {
    const queries = preparedQueries(client);
    const text = 'select $1::int + 1 as next /* once */';
    for (const n of [1, 2, 3])
      expect((await queries.query(text, [n])).rows).toEqual([{ next: n + 1 }]);
    const r = await client.query<{ runs: number }>(
      'select generic_plans + custom_plans as runs from pg_prepared_statements where statement = $1',
      [text],
    );
    expect(r.rows).toEqual([{ runs: 3 }]);
  });

  it('keeps at most `max` statements prepared, closing the least recently used first', async () => {
    const queries = preparedQueries(client, 2);
    const text = (k: string) => `select '${k}' as k /* lru */`;
    for (const k of ['a', 'b', 'a', 'c']) await queries.query(text(k));
    expect(await preparedLike(client, '/* lru */')).toEqual([text('a'), text('c')]);
    await queries.query(text('b'));
    expect(await preparedLike(client, '/* lru */')).toEqual([text('b'), text('c')]);
  });

  it('reports a failing statement as PGlite does, keeps no broken statement, and goes on', async () => {
    const queries = preparedQueries(client);
    const bad = 'selec $1::int /* broken */';
    await expect(queries.query(bad, [1])).rejects.toMatchObject({
      code: '42601',
      query: bad,
      params: [1],
    });
    expect(await preparedLike(client, '/* broken */')).toEqual([]);
    const insert = 'insert into items (id, name) values ($1, $2) /* dup */';
    await expect(queries.query(insert, [1, 'again'])).rejects.toMatchObject({
      code: '23505',
      query: insert,
      params: [1, 'again'],
    });
    expect((await queries.query('select count(*)::int as n from items')).rows).toEqual([{ n: 4 }]);
  });

  it('prepares again a statement whose table changed since, outside a transaction', async () => {
    const queries = preparedQueries(client);
    await client.exec('create table shifting (a int); insert into shifting values (1)');
    const text = 'select * from shifting';
    expect((await queries.query(text)).rows).toEqual([{ a: 1 }]);
    await client.exec('alter table shifting add column b int default 2');
    expect((await queries.query(text)).rows).toEqual([{ a: 1, b: 2 }]);
    await client.exec('alter table shifting add column c int default 3');
    await expect(client.transaction((tx) => queries.inTransaction(tx)(text))).rejects.toMatchObject(
      { code: '0A000' },
    );
    expect((await queries.query(text)).rows).toEqual([{ a: 1, b: 2, c: 3 }]);
  });

  it('through Drizzle: a transaction commits or rolls back, and queries outside it wait for it', async () => {
    const db = drizzle({ client: forDrizzle(client) as PGlite }) as unknown as Db;
    const seen = await runTransactions(db, 'items');
    // Asked while the first transaction was open: answered after its commit, with both rows.
    expect(seen.countedDuring).toBe(2);
    expect(seen.abandoned).toMatchObject({ message: 'abandon' });
    expect(sqlState(seen.broken)).toBe('23505');
    expect(seen.countedAfter).toBe(2);
  });
});
