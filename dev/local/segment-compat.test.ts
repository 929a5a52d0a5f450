// Segment's and RudderStack's Node SDKs, unchanged, against the edge Worker in workerd: the
// only change is the host (the edge) and the write key (a server key and its secret). Each
// call type must reach the event log with the right user id, anonymous id, event id and
// properties.
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../core/event/index.js';
import { startCompatWorld, type CompatWorld } from './compat-testing.js';

/** The calls both SDKs make, with what each must become in the envelope. */
function calls(run: string) {
  const id = (call: string) => `${run}-${call}`;
  return [
    {
      call: 'track' as const,
      message: {
        userId: id('user'),
        anonymousId: id('anon'),
        messageId: id('track'),
        event: 'Order Completed',
        properties: { order_id: id('order'), total: 42.5 },
      },
      expected: {
        type: 'track',
        event: 'Order Completed',
        user_id: id('user'),
        anonymous_id: id('anon'),
        event_id: id('track'),
        properties: { order_id: id('order'), total: 42.5 },
      },
    },
    {
      call: 'identify' as const,
      message: {
        userId: id('user'),
        anonymousId: id('anon'),
        messageId: id('identify'),
        traits: { email: 'jane@example.com', plan: 'pro' },
      },
      expected: {
        type: 'identify',
        user_id: id('user'),
        anonymous_id: id('anon'),
        event_id: id('identify'),
        traits: { email: 'jane@example.com', plan: 'pro' },
      },
    },
    {
      call: 'page' as const,
      message: {
        userId: id('user'),
        messageId: id('page'),
        name: 'Pricing',
        properties: { path: '/pricing' },
      },
      expected: {
        type: 'page',
        event: 'Pricing',
        user_id: id('user'),
        event_id: id('page'),
        properties: { path: '/pricing' },
      },
    },
    {
      call: 'screen' as const,
      message: {
        anonymousId: id('anon'),
        messageId: id('screen'),
        name: 'Home',
        properties: { variant: 'b' },
      },
      expected: {
        type: 'page',
        original_type: 'screen',
        event: 'Home',
        anonymous_id: id('anon'),
        event_id: id('screen'),
        properties: { variant: 'b' },
      },
    },
    {
      call: 'group' as const,
      message: {
        userId: id('user'),
        messageId: id('group'),
        groupId: id('acme'),
        traits: { name: 'Acme' },
      },
      expected: {
        type: 'group',
        group_id: id('acme'),
        user_id: id('user'),
        event_id: id('group'),
        traits: { name: 'Acme' },
      },
    },
    {
      call: 'alias' as const,
      message: { userId: id('user'), previousId: id('anon'), messageId: id('alias') },
      expected: {
        type: 'identify',
        original_type: 'alias',
        user_id: id('user'),
        previous_id: id('anon'),
        event_id: id('alias'),
      },
    },
  ];
}

describe('Segment and RudderStack Node SDKs against the edge in workerd', () => {
  let world: CompatWorld;
  const byRun = (run: string) => (e: Envelope) => e.event_id.startsWith(`${run}-`);

  beforeAll(async () => {
    world = await startCompatWorld({ allowedOrigins: [] });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  }, 60_000);

  it('@segment/analytics-node: every call type arrives, Basic auth with dk_….<secret>', async () => {
    const analytics = new Analytics({
      writeKey: world.serverWriteKey,
      host: world.edgeUrl,
      flushInterval: 50,
      maxRetries: 0,
    });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    const cases = calls('seg');
    for (const { call, message } of cases)
      (analytics[call] as (m: unknown) => void).call(analytics, message);
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);
    const got = await world.envelopes(byRun('seg'), cases.length);
    for (const { expected } of cases) {
      expect(got.find((e) => e.event_id === expected.event_id)).toMatchObject({
        ...expected,
        source: { kind: 'server', pipeline_id: 'pip_compat' },
      });
    }
    expect(got.every((e) => e.context.library?.name === '@segment/analytics-node')).toBe(true);
  });

  it('@segment/analytics-node: a public key alone (no secret) is refused with 401', async () => {
    const analytics = new Analytics({
      writeKey: world.keyId,
      host: world.edgeUrl,
      flushInterval: 50,
      maxRetries: 0,
    });
    const failures: unknown[] = [];
    analytics.on('error', (e) => failures.push(e));
    analytics.track({ userId: 'public-key-user', event: 'Should Not Arrive', messageId: 'pub-1' });
    await analytics.closeAndFlush();
    expect(failures).toHaveLength(1);
    expect((failures[0] as { reason: Error }).reason.message).toMatch(/401/);
  });

  it('@rudderstack/rudder-sdk-node: every call type arrives, gzip bodies, Basic auth with dk_….<secret>', async () => {
    const client = new RudderAnalytics(world.serverWriteKey, {
      dataPlaneUrl: world.edgeUrl,
      flushInterval: 50,
      retryCount: 0,
      logLevel: 'error',
    });
    const cases = calls('rud');
    for (const { call, message } of cases)
      (client[call] as (m: unknown) => void).call(client, message);
    await client.flush();
    const got = await world.envelopes(byRun('rud'), cases.length);
    for (const { expected } of cases) {
      expect(got.find((e) => e.event_id === expected.event_id)).toMatchObject({
        ...expected,
        source: { kind: 'server', pipeline_id: 'pip_compat' },
      });
    }
  });

  it('carries per-integration switches from the SDK call into the envelope', async () => {
    const analytics = new Analytics({
      writeKey: world.serverWriteKey,
      host: world.edgeUrl,
      flushInterval: 50,
      maxRetries: 0,
    });
    analytics.track({
      userId: 'sw-user',
      event: 'Switched',
      messageId: 'sw-1',
      integrations: { 'Meta CAPI': false },
    });
    await analytics.closeAndFlush();
    const [got] = await world.envelopes((e) => e.event_id === 'sw-1', 1);
    expect(got).toMatchObject({ integrations: { 'Meta CAPI': false } });
  });
});
