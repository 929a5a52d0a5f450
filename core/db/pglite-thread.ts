/**
 * PGlite in a worker thread of its own: this module runs in the worker (core/db/pglite-proxy.ts
 * starts it) and answers the messages the proxy sends, so that Postgres's work leaves the thread
 * that runs the bridge, the processor and delivery.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { forDrizzle } from './pglite-client.js';
import type { Reply, Request, ThreadData } from './pglite-proxy.js';

const port = parentPort!;
const { dataDir, startParams } = workerData as ThreadData;
const ready = PGlite.create(dataDir, { startParams });
/** The client's queries and transactions as Drizzle is given them (statements prepared once). */
const prepared = ready.then((client) => ({ client, drizzle: forDrizzle(client) }));
/** Open transactions by id, with the function that ends each (commit or roll back). */
const open = new Map<number, { tx: Transaction; end(commit: boolean): void }>();
const unlistens = new Map<string, () => Promise<void>>();
let nextTx = 0;
/** Thrown into a transaction's callback to roll it back. */
const ROLLBACK = Symbol('rollback');

const reply = (message: Reply): void => port.postMessage(message);

/** An error as plain data (its message and its own fields: SQLSTATE `code`, `detail`, `query`…). */
function asData(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const fields: Record<string, unknown> = { message: e.message, name: e.name };
  for (const [key, value] of Object.entries(e)) {
    try {
      structuredClone(value);
      fields[key] = value;
    } catch {
      // A field that cannot cross threads (a function in `queryOptions`) is left out.
    }
  }
  return fields;
}

function txOf(id: number | undefined): Transaction | undefined {
  if (id === undefined) return undefined;
  const entry = open.get(id);
  if (!entry) throw new Error(`transaction ${id} is not open`);
  return entry.tx;
}

async function handle(request: Request): Promise<unknown> {
  const { client, drizzle } = await prepared;
  switch (request.op) {
    case 'query': {
      const tx = txOf(request.tx);
      const options = request.options as QueryOptions | undefined;
      return tx
        ? tx.query(request.text, request.params, options)
        : drizzle.query(request.text, request.params, options);
    }
    case 'exec': {
      const tx = txOf(request.tx);
      return tx ? tx.exec(request.text) : client.exec(request.text);
    }
    case 'begin':
      return new Promise<number>((begun, failed) => {
        const id = ++nextTx;
        let started = false;
        const held = (tx: Transaction) =>
          new Promise<void>((commit, rollBack) => {
            started = true;
            open.set(id, { tx, end: (yes) => (yes ? commit() : rollBack(ROLLBACK)) });
            begun(id);
          });
        drizzle.transaction(held).then(
          () => settle(id, undefined),
          (e: unknown) => (started ? settle(id, e === ROLLBACK ? undefined : e) : failed(e)),
        );
      });
    case 'end': {
      const entry = open.get(request.tx);
      if (!entry) throw new Error(`transaction ${request.tx} is not open`);
      const done = new Promise<void>((resolve, reject) =>
        ending.set(request.tx, { resolve, reject }),
      );
      entry.end(request.commit);
      return done;
    }
    case 'listen': {
      const unlisten = await client.listen(request.channel, (payload) =>
        reply({ notify: request.channel, payload }),
      );
      unlistens.set(request.channel, unlisten);
      return undefined;
    }
    case 'unlisten': {
      await unlistens.get(request.channel)?.();
      unlistens.delete(request.channel);
      return undefined;
    }
    case 'close':
      await client.close();
      return undefined;
  }
}

/** Who waits for each transaction's end: the `end` request's answer. */
const ending = new Map<number, { resolve(): void; reject(e: unknown): void }>();

function settle(id: number, error: unknown): void {
  open.delete(id);
  const waiting = ending.get(id);
  ending.delete(id);
  if (!waiting) return;
  if (error === undefined) waiting.resolve();
  else waiting.reject(error);
}

port.on('message', (request: Request) => {
  handle(request).then(
    (result) => reply({ id: request.id, result }),
    (e: unknown) => reply({ id: request.id, error: asData(e) }),
  );
});
