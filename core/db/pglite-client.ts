/**
 * The PGlite client Drizzle is given.
 *
 * Each distinct statement is prepared once (a named statement in PGlite's backend, as postgres.js
 * does on a PostgreSQL server) and then run in one call into PGlite: bind, describe, execute and
 * sync as one message. PGlite's own `query` parses, analyses and plans the text on every call, in
 * six calls into its WebAssembly; measured on the processor's dedup lookup and write for a batch of
 * 100 events, that took 2.5 to 3 times the CPU (docs/local-stack.md "The embedded database").
 *
 * Drizzle's PGlite driver also passes the same result parsers with every query (dates, timestamps
 * and intervals, and arrays of them and of numerics, kept as the text Postgres sends), and PGlite
 * merges a query's parsers into its own table of about 320 by copying that table for each query.
 * Under `npm start`'s load that copy was over half of what the process allocated (a sampling
 * allocation profile of the stack at 100 events/s: 1.19 of 2.14 GB in 30 s, docs/local-stack.md
 * "Memory"). Here the client gets those parsers once, in its own table, and each query's options
 * lose them when they say nothing more.
 */
import {
  messages,
  parse,
  protocol,
  types,
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';

/** Postgres type ids whose values Drizzle reads as the text Postgres sends. */
const TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
] as const;
const TEXT_TYPE_KEYS = new Set(TEXT_TYPES.map(String));

const asText = (value: string): string => value;

/** Each of `TEXT_TYPES` read as its text. */
const TEXT_PARSERS: Record<number, (value: string) => string> = Object.fromEntries(
  TEXT_TYPES.map((t) => [t, asText]),
);

/**
 * A query's options without parsers the client already has (every one of them for a type in
 * `TEXT_TYPES`); any other parser is kept, and with it the options as given.
 *
 * @example withoutTextParsers({ rowMode: 'array', parsers: { 1114: (v) => v } }) // → { rowMode: 'array' }
 */
export function withoutTextParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  if (!options?.parsers) return options;
  for (const key of Object.keys(options.parsers)) if (!TEXT_TYPE_KEYS.has(key)) return options;
  const { parsers: _known, ...rest } = options;
  return rest;
}

/** How many statements one client keeps prepared; the least recently used is closed first. */
export const MAX_PREPARED = 200;

/** A statement prepared in PGlite's backend. */
interface Prepared {
  name: string;
  /** The type of each parameter, as the backend inferred it: it chooses each value's serializer. */
  paramTypes: number[];
}

/**
 * A prepared statement that no longer fits, to prepare again and retry once: deallocated
 * (invalid_sql_statement_name), or its table changed the columns it returns.
 */
const isStale = (e: InstanceType<typeof messages.DatabaseError>): boolean =>
  e.code === '26000' ||
  (e.code === '0A000' && e.message.includes('cached plan must not change result type'));

/** The queries of one PGlite client through statements prepared once each. */
export interface PreparedQueries {
  /** As `PGlite.query`, outside a transaction. */
  query: PGlite['query'];
  /** `tx.query`, for a transaction of the client (`client.transaction` holds it). */
  inTransaction(tx: Transaction): PGlite['query'];
}

/** Names statements uniquely in this process: several `preparedQueries` may share one client. */
let statementCounter = 0;

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * Queries of `client` that prepare each distinct text once as a named statement (up to `max` at a
 * time) and then run it in one call. Results, parameter serializing and errors (with `query`,
 * `params` and `queryOptions` set on them) are those of `client.query`, which still serves queries
 * with a `blob` or `paramTypes` option. A statement PostgreSQL no longer accepts after a change of
 * its tables (SQLSTATE 0A000 or 26000) is prepared again and run once more, outside a transaction;
 * inside one, the error stands, as the transaction is aborted by then.
 *
 * @example const queries = preparedQueries(await PGlite.create()); await queries.query('select $1::int as n', [1]);
 */
export function preparedQueries(client: PGlite, max = MAX_PREPARED): PreparedQueries {
  const { serialize } = protocol;
  const statements = new Map<string, Prepared>();
  /** Statements evicted from `statements`, closed by the next message sent. */
  let closing: Uint8Array[] = [];

  const send = (parts: Uint8Array[], options: QueryOptions | undefined) => {
    const message = concat([...closing, ...parts]);
    closing = [];
    return client.execProtocolStream(message, {
      syncToFs: false,
      ...(options?.onNotice ? { onNotice: options.onNotice } : {}),
    });
  };

  async function prepare(text: string, options: QueryOptions | undefined): Promise<Prepared> {
    const name = `datafly_${++statementCounter}`;
    const answer = await send(
      [serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()],
      options,
    );
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(answer) };
    statements.set(text, prepared);
    if (statements.size > max) {
      const [oldest, old] = statements.entries().next().value!;
      statements.delete(oldest);
      closing.push(serialize.close({ type: 'S', name: old.name }));
    }
    return prepared;
  }

  async function run<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
  ): Promise<Results<T>> {
    let prepared = statements.get(text);
    if (prepared) {
      // Most recently used last: the first entry is the one to close.
      statements.delete(text);
      statements.set(text, prepared);
    } else prepared = await prepare(text, options);
    const { name, paramTypes } = prepared;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = paramTypes[i]!;
      const serializer = options?.serializers?.[type] ?? client.serializers[type];
      return serializer ? serializer(value) : (value as { toString(): string }).toString();
    });
    const answer = await send(
      [
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ],
      options,
    );
    return parse.parseResults(answer, client.parsers, options)[0] as Results<T>;
  }

  async function attempt<T>(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    try {
      try {
        return await run<T>(text, params, options);
      } catch (e) {
        if (!(e instanceof messages.DatabaseError) || !isStale(e)) throw e;
        const stale = statements.get(text);
        if (stale) {
          statements.delete(text);
          closing.push(serialize.close({ type: 'S', name: stale.name }));
        }
        if (inTransaction) throw e;
        return await run<T>(text, params, options);
      }
    } catch (e) {
      if (e instanceof messages.DatabaseError) {
        Object.assign(e, { query: text, params, queryOptions: options });
      }
      throw e;
    }
  }

  const usesOwnPath = (options: QueryOptions | undefined): boolean =>
    options?.blob !== undefined || options?.paramTypes !== undefined;

  return {
    query: async <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
      if (usesOwnPath(options)) return client.query<T>(text, params, options);
      await client._checkReady();
      return client._runExclusiveTransaction(() =>
        client._runExclusiveQuery(async () => {
          const result = await attempt<T>(text, params, options, false);
          await client.syncToFs();
          return result;
        }),
      );
    },
    inTransaction:
      (tx) =>
      async <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
        // As PGlite's own transaction: no query once it has ended.
        if (tx.closed) throw new Error('Transaction is closed');
        return client._runExclusiveQuery(() => attempt<T>(text, params, options, true));
      },
  };
}

/**
 * The client to hand Drizzle: `client` with Drizzle's parsers set in its own table (after PGlite's
 * array parsers, which its start-up set for the array types), and its queries, and those of its
 * transactions, through `queries` (statements prepared once) without those parsers. A later
 * `client.refreshArrayTypes()` would set the array parsers back; nothing here calls it.
 *
 * @example drizzle({ client: forDrizzle(await PGlite.create(dir)) as PGlite })
 */
export function forDrizzle(
  client: PGlite,
  queries: PreparedQueries = preparedQueries(client),
): Pick<PGlite, 'query' | 'transaction'> {
  Object.assign(client.parsers, TEXT_PARSERS);
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction((tx) => {
      const query = queries.inTransaction(tx);
      const wrapped: Transaction = {
        query: (text, params, options) => query(text, params, withoutTextParsers(options)),
        sql: tx.sql.bind(tx),
        exec: tx.exec.bind(tx),
        rollback: tx.rollback.bind(tx),
        listen: tx.listen.bind(tx),
        get closed() {
          return tx.closed;
        },
      };
      return callback(wrapped);
    });
  return {
    query: (query, params, options) => queries.query(query, params, withoutTextParsers(options)),
    transaction,
  };
}
