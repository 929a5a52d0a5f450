import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forDrizzle, withoutTextParsers } from './pglite-client.js';

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

  it('sends PGlite no per-query parsers, so PGlite does not copy its parser table each query', async () => {
    const seen: (QueryOptions | undefined)[] = [];
    const query = vi.spyOn(shared, 'query');
    query.mockImplementation(function (this: PGlite, q, params, options) {
      seen.push(options);
      return PGlite.prototype.query.call(this, q, params, options) as never;
    });
    try {
      await drizzle({ client: forDrizzle(shared) as PGlite }).execute(sql`select now() as t`);
    } finally {
      query.mockRestore();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ rowMode: 'object' });
  });
});
