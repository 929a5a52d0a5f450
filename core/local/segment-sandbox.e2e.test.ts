// Segment's Node SDK, unchanged, against the whole local stack (edge in workerd, bridge,
// processor, delivery, sandbox): the only change is the host and the write key (the demo's server
// key and its secret). The call must reach the vendors with its user id, event id and properties,
// and an `integrations` switch must keep it away from the integration it names.
import { Analytics } from '@segment/analytics-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalConfig } from './config.js';
import { startStack, type Stack } from './stack.js';

describe('@segment/analytics-node through the whole stack to the vendor sandbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'datafly-segment-'));
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(loadLocalConfig({ DATAFLY_DATA_DIR: dataDir, EDGE_PORT: '0', BRIDGE_PORT: '0', ADMIN_PORT: '0', DEMO_PORT: '0' }));
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a track call with its user id, messageId as event id and properties; an integrations switch keeps a call from the one it names', async () => {
    const errors: unknown[] = [];
    const sdk = (): Analytics => {
      const analytics = new Analytics({ writeKey: `${stack.demo.server_key}.${stack.demo.server_secret}`, host: stack.edgeUrl, flushInterval: 50, maxRetries: 2 });
      analytics.on('error', (e) => errors.push(e));
      return analytics;
    };
    // Segment's consent shape; the demo pipeline asks for analytics and marketing consent.
    const context = { consent: { categoryPreferences: { analytics: true, marketing: true } } };
    // Same user, so the same partition: the switched-off call is processed before the other.
    const first = sdk();
    first.track({ userId: 'seg-user-7', messageId: 'seg-switched-off', event: 'Order Completed', properties: { order_id: 'seg-order-0' }, context, integrations: { 'Custom Webhook': false } });
    await first.closeAndFlush();
    const second = sdk();
    second.track({ userId: 'seg-user-7', messageId: 'seg-sandbox-1', event: 'Order Completed', properties: { order_id: 'seg-order-1', revenue: 42.5, currency: 'EUR' }, context });
    await second.closeAndFlush();
    expect(errors).toEqual([]);

    const webhook = await stack.sandbox.waitFor((e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('seg-sandbox-1'), 60_000);
    expect(webhook.verdict.ok).toBe(true);
    const event = (Array.isArray(webhook.body) ? webhook.body : [webhook.body]).find((b) => JSON.stringify(b).includes('seg-sandbox-1')) as Record<string, unknown>;
    expect(event).toMatchObject({ event_id: 'seg-sandbox-1', type: 'track', event: 'Order Completed', user_id: 'seg-user-7', properties: { order_id: 'seg-order-1', revenue: 42.5, currency: 'EUR' } });
    expect(stack.sandbox.entries.filter((e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('seg-switched-off'))).toEqual([]);
  }, 150_000);
});
