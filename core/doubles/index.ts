/**
 * A local HTTP vendor double: a Node http server on port 0 that records every request and
 * answers as the test tells it to (200, 4xx, 429 + Retry-After, 5xx, hang, connection reset,
 * or reject one event in a batch). Vendor doubles for GA4, Meta, … build on it by passing their
 * own `Responder`.
 *
 * @example
 * const double = await startVendorDouble();
 * double.respond(answers.status(500));       // every request from now on
 * double.once(answers.tooManyRequests(3));   // only the next request
 * await fetch(double.url + '/events', { method: 'POST', body: '[]' });
 * double.requests[0].body;                   // '[]'
 * await double.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path plus query string, as received. */
  url: string;
  path: string;
  /** The path and query as the client sent them, where a proxy took a prefix off `url` (the sandbox's `/vendors/<key>`); signatures cover it. */
  sentUrl?: string;
  query: URLSearchParams;
  /** Lower-cased header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** The body's bytes as received (compressed bodies: `body` is their lossy UTF-8 reading). */
  raw: Buffer;
  /** `body` parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  receivedAt: number;
}

/** What the double answers. `hang` never answers; `reset` destroys the connection. */
export type Answer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true }
  | { reset: true };

/** Decides the answer for one request (may inspect it). */
export type Responder = (req: RecordedRequest) => Answer | Promise<Answer>;

/** Ready-made responders. */
export const answers = {
  /** 200 with a small JSON body (or the body given). */
  ok(body: unknown = { ok: true }): Responder {
    return () => json(200, body);
  },
  /** Any status, e.g. `answers.status(400, { error: 'bad' })`. */
  status(
    status: number,
    body: unknown = { error: `status ${status}` },
    headers: Record<string, string> = {},
  ): Responder {
    return () => json(status, body, headers);
  },
  /** 429 with `Retry-After` in seconds (number) or as an HTTP date (string). */
  tooManyRequests(retryAfter: number | string): Responder {
    return () => json(429, { error: 'rate limited' }, { 'retry-after': String(retryAfter) });
  },
  /** Accepts the connection and never answers (until the double closes). */
  hang(): Responder {
    return () => ({ hang: true });
  },
  /** Destroys the socket without an answer (a network error on the client side). */
  reset(): Responder {
    return () => ({ reset: true });
  },
  /**
   * For a JSON-array body: 200 with `{"rejected":[{"index","event_id","reason"}]}` naming the
   * items `reject` picks, the rest accepted. Vendor doubles with their own partial-failure
   * format pass their own `Responder` instead.
   */
  rejectEvents(
    reject: (item: unknown, index: number) => boolean,
    reason = 'rejected by double',
  ): Responder {
    return (req) => {
      const items = Array.isArray(req.json) ? (req.json as unknown[]) : [req.json];
      const rejected = items.flatMap((item, index) =>
        reject(item, index) ? [{ index, event_id: eventIdOf(item), reason }] : [],
      );
      return json(200, { ok: rejected.length === 0, rejected });
    };
  },
} as const;

function eventIdOf(item: unknown): string | undefined {
  if (item && typeof item === 'object' && 'event_id' in item) {
    const id = (item as { event_id: unknown }).event_id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/**
 * A JSON answer (a string body is sent as it is).
 *
 * @example json(400, { error: 'bad' }).status // → 400
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export interface VendorDouble {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The default answer from now on. */
  respond(responder: Responder): void;
  /** Answer the next request with this (queued; used before the default). */
  once(responder: Responder): void;
  /** Resolves once at least `count` requests have arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Forget recorded requests and queued answers; default answer back to 200. */
  reset(): void;
  /** Release hanging requests and stop listening. */
  close(): Promise<void>;
}

interface VendorDoubleOptions {
  /** Default answer (200 `{"ok":true}` if omitted). */
  respond?: Responder;
  /** Keep only the last N requests in memory (benchmarks); default keeps all. */
  maxRecorded?: number;
  /** Count requests here instead of (or besides) recording them. */
  onRequest?: (req: RecordedRequest) => void;
}

/**
 * Start a double on 127.0.0.1, port 0.
 *
 * @example const d = await startVendorDouble({ respond: answers.status(503) });
 */
export async function startVendorDouble(options: VendorDoubleOptions = {}): Promise<VendorDouble> {
  let fallback: Responder = options.respond ?? answers.ok();
  const queue: Responder[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://double.local');
    let parsedJson: unknown;
    try {
      parsedJson = body ? JSON.parse(body) : undefined;
    } catch {
      parsedJson = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers,
      body,
      raw,
      json: parsedJson,
      receivedAt: Date.now(),
    };
    requests.push(recorded);
    if (options.maxRecorded !== undefined && requests.length > options.maxRecorded)
      requests.shift();
    options.onRequest?.(recorded);
    for (const w of [...waiters]) w();

    const responder = queue.shift() ?? fallback;
    let answer: Answer;
    try {
      answer = await responder(recorded);
    } catch {
      answer = json(500, { error: 'double responder threw' });
    }
    if ('hang' in answer) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if ('reset' in answer) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(responder) {
      fallback = responder;
    },
    once(responder) {
      queue.push(responder);
    },
    waitForRequests(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        if (requests.length >= count) return resolve(requests);
        const check = (): void => {
          if (requests.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(requests);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`double saw ${requests.length} of ${count} requests`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      fallback = options.respond ?? answers.ok();
    },
    async close() {
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
