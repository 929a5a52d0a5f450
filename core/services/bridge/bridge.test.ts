// The bridge over real HTTP (port 0), on the in-process bus always and on the real Kafka broker
// when TEST_KAFKA_BROKERS is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/index.js';
import { busBackends, readMessages, uniqueName } from '../../testkit/bus.js';
import type { Bus } from '../../bus/types.js';
import { DataflyError } from '../../errors/index.js';
import { loadBridgeConfig } from './config.js';
import { createBridge, type Bridge } from './index.js';

const TOKEN = 'test-bridge-token';

describe('bridge configuration', () => {
  const cases = [
    {
      name: 'defaults to port 8083, the raw-events allow-list and the in-process bus',
      env: { BRIDGE_TOKEN: TOKEN },
      expected: { PORT: 8083, BRIDGE_TOPICS: ['raw-events', 'live-trace'], KAFKA_BROKERS: [] },
    },
    {
      name: 'reads a comma-separated broker list and topic allow-list',
      env: {
        BRIDGE_TOKEN: TOKEN,
        PORT: '9000',
        KAFKA_BROKERS: 'a:9092, b:9092',
        BRIDGE_TOPICS: 'raw-events,other',
      },
      expected: {
        PORT: 9000,
        BRIDGE_TOPICS: ['raw-events', 'other'],
        KAFKA_BROKERS: ['a:9092', 'b:9092'],
      },
    },
  ];
  it.each(cases)('$name', ({ env, expected }) => {
    expect(loadBridgeConfig(env)).toMatchObject(expected);
  });

  it('refuses to start without a bridge token', () => {
    expect(() => loadBridgeConfig({})).toThrow(/BRIDGE_TOKEN/);
  });
});

describe.each(busBackends())('bridge on the $name bus', ({ make }) => {
  let bus: Bus;
  let bridge: Bridge;
  let base: string;
  const topic = uniqueName('bridge-raw');

  beforeAll(async () => {
    bus = make();
    const config = loadBridgeConfig({
      BRIDGE_TOKEN: TOKEN,
      PORT: '0',
      HOST: '127.0.0.1',
      BRIDGE_TOPICS: topic,
      BRIDGE_MAX_BODY_BYTES: '4096',
    });
    bridge = createBridge(config, { bus, log: silentLogger });
    const { port } = await bridge.start();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await bridge.close();
    await bus.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/vnd.kafka.json.v2+json',
        ...headers,
      },
      body,
    });

  const errorCases: {
    name: string;
    path: string;
    headers: Record<string, string>;
    body: string;
    status: number;
    errorCode: number;
    field?: string;
  }[] = [
    {
      name: 'rejects a request without a bearer token',
      path: 'TOPIC',
      headers: { authorization: '' },
      body: '{"records":[{"value":1}]}',
      status: 401,
      errorCode: 40101,
    },
    {
      name: 'rejects a wrong bearer token',
      path: 'TOPIC',
      headers: { authorization: 'Bearer wrong-token' },
      body: '{"records":[{"value":1}]}',
      status: 401,
      errorCode: 40101,
    },
    {
      name: 'answers 40401 for a topic outside the allow-list',
      path: 'not-allowed',
      headers: {},
      body: '{"records":[{"value":1}]}',
      status: 404,
      errorCode: 40401,
    },
    {
      name: 'rejects a non-JSON embedded format',
      path: 'TOPIC',
      headers: { 'content-type': 'application/vnd.kafka.binary.v2+json' },
      body: '{"records":[{"value":"AQ=="}]}',
      status: 415,
      errorCode: 41501,
    },
    {
      name: 'rejects a body that is not JSON',
      path: 'TOPIC',
      headers: {},
      body: '{"records":[',
      status: 422,
      errorCode: 42201,
    },
    {
      name: 'rejects an empty record list',
      path: 'TOPIC',
      headers: {},
      body: '{"records":[]}',
      status: 422,
      errorCode: 42201,
      field: 'records',
    },
    {
      name: 'rejects a record without a value',
      path: 'TOPIC',
      headers: {},
      body: '{"records":[{"value":1},{"key":"k"}]}',
      status: 422,
      errorCode: 42201,
      field: 'records.1.value',
    },
    {
      name: 'rejects a negative partition',
      path: 'TOPIC',
      headers: {},
      body: '{"records":[{"value":1,"partition":-1}]}',
      status: 422,
      errorCode: 42201,
      field: 'records.0.partition',
    },
    {
      name: 'rejects a body above the size limit',
      path: 'TOPIC',
      headers: {},
      body: JSON.stringify({ records: [{ value: 'x'.repeat(5000) }] }),
      status: 413,
      errorCode: 41301,
    },
  ];
  it.each(errorCases)('$name', async ({ path, headers, body, status, errorCode, field }) => {
    const res = await post(`/topics/${path === 'TOPIC' ? topic : path}`, body, headers);
    expect(res.status).toBe(status);
    const json = (await res.json()) as {
      error_code: number;
      message: string;
      error: { field?: string };
    };
    expect(json.error_code).toBe(errorCode);
    expect(typeof json.message).toBe('string');
    if (field) expect(json.error.field).toBe(field);
  });

  it('acknowledges records with their offsets after they are in the log, for both content types', async () => {
    const a = await post(
      `/topics/${topic}`,
      JSON.stringify({
        records: [
          { key: 'anon-1', value: { event_id: 'e1' } },
          { key: 'anon-1', value: { event_id: 'e2' } },
        ],
      }),
    );
    const b = await post(
      `/topics/${topic}`,
      JSON.stringify({ records: [{ key: 'anon-2', value: { event_id: 'e3' } }] }),
      {
        'content-type': 'application/json; charset=utf-8',
      },
    );
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const ja = (await a.json()) as {
      key_schema_id: null;
      offsets: { partition: number; offset: number; error_code: null }[];
    };
    const jb = (await b.json()) as { offsets: { partition: number; offset: number }[] };
    expect(ja.key_schema_id).toBeNull();
    expect(ja.offsets).toHaveLength(2);
    expect(ja.offsets[1]!.partition).toBe(ja.offsets[0]!.partition);
    expect(ja.offsets[1]!.offset).toBe(ja.offsets[0]!.offset + 1);
    expect(ja.offsets.every((o) => o.error_code === null)).toBe(true);

    const messages = await readMessages(bus, [topic], 3);
    const byId = new Map(
      messages.map((m) => [(JSON.parse(m.value) as { event_id: string }).event_id, m]),
    );
    expect(byId.get('e1')).toMatchObject({
      key: 'anon-1',
      partition: ja.offsets[0]!.partition,
      offset: String(ja.offsets[0]!.offset),
    });
    expect(byId.get('e3')).toMatchObject({
      key: 'anon-2',
      partition: jb.offsets[0]!.partition,
      offset: String(jb.offsets[0]!.offset),
    });
  });

  it('counts produced records per topic on /metrics (no token needed, nothing secret in it)', async () => {
    const count = async (): Promise<number> => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`datafly_bridge_records_total{topic="${topic}",result="ok"}`));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await count();
    expect(
      (await post(`/topics/${topic}`, JSON.stringify({ records: [{ value: 1 }, { value: 2 }] })))
        .status,
    ).toBe(200);
    expect((await count()) - before).toBe(2);
    expect(await (await fetch(`${base}/metrics`)).text()).not.toContain(TOKEN);
  });

  it('gives every concurrent request the offsets of its own records', async () => {
    const topicLocal = topic;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          `/topics/${topicLocal}`,
          JSON.stringify({
            records: [0, 1, 2].map((j) => ({ key: `k-${i}`, value: { event_id: `c-${i}-${j}` } })),
          }),
        ).then(async (r) => ({
          i,
          body: (await r.json()) as { offsets: { partition: number; offset: number }[] },
        })),
      ),
    );
    const all = await readMessages(bus, [topicLocal], 63);
    const at = new Map(
      all.map((m) => [
        `${m.partition}:${m.offset}`,
        (JSON.parse(m.value) as { event_id: string }).event_id,
      ]),
    );
    for (const { i, body } of responses) {
      body.offsets.forEach((o, j) =>
        expect(at.get(`${o.partition}:${o.offset}`)).toBe(`c-${i}-${j}`),
      );
    }
  });

  it('reports a partition that does not exist on its record only', async () => {
    const res = await post(
      `/topics/${topic}`,
      JSON.stringify({ records: [{ value: { ok: 1 } }, { value: { bad: 1 }, partition: 999 }] }),
    );
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      offsets: { partition: number; offset: number | null; error_code: number | null }[];
    };
    expect(json.offsets[0]!.error_code).toBeNull();
    expect(json.offsets[1]).toMatchObject({ partition: 999, offset: null, error_code: 40402 });
  });
});

describe('bridge when the broker fails', () => {
  it('answers 503 with a Confluent 5xx code and does not claim an offset', async () => {
    const failing: Bus = {
      createTopics: async () => undefined,
      produce: async () => {
        throw new DataflyError('upstream_unavailable', 'kafka: connection refused');
      },
      consumer: () => {
        throw new Error('not used');
      },
      close: async () => undefined,
    };
    const bridge = createBridge(
      loadBridgeConfig({ BRIDGE_TOKEN: TOKEN, PORT: '0', HOST: '127.0.0.1' }),
      { bus: failing, log: silentLogger },
    );
    const { port } = await bridge.start();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/topics/raw-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: '{"records":[{"value":{"a":1}}]}',
      });
      expect(res.status).toBe(503);
      const json = (await res.json()) as { error_code: number; offsets?: unknown };
      expect(json.error_code).toBe(50301);
      expect(json.offsets).toBeUndefined();
    } finally {
      await bridge.close();
    }
  });
});

describe('bridge while the broker hangs', () => {
  /** A bus whose sends wait until `release()`; records of every send are kept. */
  function hangingBus() {
    const sent: string[][] = [];
    const waiting: (() => void)[] = [];
    const bus: Bus = {
      createTopics: async () => undefined,
      produce: async (_topic, records) => {
        sent.push(records.map((r) => r.value));
        await new Promise<void>((resolve) => waiting.push(resolve));
        return records.map((_, i) => ({ partition: 0, offset: String(i) }));
      },
      consumer: () => {
        throw new Error('not used');
      },
      close: async () => undefined,
    };
    return { bus, sent, release: () => waiting.splice(0).forEach((r) => r()) };
  }

  it('answers 503 with Retry-After at its deadline and never sends the records that were still waiting', async () => {
    const h = hangingBus();
    const bridge = createBridge(
      loadBridgeConfig({
        BRIDGE_TOKEN: TOKEN,
        PORT: '0',
        HOST: '127.0.0.1',
        BRIDGE_DEADLINE_MS: '200',
      }),
      { bus: h.bus, log: silentLogger },
    );
    const { port } = await bridge.start();
    const post = (value: string) =>
      fetch(`http://127.0.0.1:${port}/topics/raw-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: [{ value }] }),
      });
    try {
      // The first request's send hangs; the second waits behind it in the queue.
      const [first, second] = await Promise.all([post('first'), post('second')]);
      expect([first.status, second.status]).toEqual([503, 503]);
      expect(second.headers.get('retry-after')).toBe('1');
      h.release();
      await new Promise((r) => setTimeout(r, 50));
      expect(h.sent).toEqual([['"first"']]);
    } finally {
      h.release();
      await bridge.close();
    }
  });

  it('refuses at once when its queue is full', async () => {
    const h = hangingBus();
    const bridge = createBridge(
      loadBridgeConfig({
        BRIDGE_TOKEN: TOKEN,
        PORT: '0',
        HOST: '127.0.0.1',
        BRIDGE_DEADLINE_MS: '5000',
        BRIDGE_MAX_QUEUED_RECORDS: '2',
      }),
      { bus: h.bus, log: silentLogger },
    );
    const { port } = await bridge.start();
    const post = (n: number) =>
      fetch(`http://127.0.0.1:${port}/topics/raw-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: Array.from({ length: n }, (_, i) => ({ value: i })) }),
      });
    try {
      const inSend = post(1);
      await new Promise((r) => setTimeout(r, 50));
      const queued = post(2);
      await new Promise((r) => setTimeout(r, 50));
      const refused = await post(1);
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error_code: number }).error_code).toBe(50302);
      expect(refused.headers.get('retry-after')).toBe('1');
      h.release();
      await new Promise((r) => setTimeout(r, 20));
      h.release();
      expect((await inSend).status).toBe(200);
      expect((await queued).status).toBe(200);
    } finally {
      h.release();
      await bridge.close();
    }
  });
});
