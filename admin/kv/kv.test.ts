// The two KV adapters: the Cloudflare REST API against a local HTTP double that checks the
// documented path and bearer auth, and Miniflare's KV namespace.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataflyError } from '../../core/errors/index.js';
import { cloudflareKv } from './cloudflare.js';
import { openMiniflareKv } from './miniflare.js';

const ACCOUNT = 'acc123';
const NAMESPACE = 'ns456';
const TOKEN = 'cf-api-token-secret';

/** Cloudflare KV double: `PUT /client/v4/accounts/{account}/storage/kv/namespaces/{ns}/values/{key}`. */
function kvDouble() {
  const values = new Map<string, string>();
  const seen: { method: string; url: string; auth: string | undefined }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
      const match =
        /^\/client\/v4\/accounts\/([^/]+)\/storage\/kv\/namespaces\/([^/]+)\/values\/([^/?]+)$/.exec(
          req.url ?? '',
        );
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.statusCode = 401;
        res.end(
          JSON.stringify({
            success: false,
            errors: [{ code: 10000, message: 'Authentication error' }],
          }),
        );
        return;
      }
      if (req.method !== 'PUT' || !match || match[1] !== ACCOUNT || match[2] !== NAMESPACE) {
        res.statusCode = 404;
        res.end(
          JSON.stringify({ success: false, errors: [{ code: 7003, message: 'Could not route' }] }),
        );
        return;
      }
      values.set(decodeURIComponent(match[3]!), Buffer.concat(chunks).toString('utf8'));
      res.end(JSON.stringify({ success: true, errors: [], messages: [], result: null }));
    });
  });
  return { server, values, seen };
}

describe('Cloudflare KV REST adapter', () => {
  const double = kvDouble();
  let baseUrl: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => double.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(double.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => double.server.close(() => resolve())));

  it('PUTs the record to the documented path with the bearer token', async () => {
    const kv = cloudflareKv({
      accountId: ACCOUNT,
      namespaceId: NAMESPACE,
      apiToken: TOKEN,
      baseUrl,
    });
    await kv.put('dk_abcdef123', '{"v":1}');
    expect(double.values.get('dk_abcdef123')).toBe('{"v":1}');
    expect(double.seen.at(-1)).toEqual({
      method: 'PUT',
      url: `/client/v4/accounts/${ACCOUNT}/storage/kv/namespaces/${NAMESPACE}/values/dk_abcdef123`,
      auth: `Bearer ${TOKEN}`,
    });
  });

  it.each([
    {
      name: 'a wrong token',
      options: { accountId: ACCOUNT, namespaceId: NAMESPACE, apiToken: 'wrong-token' },
    },
    {
      name: 'a wrong namespace',
      options: { accountId: ACCOUNT, namespaceId: 'other', apiToken: TOKEN },
    },
  ])(
    'reports $name as upstream_unavailable without the token in the message',
    async ({ options }) => {
      const kv = cloudflareKv({ ...options, baseUrl });
      const error = await kv.put('dk_abcdef123', '{}').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataflyError);
      expect((error as DataflyError).code).toBe('upstream_unavailable');
      expect((error as DataflyError).message).not.toContain(options.apiToken);
    },
  );

  it('reports an unreachable API as upstream_unavailable', async () => {
    const kv = cloudflareKv({
      accountId: ACCOUNT,
      namespaceId: NAMESPACE,
      apiToken: TOKEN,
      baseUrl: 'http://127.0.0.1:1',
    });
    await expect(kv.put('dk_abcdef123', '{}')).rejects.toMatchObject({
      code: 'upstream_unavailable',
    });
  });
});

describe('Miniflare KV adapter', () => {
  it('writes records the Worker binding reads back', async () => {
    const opened = await openMiniflareKv({});
    try {
      await opened.kv.put('dk_local1234', '{"v":1,"status":"active"}');
      expect(await opened.namespace.get('dk_local1234')).toBe('{"v":1,"status":"active"}');
    } finally {
      await opened.close();
    }
  });
});
