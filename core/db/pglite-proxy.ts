/**
 * PGlite in a worker thread, behind a client with PGlite's `query`, `transaction`, `listen` and
 * `close`, for Drizzle (core/db/client.ts). Postgres's work then runs beside the thread that runs
 * the bridge, the processor and delivery instead of in it: in `npm run bench -- e2e` PGlite was
 * about 45 % of that thread (docs/local-stack.md "The embedded database").
 *
 * Each call is a message to the worker (core/db/pglite-thread.ts) and its answer; results are
 * parsed there (Drizzle's text parsers included) and copied back. A transaction holds PGlite's
 * transaction in the worker until the proxy ends it, so other queries wait for it as they do on
 * PGlite itself. Errors come back with their fields (SQLSTATE `code`, `detail`, `query`…).
 */
import { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { withoutTextParsers } from './pglite-client.js';

/** What the worker is started with. */
export interface ThreadData {
  dataDir: string;
  startParams: string[];
}

/** A call to the worker. */
export type Request = { id: number } & (
  | { op: 'query'; text: string; params: unknown[]; options?: QueryOptions; tx?: number }
  | { op: 'exec'; text: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen' | 'unlisten'; channel: string }
  | { op: 'close' }
);

/** The worker's answer to a call, or a notification on a channel listened to. */
export type Reply =
  | { id: number; result: unknown }
  | { id: number; error: Record<string, unknown> }
  | { notify: string; payload: string };

/** The part of PGlite the database handle uses. */
export type ThreadedPglite = Pick<PGlite, 'query' | 'transaction'> & {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Options that can cross to the worker: Drizzle's parsers are set there already; any other
 * parser or serializer is a function and cannot be copied.
 */
function portable(options: QueryOptions | undefined): QueryOptions | undefined {
  const rest = withoutTextParsers(options);
  if (rest?.parsers || rest?.serializers || rest?.onNotice || rest?.blob)
    throw new Error(
      'PGlite in a worker thread takes no parsers, serializers, onNotice or blob in query options',
    );
  return rest;
}

/**
 * Start PGlite in a worker thread on `dataDir` and answer once it is open.
 *
 * @example const client = await threadedPglite({ dataDir: './.datafly', startParams });
 */
export async function threadedPglite(data: ThreadData): Promise<ThreadedPglite> {
  const worker = new Worker(new URL('./pglite-thread.ts', import.meta.url), {
    workerData: data,
    // The worker loads TypeScript the way this process does.
    execArgv: ['--import', 'tsx'],
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let nextId = 0;
  let failure: Error | undefined;
  // The worker keeps the process alive only while an answer is awaited, as PGlite in this thread
  // holds no handle of its own.
  worker.unref();

  worker.on('message', (reply: Reply) => {
    if ('notify' in reply) {
      for (const listener of listeners.get(reply.notify) ?? []) listener(reply.payload);
      return;
    }
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if ('error' in reply) {
      const { message, ...fields } = reply.error;
      call.reject(Object.assign(new Error(String(message)), fields));
    } else call.resolve(reply.result);
  });
  const fail = (e: Error) => {
    failure = e;
    for (const call of waiting.values()) call.reject(e);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PGlite worker thread exited (code ${code})`)));

  const call = <T>(request: Distribute<Request>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    if (waiting.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id } as Request);
    });
  };

  const query = <T>(text: string, params: unknown[] = [], options?: QueryOptions, tx?: number) => {
    const opts = portable(options);
    return call<Results<T>>({
      op: 'query',
      text,
      params,
      ...(opts ? { options: opts } : {}),
      ...(tx === undefined ? {} : { tx }),
    });
  };

  const transaction: PGlite['transaction'] = async (callback) => {
    const id = await call<number>({ op: 'begin' });
    let closed = false;
    const end = async (commit: boolean) => {
      closed = true;
      await call({ op: 'end', tx: id, commit });
    };
    const ensureOpen = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: Transaction = {
      query: async (text, params, options) => {
        ensureOpen();
        return query(text, params, options, id);
      },
      sql: () => Promise.reject(new Error('tx.sql is not available through the PGlite worker')),
      exec: async (text) => {
        ensureOpen();
        return call({ op: 'exec', text, tx: id });
      },
      rollback: async () => {
        ensureOpen();
        await end(false);
      },
      listen: () => Promise.reject(new Error('listen inside a transaction is not available')),
      get closed() {
        return closed;
      },
    };
    try {
      const result = await callback(tx);
      if (!closed) await end(true);
      return result;
    } catch (e) {
      if (!closed) await end(false).catch(() => {});
      throw e;
    }
  };

  const ready = call<void>({ op: 'exec', text: 'select 1' });
  await ready;
  return {
    query,
    transaction,
    listen: async (channel, onPayload) => {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await call({ op: 'listen', channel });
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          await call({ op: 'unlisten', channel });
        }
      };
    },
    close: async () => {
      if (!failure) await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
