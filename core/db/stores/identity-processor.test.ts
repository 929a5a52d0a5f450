// The identity hub wired as npm start and `npm run processor` wire it: the processor on the
// admin database's graph, behind its cache. An erasure through the admin API reaches a running
// processor through the change notification, so the person's next event is dropped even though
// its answer was cached a moment before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/index.js';
import { createMemoryBus } from '../../bus/memory.js';
import { createProcessor, type Processor } from '../../services/processor/index.js';
import type { Database } from '../client.js';
import { backends, testAdmin, type TestAdmin } from '../../../admin/testing/index.js';
import { createDbConfigStore } from './config.js';
import { drizzleIdentityGraph } from './identity.js';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(backends)('the processor’s identity hub on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let processor: Processor;
  const bus = createMemoryBus();
  let pipelineId: string;

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    pipelineId = (await admin.call('POST', '/pipelines', { name: 'Shop' })).body.id;
    processor = createProcessor({
      bus,
      store: createDbConfigStore(database),
      identity: drizzleIdentityGraph(database.db),
      log: silentLogger,
    });
    await processor.start();
  });
  afterAll(async () => {
    await processor.close();
    await bus.close();
    await drop();
  });

  let n = 0;
  const send = (event: Record<string, unknown>) =>
    bus.produce('raw-events', [
      {
        key: 'anon-1',
        value: JSON.stringify({
          v: 1,
          event_id: `evt-${++n}`,
          type: 'track',
          event: 'Viewed',
          anonymous_id: 'anon-1',
          timestamp: '2026-02-20T10:00:00.000Z',
          received_at: '2026-02-20T10:00:00.000Z',
          context: { consent: { analytics: true } },
          source: {
            kind: 'browser',
            pipeline_id: pipelineId,
            org_id: 'org_00000001',
            source_id: 'src_1',
          },
          ...event,
        }),
      },
    ]);

  it('drops a person’s events right after an erasure, cached answer or not', async () => {
    await send({ type: 'identify', event: undefined, user_id: 'u-1' });
    await send({});
    await until(() => processor.stats().received === 2, 'two events');
    expect(processor.stats().dropped).toBe(0);
    expect((await admin.call('GET', '/identities?anonymous_id=anon-1')).body.found).toBe(true);

    const reloads = processor.stats().configReloads;
    expect((await admin.call('DELETE', '/identities?user_id=u-1')).status).toBe(200);
    await until(() => processor.stats().configReloads > reloads, 'the change notification');
    await send({});
    await until(() => processor.stats().received === 3, 'the third event');
    expect(processor.stats().dropped).toBe(1);
    expect((await admin.call('GET', '/identities?anonymous_id=anon-1')).body).toMatchObject({
      found: false,
      suppressed: true,
    });
  });
});
