// The in-process bus's retention (core/bus/memory.ts): bounded memory for `npm start`, and never
// a message dropped that some consumer group has not read and committed.
import { describe, expect, it } from 'vitest';
import { createMemoryBus } from './memory.js';
import type { BusMessage } from './types.js';

function world(
  retainConsumedMs?: number,
  more: Partial<Parameters<typeof createMemoryBus>[0]> = {},
) {
  let now = 1_000_000;
  const bus = createMemoryBus({
    now: () => now,
    ...(retainConsumedMs === undefined ? {} : { retainConsumedMs }),
    ...more,
  });
  const produce = (topic: string, n: number, from = 0) =>
    bus.produce(
      topic,
      Array.from({ length: n }, (_, i) => ({ key: 'k', value: `m${from + i}` })),
    );
  /** Consume with a group until `count` messages were handed over; commit each batch. */
  const consume = async (
    groupId: string,
    topic: string,
    count: number,
    commit = true,
  ): Promise<BusMessage[]> => {
    const got: BusMessage[] = [];
    const consumer = bus.consumer({ groupId, topics: [topic] });
    let done!: () => void;
    const enough = new Promise<void>((r) => (done = r));
    await consumer.run(async (batch) => {
      got.push(...batch.messages);
      if (commit)
        await consumer.commit(batch.topic, batch.partition, batch.messages.at(-1)!.offset);
      if (got.length >= count) done();
    });
    await enough;
    await consumer.close();
    return got;
  };
  return { bus, produce, consume, advance: (ms: number) => (now += ms), now: () => now };
}

describe('in-process bus retention', () => {
  it('keeps everything when no retention is set (tests read whole topics)', async () => {
    const w = world();
    await w.produce('t', 5);
    await w.consume('g', 't', 5);
    w.advance(10 * 60_000);
    await w.produce('t', 1, 5);
    expect(w.bus.read('t').map((m) => m.value)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('drops what every following group committed once it is old enough; offsets go on counting', async () => {
    const w = world(60_000);
    await w.produce('t', 10);
    expect((await w.consume('a', 't', 10)).length).toBe(10);
    // Group b has read everything but committed only through offset 5.
    const b = w.bus.consumer({ groupId: 'b', topics: ['t'] });
    let read!: () => void;
    const done = new Promise<void>((r) => (read = r));
    await b.run(async (batch) => {
      await b.commit('t', batch.partition, '5');
      read();
    });
    await done;
    await b.close();
    w.advance(30_000);
    expect(w.bus.prune(w.now())).toBe(0);
    w.advance(31_000);
    const [next] = await w.produce('t', 1, 10);
    expect(next!.offset).toBe('10');
    expect(w.bus.read('t').map((m) => m.offset)).toEqual(['6', '7', '8', '9', '10']);
    expect((await w.consume('b', 't', 5)).map((m) => m.value)).toEqual([
      'm6',
      'm7',
      'm8',
      'm9',
      'm10',
    ]);
  });

  it('never drops a message a group has not committed, nor one no group follows yet', async () => {
    const w = world(1_000);
    await w.produce('unread', 4);
    await w.produce('followed', 4);
    await w.consume('slow', 'followed', 4, false);
    w.advance(3_600_000);
    w.bus.prune(w.now());
    expect(w.bus.read('unread')).toHaveLength(4);
    expect(w.bus.read('followed')).toHaveLength(4);
    expect((await w.consume('slow', 'followed', 4)).map((m) => m.value)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
    ]);
  });

  it('drops messages of a topic with retentionMs once they are older, read or not, and a new group starts at the oldest kept', async () => {
    const w = world();
    await w.bus.createTopics([{ topic: 'trace', retentionMs: 15 * 60_000 }]);
    await w.produce('trace', 3);
    w.advance(16 * 60_000);
    await w.produce('trace', 2, 3);
    expect(w.bus.read('trace').map((m) => [m.offset, m.value])).toEqual([
      ['3', 'm3'],
      ['4', 'm4'],
    ]);
    expect((await w.consume('late', 'trace', 2)).map((m) => m.offset)).toEqual(['3', '4']);
    expect(w.bus.size()).toBe(2);
  });

  it('holds at most retainBytes in all: the oldest messages go first, read or not, and unread drops are reported', async () => {
    const drops: { topic: string; partition: number; unread: number }[] = [];
    // Each message below is 'k' + 'mN' = 3 characters (N < 10).
    const w = world(undefined, { retainBytes: 12, onDrop: (d) => drops.push(d) });
    await w.produce('a', 2); // a: m0 m1 (6)
    w.advance(1);
    await w.produce('b', 2); // b: m0 m1 (12)
    expect(await w.consume('g', 'a', 2)).toHaveLength(2);
    w.advance(1);
    await w.produce('b', 2, 2); // 18 > 12: a's two (read) go, b keeps all four
    expect(w.bus.read('a')).toEqual([]);
    expect(w.bus.read('b').map((m) => m.value)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(drops).toEqual([]);
    w.advance(1);
    await w.produce('a', 1, 2); // a: m2; 15 > 12: b's oldest (unread) goes
    expect(w.bus.bytes()).toBeLessThanOrEqual(12);
    expect(w.bus.read('b').map((m) => m.offset)).toEqual(['1', '2', '3']);
    expect(drops).toEqual([{ topic: 'b', partition: 0, unread: 1 }]);
    // Offsets go on counting; a new group starts at the oldest kept.
    const [next] = await w.produce('b', 1, 4);
    expect(next!.offset).toBe('4');
    expect((await w.consume('late', 'b', 3)).map((m) => m.value)).toEqual(['m2', 'm3', 'm4']);
  });

  it('refuses a retainBytes that is not a positive number, naming the field', () => {
    expect(() => createMemoryBus({ retainBytes: 0 })).toThrow(/retainBytes/);
  });
});
