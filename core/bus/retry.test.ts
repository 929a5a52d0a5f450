import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/index.js';
import { retryUntil } from './retry.js';

describe('retryUntil', () => {
  it('tries again until the dependency answers, and answers its result', async () => {
    let calls = 0;
    const result = await retryUntil(
      'the test dependency',
      async () => {
        if (++calls < 3) throw new Error('connection refused');
        return 'up';
      },
      { log: silentLogger },
    );
    expect({ result, calls }).toEqual({ result: 'up', calls: 3 });
  });

  it('gives up with the last error once the service is stopping', async () => {
    let stopping = false;
    const run = retryUntil(
      'the test dependency',
      async () => {
        stopping = true;
        throw new Error('connection refused');
      },
      { log: silentLogger, stopped: () => stopping },
    );
    await expect(run).rejects.toThrow('connection refused');
  });
});
