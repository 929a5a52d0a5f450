import { describe, expect, it } from 'vitest';
import { scopedKey } from '../event/scope.js';
import { memoryLedger, type OutcomeRow } from './delivered.js';

const delivered = (event_id: string): OutcomeRow => ({
  integration_id: 'tmpl_1',
  pipeline_id: 'pip_1',
  event_id,
  source: 'pip_1/dk_1',
  outcome: 'delivered',
  attempt: 1,
  status: 200,
  latency_ms: 5,
  at: 1,
});
const ids = (...events: string[]) => events.map((event_id) => ({ source: 'pip_1/dk_1', event_id }));

describe('memoryLedger delivered ids', () => {
  it('keeps the last maxDeliveredIds ids, oldest out first, an id recorded again kept once', async () => {
    const ledger = memoryLedger({ maxDeliveredIds: 3 });
    await ledger.record(['a', 'b', 'a', 'c'].map(delivered));
    await ledger.record(['d', 'e'].map(delivered));
    const kept = await ledger.deliveredAmong('tmpl_1', ids('a', 'b', 'c', 'd', 'e'));
    expect([...kept].sort()).toEqual(ids('c', 'd', 'e').map(scopedKey));
  });

  it('keeps evicting in order past many ids', async () => {
    const ledger = memoryLedger({ maxDeliveredIds: 10 });
    const all = Array.from({ length: 5_000 }, (_, i) => `e${i}`);
    for (let i = 0; i < all.length; i += 100)
      await ledger.record(all.slice(i, i + 100).map(delivered));
    const kept = await ledger.deliveredAmong('tmpl_1', ids(...all));
    expect([...kept].sort()).toEqual(
      ids(...all.slice(-10))
        .map(scopedKey)
        .sort(),
    );
  });
});
