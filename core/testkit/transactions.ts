/**
 * One script of transactions, for the tests of each way a database is reached (PGlite in this
 * thread, PGlite in a worker thread): what it sees is returned for the test to check.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

export interface TransactionOutcomes {
  /** Rows from id 100 on, counted by a query sent while the first transaction was open. */
  countedDuring: number;
  /** What the transaction that threw rejected with. */
  abandoned: unknown;
  /** What the transaction whose second insert broke the primary key rejected with. */
  broken: unknown;
  /** Rows from id 100 on at the end. */
  countedAfter: number;
}

/**
 * Through `db`, on `table (id int primary key, name text)` with no rows from id 100 on: a
 * transaction inserting 100 and 101 while a query outside it is asked (it should wait for the
 * commit and count 2), one inserting 102 then throwing, one inserting 103 twice.
 *
 * @example const seen = await runTransactions(db, 'items'); expect(seen.countedDuring).toBe(2);
 */
export async function runTransactions(db: Db, table: string): Promise<TransactionOutcomes> {
  const t = sql.identifier(table);
  const count = async () =>
    (
      (await db.execute(sql`select count(*)::int as n from ${t} where id >= 100`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = db.transaction(async (tx) => {
    await tx.execute(sql`insert into ${t} (id, name) values (100, 'in tx')`);
    await held;
    await tx.execute(sql`insert into ${t} (id, name) values (101, 'in tx')`);
  });
  const during = count();
  release();
  await first;
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );
  const abandoned = await rejection(
    db.transaction(async (tx) => {
      await tx.execute(sql`insert into ${t} (id, name) values (102, 'rolled back')`);
      throw new Error('abandon');
    }),
  );
  const broken = await rejection(
    db.transaction(async (tx) => {
      await tx.execute(sql`insert into ${t} (id, name) values (103, 'twice')`);
      await tx.execute(sql`insert into ${t} (id, name) values (103, 'twice')`);
    }),
  );
  return { countedDuring: await during, abandoned, broken, countedAfter: await count() };
}
