import { describe, expect, it } from 'vitest';
import {
  memoryLedger,
  type ClaimToken,
  type DeliveryLedger,
  type OutcomeRow,
} from './delivered.js';
import { groupCommits } from './group-commit.js';

/** A memory ledger whose claim and record calls are counted and can be held in flight. */
function gatedLedger() {
  const inner = memoryLedger();
  const calls = { claim: [] as string[][], record: [] as number[] };
  let gate: Promise<void> | undefined;
  let open = (): void => {};
  let failRecordOf: string | undefined;
  const ledger: DeliveryLedger = {
    ...inner,
    async claim(integrationId, ids, at, leaseMs) {
      calls.claim.push(ids.map((i) => i.event_id));
      await gate;
      return inner.claim(integrationId, ids, at, leaseMs);
    },
    async record(rows, claims) {
      calls.record.push(rows.length);
      await gate;
      if (failRecordOf && rows.some((r) => r.event_id === failRecordOf))
        throw new Error(`bad row ${failRecordOf}`);
      return inner.record(rows, claims);
    },
  };
  return {
    inner,
    ledger,
    calls,
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release() {
      gate = undefined;
      open();
    },
    failRecordOf(id: string) {
      failRecordOf = id;
    },
  };
}

const id = (event_id: string) => ({ source: 'src_1', event_id });
const row = (event_id: string, outcome: OutcomeRow['outcome'] = 'delivered'): OutcomeRow => ({
  integration_id: 't1',
  pipeline_id: 'p1',
  event_id,
  source: 'src_1',
  outcome,
  attempt: 1,
  status: 200,
  latency_ms: 5,
  at: 1_000,
});
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('groupCommits', () => {
  it('sends claims that arrive while one is in flight as one statement, and answers each caller for its own events', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    g.hold();
    const first = ledger.claim('t1', [id('a')], 1_000, 5_000);
    await tick();
    const second = ledger.claim('t1', [id('b'), id('c')], 1_000, 5_000);
    const third = ledger.claim('t1', [id('d')], 1_000, 5_000);
    g.release();
    const [r1, r2, r3] = await Promise.all([first, second, third]);
    expect(g.calls.claim).toEqual([['a'], ['b', 'c', 'd']]);
    expect([...r1.claimed.keys()]).toEqual(['src_1\u0000a']);
    expect([...r2.claimed.keys()]).toEqual(['src_1\u0000b', 'src_1\u0000c']);
    expect([...r3.claimed.keys()]).toEqual(['src_1\u0000d']);
  });

  it('never puts two claims of one event in the same statement: the copy waits and finds it held', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    g.hold();
    const first = ledger.claim('t1', [id('x')], 1_000, 5_000);
    await tick();
    const a = ledger.claim('t1', [id('a'), id('y')], 1_000, 5_000);
    const copy = ledger.claim('t1', [id('y')], 1_000, 5_000);
    const b = ledger.claim('t1', [id('b')], 1_000, 5_000);
    g.release();
    const [, ra, rcopy, rb] = await Promise.all([first, a, copy, b]);
    expect(g.calls.claim).toEqual([['x'], ['a', 'y', 'b'], ['y']]);
    expect(ra.claimed.has('src_1\u0000y')).toBe(true);
    expect(rcopy.claimed.size).toBe(0);
    expect(rcopy.held.get('src_1\u0000y')).toBe(6_000);
    expect(rb.claimed.has('src_1\u0000b')).toBe(true);
  });

  it('keeps claims of different integrations or leases in separate statements', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    g.hold();
    const first = ledger.claim('t1', [id('x')], 1_000, 5_000);
    await tick();
    const rest = [
      ledger.claim('t2', [id('a')], 1_000, 5_000),
      ledger.claim('t1', [id('b')], 1_000, 9_000),
      ledger.claim('t2', [id('c')], 1_000, 5_000),
    ];
    g.release();
    await Promise.all([first, ...rest]);
    expect(g.calls.claim).toEqual([['x'], ['a', 'c'], ['b']]);
  });

  it('records waiting outcomes in one statement, and a claim released there can be taken again', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    const claimed = await ledger.claim('t1', [id('a'), id('b'), id('c')], 1_000, 5_000);
    const token = (e: string): ClaimToken => ({
      integration_id: 't1',
      ...id(e),
      fence: claimed.claimed.get(`src_1\u0000${e}`)!,
    });
    g.hold();
    const first = ledger.record([row('a')], [token('a')]);
    await tick();
    const second = ledger.record([row('b')], [token('b')]);
    const third = ledger.record([row('c', 'retried')], [token('c')]);
    g.release();
    await Promise.all([first, second, third]);
    expect(g.calls.record).toEqual([1, 2]);
    expect(await ledger.deliveredAmong('t1', [id('a'), id('b'), id('c')])).toEqual(
      new Set(['src_1\u0000a', 'src_1\u0000b']),
    );
    const again = await ledger.claim('t1', [id('c')], 1_001, 5_000);
    expect(again.claimed.has('src_1\u0000c')).toBe(true);
  });

  it('tries a failed group call by call, so the error reaches only the caller whose row it was', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    g.failRecordOf('bad');
    g.hold();
    const first = ledger.record([row('a')]);
    await tick();
    const good = ledger.record([row('b')]);
    const bad = ledger.record([row('bad')]);
    g.release();
    await first;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('bad row bad');
    // the group of two, then each alone
    expect(g.calls.record).toEqual([1, 2, 1, 1]);
    expect(await ledger.deliveredAmong('t1', [id('b'), id('bad')])).toEqual(
      new Set(['src_1\u0000b']),
    );
  });

  it('sends a call at once when nothing is in flight', async () => {
    const g = gatedLedger();
    const ledger = groupCommits(g.ledger);
    await ledger.record([row('a')]);
    await ledger.record([row('b')]);
    expect(g.calls.record).toEqual([1, 1]);
  });
});
