/**
 * The PGlite client Drizzle is given. Drizzle's PGlite driver passes the same result parsers with
 * every query (dates, timestamps and intervals, and arrays of them and of numerics, kept as the
 * text Postgres sends), and PGlite merges a query's parsers into its own table of about 320 by
 * copying that table for each query. Under `npm start`'s load that copy was over half of what the
 * process allocated (a sampling allocation profile of the stack at 100 events/s: 1.19 of 2.14 GB in
 * 30 s, docs/local-stack.md "Memory"). Here the client gets those parsers once, in its own table,
 * and each query's options lose them when they say nothing more.
 */
import { PGlite, types, type QueryOptions, type Transaction } from '@electric-sql/pglite';

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

/** What Drizzle queries through: `query` and `transaction`, as PGlite and its transactions have them. */
interface Queryable {
  query: PGlite['query'];
}

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

function queryWithoutTextParsers(client: Queryable): PGlite['query'] {
  return (query, params, options) => client.query(query, params, withoutTextParsers(options));
}

/**
 * The client to hand Drizzle: `client` with Drizzle's parsers set in its own table (after PGlite's
 * array parsers, which its start-up set for the array types), and its queries, and those of its
 * transactions, without them. A later `client.refreshArrayTypes()` would set the array parsers
 * back; nothing here calls it.
 *
 * @example drizzle({ client: forDrizzle(await PGlite.create(dir)) as PGlite })
 */
export function forDrizzle(client: PGlite): Pick<PGlite, 'query' | 'transaction'> {
  Object.assign(client.parsers, TEXT_PARSERS);
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction((tx) => {
      const wrapped: Transaction = {
        query: queryWithoutTextParsers(tx),
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
  return { query: queryWithoutTextParsers(client), transaction };
}
