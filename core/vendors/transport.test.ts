import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport, undiciTransport, withoutRedirects, type Transport } from './transport.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A local server answering with `handle`; the paths it was asked for, in order. */
async function serve(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString()));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const transports: { name: string; make: () => Transport }[] = [
  { name: 'undici', make: () => undiciTransport() },
  { name: 'fetch', make: () => fetchTransport() },
];

describe.each(transports)('the $name transport', ({ make }) => {
  it('answers with the 3xx itself and does not follow it', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/events') res.writeHead(302, { location: '/elsewhere' }).end('moved');
      else res.writeHead(200).end('ok');
    });
    const response = await make()(
      { method: 'POST', url: `${s.url}/events`, headers: {}, body: '{}' },
      1_000,
    );
    expect(response).toMatchObject({ status: 302, body: 'moved' });
    expect(response.headers.location).toBe('/elsewhere');
    expect(s.paths).toEqual(['/events']);
  });

  it('sends method, headers and body, and reads a repeated header joined', async () => {
    const s = await serve((req, res, body) => {
      res.setHeader('x-seen', ['a', 'b']);
      res
        .writeHead(201, { 'content-type': 'text/plain' })
        .end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
    });
    const response = await make()({
      method: 'PUT',
      url: `${s.url}/x`,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode('{"a":1}') as Uint8Array<ArrayBuffer>,
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-seen']).toBe('a, b');
    expect(JSON.parse(response.body)).toEqual({
      method: 'PUT',
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  it('fails with a TimeoutError when the whole answer takes longer than the timeout', async () => {
    // Headers at once, then a chunk every 30 ms: no gap is long, the whole is.
    const s = await serve((_req, res) => {
      res.writeHead(200);
      const tick = setInterval(() => res.write('.'), 30);
      res.on('close', () => clearInterval(tick));
    });
    const err = await make()({ method: 'GET', url: `${s.url}/slow`, headers: {} }, 200).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('TimeoutError');
  });

  it('rejects with the network failure when nothing listens', async () => {
    const s = await serve(() => undefined);
    servers.splice(0).forEach((x) => x.close());
    const err = await make()({ method: 'GET', url: `${s.url}/`, headers: {} }, 1_000).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.name).not.toBe('TimeoutError');
    const why = err!.cause instanceof Error ? err!.cause.message : err!.message;
    expect(why).toContain('ECONNREFUSED');
  });
});

it('withoutRedirects makes a fetch answer with the 3xx instead of following it', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/token') res.writeHead(301, { location: '/elsewhere' }).end();
    else res.writeHead(200).end('{"access_token":"t"}');
  });
  const res = await withoutRedirects(fetch)(`${s.url}/token`, { method: 'POST', body: 'x' });
  expect(res.status).toBe(301);
  expect(s.paths).toEqual(['/token']);
});

describe.each(transports)('the $name transport, headers', ({ make }) => {
  it('adds what fetch adds when a request names none, and keeps what it names', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const s = await serve((req, res) => {
      const { accept, 'user-agent': agent, 'content-type': type } = req.headers;
      seen.push({ accept, agent, type });
      res.writeHead(200).end();
    });
    const send = make();
    await send({ method: 'POST', url: s.url, headers: {}, body: 'a=1' });
    await send({
      method: 'POST',
      url: s.url,
      headers: { Accept: 'application/json', 'User-Agent': 'v/1', 'Content-Type': 'text/csv' },
      body: 'a,b',
    });
    await send({
      method: 'POST',
      url: s.url,
      headers: {},
      body: new Uint8Array([1]) as Uint8Array<ArrayBuffer>,
    });
    expect(seen).toEqual([
      { accept: '*/*', agent: 'node', type: 'text/plain;charset=UTF-8' },
      { accept: 'application/json', agent: 'v/1', type: 'text/csv' },
      { accept: '*/*', agent: 'node', type: undefined },
    ]);
  });
});
