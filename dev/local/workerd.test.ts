import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serializeKeyRecord } from '../../core/keys/index.js';
import { freePort } from '../../core/testkit/ports.js';
import { bundleWorker, capnpString, compatibilityDate, startWorkerd } from './workerd.js';

// The edge's bundle served by `workerd serve` itself, as production runs it (no Miniflare entry
// Worker in front), many requests at once, against a bridge double that answers late: the
// requests of one isolate overlap, and whatever the edge shares between them (the bridge client,
// its headers and open count, the key cache, the pool of random words) is used by several at the
// same time. workerd refuses one request's I/O in another ("Cannot perform I/O on behalf of a
// different request"), and the bridge POST shared between requests that was tried in December
// 2026 failed that way here while Miniflare showed no error (docs/edge.md "Why each request sends
// its own bridge request").

const KEY = 'dk_workerd_concurrency01';
const ORIGIN = 'https://shop.example';
const RECORD = serializeKeyRecord({
  v: 1,
  kind: 'browser',
  pipeline_id: 'pip_w',
  org_id: 'org_w',
  source_id: 'src_w',
  status: 'active',
  allowed_origins: [ORIGIN],
  cookie_domain: 'shop.example',
});

/** Late answers in no order: a request's bridge call settles while others of the isolate wait. */
const bridgeDelayMs = (): number => 5 + Math.floor(Math.random() * 30);

/** What the bridge double does: which requests it fails, and what it stored. */
const bridge = {
  fail: (_n: number): boolean => false,
  requests: 0,
  /** event_id → how many times the bridge acknowledged it. */
  stored: new Map<string, number>(),
};

function bridgeDouble(): Server {
  return createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const n = ++bridge.requests;
      setTimeout(() => {
        if (req.url !== '/topics/raw-events' || bridge.fail(n)) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error_code":50001}');
          return;
        }
        const { records } = JSON.parse(body) as { records: { value: { event_id: string } }[] };
        for (const { value } of records)
          bridge.stored.set(value.event_id, (bridge.stored.get(value.event_id) ?? 0) + 1);
        const offsets = records.map((_, i) => ({ partition: 0, offset: i, error_code: null }));
        res
          .writeHead(200, { 'content-type': 'application/vnd.kafka.v2+json' })
          .end(JSON.stringify({ offsets }));
      }, bridgeDelayMs());
    });
  });
}

const serverConfig = (date: string, edgePort: number, bridgePort: number) => `
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edge),
    (name = "kv", worker = .kv),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "edge", address = "127.0.0.1:${edgePort}", http = (), service = "edge")],
);
const edge :Workerd.Worker = (
  modules = [(name = "edge.js", esModule = embed "edge.js")],
  compatibilityDate = "${date}",
  bindings = [
    (name = "PIPELINE_KEYS", kvNamespace = "kv"),
    (name = "BRIDGE_URL", text = "http://127.0.0.1:${bridgePort}"),
    (name = "BRIDGE_TOKEN", text = "workerd-test-token"),
  ],
  globalOutbound = "loopback",
);
const kv :Workerd.Worker = (
  modules = [(name = "kv.js", esModule = embed "kv.js")],
  compatibilityDate = "${date}",
  bindings = [(name = "KEY", text = ${capnpString(KEY)}), (name = "RECORD", text = ${capnpString(RECORD)})],
);
`;

interface Answer {
  status: number;
  body: {
    ok?: boolean;
    event_id?: string;
    error?: { code: string; message: string };
    text?: string;
  };
}

/** `count` calls of `send(i)`, `concurrency` at a time, in order of `i`. */
async function many(
  count: number,
  concurrency: number,
  send: (i: number) => Promise<Answer>,
): Promise<Answer[]> {
  const answers: Answer[] = new Array<Answer>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        answers[i] = await send(i);
      }
    }),
  );
  return answers;
}

describe('the edge in workerd itself (no Miniflare), many requests of one isolate at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'datafly-workerd-'));
  let workerd: ChildProcess | undefined;
  let server: Server;
  let url = '';
  let stderr = '';

  const post = async (path: string, body: unknown): Promise<Answer> => {
    const res = await fetch(`${url}${path}?k=${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      // Not the edge's JSON (workerd's own "Internal Server Error" page): kept for the failure.
      return { status: res.status, body: { text } };
    }
  };
  const track = (id: string) => post('/v1/t', { event: 'Concurrent', event_id: id });
  /** workerd logged no request's I/O refused in another, and nothing uncaught. */
  const expectCleanLog = () =>
    expect(stderr).not.toMatch(/on behalf of a different request|Uncaught|internal error/i);

  beforeAll(async () => {
    server = bridgeDouble();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const bridgePort = (server.address() as AddressInfo).port;
    const edgePort = await freePort();
    await Promise.all([
      bundleWorker('edge/index.ts', join(dir, 'edge.js')),
      bundleWorker('dev/local/workerd-kv.ts', join(dir, 'kv.js')),
    ]);
    writeFileSync(
      join(dir, 'server.capnp'),
      serverConfig(compatibilityDate(), edgePort, bridgePort),
    );
    workerd = startWorkerd(join(dir, 'server.capnp'), { onStderr: (t) => (stderr += t) });
    url = `http://127.0.0.1:${edgePort}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await track('ready')).status === 200) break;
      } catch (e) {
        if (Date.now() > deadline)
          throw new Error(`workerd did not serve: ${String(e)}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  beforeEach(() => {
    bridge.stored.clear();
    bridge.fail = () => false;
  });

  afterAll(async () => {
    workerd?.kill('SIGTERM');
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 600 events sent 48 at a time, each with its own id, and the bridge stores each once', async () => {
    const answers = await many(600, 48, (i) => track(`c-${i}`));

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.map((a) => a.body.event_id)).toEqual(answers.map((_, i) => `c-${i}`));
    expect(bridge.stored.size).toBe(600);
    expect([...bridge.stored.values()].every((n) => n === 1)).toBe(true);
    expectCleanLog();
  }, 60_000);

  it('answers batches from 12 clients at once with every event stored once', async () => {
    const answers = await many(60, 12, (b) =>
      post('/v1/batch', {
        batch: Array.from({ length: 50 }, (_, i) => ({
          type: 'track',
          event: 'Batched',
          event_id: `b-${b}-${i}`,
        })),
      }),
    );

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(bridge.stored.size).toBe(3000);
    expect([...bridge.stored.values()].every((n) => n === 1)).toBe(true);
    expectCleanLog();
  }, 60_000);

  it('answers 503 to the events whose bridge call failed, 200 to the rest, and keeps serving', async () => {
    const failedAt = bridge.requests;
    // Every third bridge request from here fails with 500, answered late like the others.
    bridge.fail = (n) => (n - failedAt) % 3 === 0;
    const answers = await many(300, 32, (i) => track(`f-${i}`));

    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBe(100);
    expect(answers.filter((a) => a.status !== 503 && a.status !== 200)).toEqual([]);
    for (const a of refused) {
      expect(a.body.error?.code).toBe('upstream_unavailable');
      expect(a.body.error?.message).toMatch(/event log answered 500; retry later/);
    }
    expect(bridge.stored.size).toBe(200);

    // The failed calls' connections to the bridge did not stall the ones after them.
    bridge.fail = () => false;
    const after = await many(200, 32, (i) => track(`a-${i}`));
    expect(after.filter((a) => a.status !== 200)).toEqual([]);
    expectCleanLog();
  }, 60_000);
});
