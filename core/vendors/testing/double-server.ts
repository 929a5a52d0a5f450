/**
 * A vendor double = a pure contract handler (`DoubleRequest → DoubleReply`) served on a random
 * port. It records every request and can be told to answer otherwise (status, Retry-After,
 * hang) for the next requests, so delivery tests can drive retries.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface DoubleReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

/** Validates one request against the vendor's contract and answers like the vendor. */
export type DoubleHandler = (req: DoubleRequest) => DoubleReply;

/** A forced answer for the next request(s): a reply, or `hang` (never answers). */
export type ForcedReply = DoubleReply | 'hang';

export interface RecordedRequest extends DoubleRequest {
  reply: DoubleReply | 'hang';
}

export interface RunningDouble {
  /** Base URL (`http://127.0.0.1:PORT`). */
  url: string;
  requests: RecordedRequest[];
  /** Answer the next request(s) with these instead of the contract handler, in order. */
  force(...replies: ForcedReply[]): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Serve a handler on 127.0.0.1 port 0.
 *
 * @example
 * const d = await serveDouble(metaDouble());
 * // … point endpoint_override at d.url …
 * await d.close();
 */
export async function serveDouble(handler: DoubleHandler): Promise<RunningDouble> {
  const requests: RecordedRequest[] = [];
  const forced: ForcedReply[] = [];
  const hanging = new Set<() => void>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const u = new URL(req.url ?? '/', 'http://double.local');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const dreq: DoubleRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers, body };
      const reply = forced.length ? forced.shift()! : handler(dreq);
      requests.push({ ...dreq, reply });
      if (reply === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(payload);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    force: (...r) => void forced.push(...r),
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of hanging) h();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reply helpers for handlers. */
export const reply = {
  json: (status: number, body: object, headers: Record<string, string> = {}): DoubleReply => ({ status, body, headers }),
  empty: (status: number): DoubleReply => ({ status }),
};
