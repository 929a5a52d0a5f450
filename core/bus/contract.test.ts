// One contract suite, run on every bus adapter: the in-process bus always, and the real Kafka
// broker too, on each Kafka client, when TEST_KAFKA_BROKERS is set (core/testkit/config.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { testServices } from '../testkit/config.js';
import { createKafkaBus } from './kafka.js';
import { produceAll } from './index.js';
import { createMemoryBus } from './memory.js';
import { createPlatformaticBus } from './platformatic.js';
import type { Bus, BusMessage, Consumer, MessageBatch } from './types.js';

const backends: { name: string; make: () => Bus }[] = [
  { name: 'memory', make: () => createMemoryBus() },
  ...(testServices.kafkaBrokers.length > 0
    ? [
        {
          name: 'kafka (kafkajs)',
          make: () =>
            createKafkaBus({
              brokers: testServices.kafkaBrokers,
              clientId: 'bus-contract',
              logger: () => undefined,
            }),
        },
        {
          name: 'kafka (@platformatic/kafka)',
          make: () =>
            createPlatformaticBus({
              brokers: testServices.kafkaBrokers,
              clientId: 'bus-contract',
              logger: () => undefined,
            }),
        },
      ]
    : []),
];

let seq = 0;
const unique = (base: string): string =>
  `test-bus-${base}-${process.pid}-${Date.now().toString(36)}-${seq++}`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(backends)('bus contract on $name', ({ make }) => {
  const open: (Bus | Consumer)[] = [];
  const track = <T extends Bus | Consumer>(x: T): T => {
    open.push(x);
    return x;
  };
  afterEach(async () => {
    for (const x of open.reverse()) await x.close();
    open.length = 0;
  });

  /** Run a consumer that records every message and commits nothing unless asked. */
  async function collect(
    bus: Bus,
    groupId: string,
    topics: string[],
    onBatch?: (b: MessageBatch, c: Consumer) => Promise<void>,
  ) {
    const got: BusMessage[] = [];
    const consumer = track(bus.consumer({ groupId, topics }));
    await consumer.run(async (batch) => {
      got.push(...batch.messages);
      await onBatch?.(batch, consumer);
    });
    return { got, consumer };
  }

  it('answers one offset per record, keeps order within a partition and routes a key to one partition', async () => {
    const bus = track(make());
    const topic = unique('offsets');
    await bus.createTopics([{ topic, partitions: 3 }]);
    const records = ['a', 'b', 'c', 'd'].map((v) => ({ key: 'same-key', value: v }));
    const offsets = await bus.produce(topic, records);
    expect(offsets).toHaveLength(4);
    expect(new Set(offsets.map((o) => o.partition)).size).toBe(1);
    const numeric = offsets.map((o) => Number(o.offset));
    expect(numeric).toEqual([numeric[0]!, numeric[0]! + 1, numeric[0]! + 2, numeric[0]! + 3]);
    const more = await bus.produce(topic, [{ key: 'same-key', value: 'e' }]);
    expect(more[0]).toEqual({ partition: offsets[0]!.partition, offset: String(numeric[0]! + 4) });
  });

  it('delivers key, value and headers to a consumer, and honours an explicit partition', async () => {
    const bus = track(make());
    const topic = unique('roundtrip');
    await bus.createTopics([{ topic, partitions: 2 }]);
    const [offset] = await bus.produce(topic, [
      { key: 'k1', value: '{"x":1}', headers: { 'x-attempt': '0' }, partition: 1 },
    ]);
    expect(offset!.partition).toBe(1);
    const { got } = await collect(bus, unique('g'), [topic]);
    await waitFor(() => got.length === 1, 'the message');
    expect(got[0]).toMatchObject({
      topic,
      partition: 1,
      offset: offset!.offset,
      key: 'k1',
      value: '{"x":1}',
      headers: { 'x-attempt': '0' },
    });
    expect(typeof got[0]!.timestamp).toBe('number');
  });

  it('produces to several topics at once with offsets per topic batch', async () => {
    const bus = track(make());
    const t1 = unique('multi-a');
    const t2 = unique('multi-b');
    await bus.createTopics([
      { topic: t1, partitions: 1 },
      { topic: t2, partitions: 1 },
    ]);
    await bus.produce(t1, [{ key: 'k', value: 'first' }]);
    const [a, b] = await produceAll(bus, [
      {
        topic: t1,
        records: [
          { key: 'k', value: 'a1' },
          { key: 'k', value: 'a2' },
        ],
      },
      { topic: t2, records: [{ key: 'k', value: 'b1' }] },
    ]);
    expect(a!.map((o) => o.offset)).toEqual(['1', '2']);
    expect(b!.map((o) => o.offset)).toEqual(['0']);
  });

  it('accepts a produce larger than one broker request, keeping offsets consecutive', async () => {
    const bus = track(make());
    const topic = unique('large');
    await bus.createTopics([{ topic, partitions: 1 }]);
    const value = 'x'.repeat(1024);
    const offsets = await bus.produce(
      topic,
      Array.from({ length: 1500 }, () => ({ key: 'k', value })),
    );
    expect(offsets.map((o) => Number(o.offset))).toEqual(Array.from({ length: 1500 }, (_, i) => i));
  });

  it('creates topics idempotently', async () => {
    const bus = track(make());
    const topic = unique('idem');
    await bus.createTopics([{ topic, partitions: 2, retentionMs: 60_000 }]);
    await bus.createTopics([{ topic, partitions: 2, retentionMs: 60_000 }]);
    const offsets = await bus.produce(topic, [{ value: '1' }]);
    expect(offsets).toHaveLength(1);
  });

  it('starts a new member of a group after the committed offset', async () => {
    const bus = track(make());
    const topic = unique('commit');
    const group = unique('g');
    await bus.createTopics([{ topic, partitions: 1 }]);
    await bus.produce(
      topic,
      ['1', '2', '3'].map((value) => ({ key: 'k', value })),
    );
    const first = await collect(bus, group, [topic], async (batch, c) => {
      const two = batch.messages.find((m) => m.value === '2');
      if (two) await c.commit(batch.topic, batch.partition, two.offset);
    });
    await waitFor(() => first.got.length === 3, 'three messages');
    await first.consumer.close();
    await bus.produce(topic, [{ key: 'k', value: '4' }]);
    const second = await collect(bus, group, [topic]);
    await waitFor(() => second.got.length === 2, 'the uncommitted and the new message');
    expect(second.got.map((m) => m.value)).toEqual(['3', '4']);
  });

  it('redelivers everything after the last commit when a member closes without committing', async () => {
    const bus = track(make());
    const topic = unique('crash');
    const group = unique('g');
    await bus.createTopics([{ topic, partitions: 2 }]);
    await bus.produce(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    const first = await collect(bus, group, [topic]);
    await waitFor(() => first.got.length === 10, 'ten messages');
    await first.consumer.close();
    const second = await collect(bus, group, [topic]);
    await waitFor(() => second.got.length === 10, 'ten redelivered messages');
    expect(second.got.map((m) => m.value).sort()).toEqual(first.got.map((m) => m.value).sort());
  });

  it('redelivers a batch whose handler failed, from the last commit', async () => {
    const bus = track(make());
    const topic = unique('fail');
    await bus.createTopics([{ topic, partitions: 1 }]);
    await bus.produce(topic, [{ key: 'k', value: 'a' }]);
    let failures = 0;
    const seen: string[] = [];
    const consumer = track(bus.consumer({ groupId: unique('g'), topics: [topic] }));
    await consumer.run(async (batch) => {
      seen.push(...batch.messages.map((m) => m.value));
      if (failures++ === 0) throw new Error('first attempt fails');
      await consumer.commit(batch.topic, batch.partition, batch.messages.at(-1)!.offset);
    });
    await waitFor(() => seen.length >= 2, 'the redelivery');
    expect(seen.slice(0, 2)).toEqual(['a', 'a']);
  });

  it('shares the partitions of a topic between the members of a group', async () => {
    const bus = track(make());
    const topic = unique('share');
    const group = unique('g');
    await bus.createTopics([{ topic, partitions: 4 }]);
    const a = await collect(bus, group, [topic], async (b, c) =>
      c.commit(b.topic, b.partition, b.messages.at(-1)!.offset),
    );
    const b = await collect(bus, group, [topic], async (bt, c) =>
      c.commit(bt.topic, bt.partition, bt.messages.at(-1)!.offset),
    );
    // Keep producing until both members have received something: that proves the split.
    let n = 0;
    const pending: Promise<unknown>[] = [];
    await waitFor(
      () => {
        if (n < 400) pending.push(bus.produce(topic, [{ key: `key-${n}`, value: String(n++) }]));
        return a.got.length > 0 && b.got.length > 0;
      },
      'both members to receive messages',
      30_000,
    );
    await Promise.all(pending);
    await waitFor(
      () => new Set([...a.got, ...b.got].map((m) => m.value)).size === n,
      'every produced message',
    );
    const values = [...a.got, ...b.got].map((m) => Number(m.value));
    expect(new Set(values).size).toBe(n);
  });

  it('holds back a paused topic until it is resumed', async () => {
    const bus = track(make());
    const paused = unique('paused');
    const flowing = unique('flowing');
    await bus.createTopics([{ topic: paused }, { topic: flowing }]);
    const got: BusMessage[] = [];
    const consumer = track(bus.consumer({ groupId: unique('g'), topics: [paused, flowing] }));
    await consumer.run(async (batch) => {
      got.push(...batch.messages);
    });
    consumer.pause([paused]);
    await bus.produce(paused, [{ value: 'held' }]);
    await bus.produce(flowing, [{ value: 'f1' }]);
    await waitFor(() => got.some((m) => m.value === 'f1'), 'the flowing topic');
    await bus.produce(flowing, [{ value: 'f2' }]);
    await waitFor(() => got.some((m) => m.value === 'f2'), 'the flowing topic again');
    expect(got.some((m) => m.value === 'held')).toBe(false);
    consumer.resume([paused]);
    await waitFor(() => got.some((m) => m.value === 'held'), 'the resumed topic');
  });
});

// The two Kafka clients side by side, as during a deployment moving from one to the other.
if (testServices.kafkaBrokers.length > 0) {
  describe('kafkajs and @platformatic/kafka together', () => {
    const options = { brokers: testServices.kafkaBrokers, clientId: 'bus-mixed', logger: () => {} };
    const open: (Bus | Consumer)[] = [];
    afterEach(async () => {
      for (const x of open.reverse()) await x.close();
      open.length = 0;
    });

    it('route a key to the same partition', async () => {
      const kafkajs = createKafkaBus(options);
      const platformatic = createPlatformaticBus(options);
      open.push(kafkajs, platformatic);
      const topic = unique('same-partition');
      await kafkajs.createTopics([{ topic, partitions: 7 }]);
      const records = Array.from({ length: 40 }, (_, i) => ({ key: `anon-${i}`, value: 'v' }));
      const a = await kafkajs.produce(topic, records);
      const b = await platformatic.produce(topic, records);
      expect(b.map((o) => o.partition)).toEqual(a.map((o) => o.partition));
    });

    it('share the partitions of a topic between members of one group', async () => {
      const kafkajs = createKafkaBus(options);
      const platformatic = createPlatformaticBus(options);
      open.push(kafkajs, platformatic);
      const topic = unique('mixed-group');
      const group = unique('g');
      await kafkajs.createTopics([{ topic, partitions: 4 }]);
      const got = { kafkajs: [] as string[], platformatic: [] as string[] };
      for (const [name, bus] of [
        ['kafkajs', kafkajs],
        ['platformatic', platformatic],
      ] as const) {
        const c = bus.consumer({ groupId: group, topics: [topic] });
        open.push(c);
        await c.run(async (batch) => {
          got[name].push(...batch.messages.map((m) => m.value));
          await c.commit(batch.topic, batch.partition, batch.messages.at(-1)!.offset);
        });
      }
      let n = 0;
      await waitFor(
        () => {
          if (n < 400) void platformatic.produce(topic, [{ key: `key-${n}`, value: String(n++) }]);
          return got.kafkajs.length > 0 && got.platformatic.length > 0;
        },
        'both members to receive messages',
        30_000,
      );
    });
  });
}
