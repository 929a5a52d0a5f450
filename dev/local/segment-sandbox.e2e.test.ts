// Segment's Node SDK, unchanged, against the whole local stack (edge in workerd, bridge,
// processor, delivery, sandbox): the only change is the host and the write key (the demo's server
// key and its secret). The call must reach the vendors with its user id, event id and properties,
// and an `integrations` switch must keep it away from the integration it names. The same stack
// also shows that redeliveries of one Standard Webhooks message, arriving together, reach a vendor
// once (issue 12's attack case).
import { Analytics } from '@segment/analytics-node';
import { createHmac } from 'node:crypto';
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
    stack = await startStack(
      loadLocalConfig({
        DATAFLY_DATA_DIR: dataDir,
        EDGE_PORT: '0',
        BRIDGE_PORT: '0',
        ADMIN_PORT: '0',
        DEMO_PORT: '0',
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a track call with its user id, messageId as event id and properties; an integrations switch keeps a call from the one it names', async () => {
    const errors: unknown[] = [];
    const sdk = (): Analytics => {
      const analytics = new Analytics({
        writeKey: `${stack.demo.server_key}.${stack.demo.server_secret}`,
        host: stack.edgeUrl,
        flushInterval: 50,
        maxRetries: 2,
      });
      analytics.on('error', (e) => errors.push(e));
      return analytics;
    };
    // Segment's consent shape; the demo pipeline asks for analytics and marketing consent.
    const context = { consent: { categoryPreferences: { analytics: true, marketing: true } } };
    // Same user, so the same partition: the switched-off call is processed before the other.
    const first = sdk();
    first.track({
      userId: 'seg-user-7',
      messageId: 'seg-switched-off',
      event: 'Order Completed',
      properties: { order_id: 'seg-order-0' },
      context,
      integrations: { 'Custom Webhook': false },
    });
    await first.closeAndFlush();
    const second = sdk();
    second.track({
      userId: 'seg-user-7',
      messageId: 'seg-sandbox-1',
      event: 'Order Completed',
      properties: { order_id: 'seg-order-1', revenue: 42.5, currency: 'EUR' },
      context,
    });
    await second.closeAndFlush();
    expect(errors).toEqual([]);

    const webhook = await stack.sandbox.waitFor(
      (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('seg-sandbox-1'),
      60_000,
    );
    expect(webhook.verdict.ok).toBe(true);
    const event = (Array.isArray(webhook.body) ? webhook.body : [webhook.body]).find((b) =>
      JSON.stringify(b).includes('seg-sandbox-1'),
    ) as Record<string, unknown>;
    expect(event).toMatchObject({
      event_id: 'seg-sandbox-1',
      type: 'track',
      event: 'Order Completed',
      user_id: 'seg-user-7',
      properties: { order_id: 'seg-order-1', revenue: 42.5, currency: 'EUR' },
    });
    expect(
      stack.sandbox.entries.filter(
        (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('seg-switched-off'),
      ),
    ).toEqual([]);
  }, 150_000);

  it('delivers a Standard Webhooks message once when three copies of it arrive within 0.1 s', async () => {
    const api = async (
      method: string,
      path: string,
      body?: unknown,
    ): Promise<Record<string, unknown>> => {
      const res = await fetch(`${stack.adminUrl}/v1/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.adminToken}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const key = await api('POST', `/pipelines/${stack.demo.pipeline_id}/keys`, {
      name: 'Billing webhooks',
      kind: 'webhook',
      webhook: { scheme: 'standard_webhooks' },
    });
    const secret = Buffer.from(String(key.secret).slice('whsec_'.length), 'base64');
    const body = JSON.stringify({
      type: 'track',
      event: 'Invoice Paid',
      user_id: 'wh-user-1',
      properties: { invoice: 'inv-triple' },
      context: { consent: { analytics: true, marketing: true } },
    });
    const id = 'msg_triple_1';
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v1,${createHmac('sha256', secret).update(`${id}.${ts}.${body}`).digest('base64')}`;
    const send = (): Promise<number> =>
      fetch(`${stack.edgeUrl}/v1/webhook?k=${String(key.id)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': ts,
          'webhook-signature': signature,
        },
        body,
      }).then((r) => r.status);
    expect(await Promise.all([send(), send(), send()])).toEqual([200, 200, 200]);

    const seen = (): number =>
      stack.sandbox.entries.filter(
        (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('inv-triple'),
      ).length;
    await stack.sandbox.waitFor(
      (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('inv-triple'),
      60_000,
    );
    // The copies are dropped by the processor's record or by delivery's claim; give a late copy
    // time to reach the sandbox before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(seen()).toBe(1);
  }, 120_000);
});
