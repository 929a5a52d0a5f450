// The live debugger end to end: a socket on /v1/admin/live, a purchase through the edge Worker
// (workerd) → bridge → bus → processor → delivery → vendor doubles, and the trace that comes
// back: every step down to each vendor's answer, a 500 with its body and next retry time, a
// consent-blocked integration with its reason; masking for a viewer; and a socket that stops
// reading while the pipeline keeps delivering everything.
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { answers, startVendorDouble, type VendorDouble } from '../../core/doubles/index.js';
import type { TraceStep } from '../../core/trace/step.js';
import { loadLocalConfig } from './config.js';
import { startStack, type Stack } from './stack.js';
import { stackBackends } from './testing.js';

type Message = { type: string; step?: TraceStep; [k: string]: unknown };

/** A socket on the live endpoint through Node's global WebSocket, collecting every message. */
async function openLive(adminUrl: string, token: string, query: Record<string, string>) {
  const url = new URL('/v1/admin/live', adminUrl.replace('http', 'ws'));
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const ws = new WebSocket(url, ['datafly-live', `bearer.${token}`]);
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)) as Message);
    for (const w of waiters.splice(0)) w();
  });
  const until = async (
    done: (all: Message[]) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<Message[]> => {
    const deadline = Date.now() + timeoutMs;
    while (!done(messages)) {
      if (Date.now() > deadline) {
        const got = messages.map((m) =>
          m.step ? `${m.step.step}:${m.step.integration_id ?? ''}:${m.step.status ?? ''}` : m.type,
        );
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(got)}`);
      }
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return messages;
  };
  await until((all) => all.some((m) => m.type === 'hello'), 'hello');
  return { ws, messages, until };
}

const stepsOf = (messages: Message[], eventId: string): TraceStep[] =>
  messages.flatMap((m) => (m.step && m.step.event_id === eventId ? [m.step] : []));

describe.each(stackBackends())('live debugger on $name', (backend) => {
  let stack: Stack;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let token: string;
  let failing: VendorDouble;
  let failingId: string;

  const api = async <T>(method: string, path: string, body?: unknown, as = token): Promise<T> => {
    const res = await fetch(`${stack.adminUrl}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  /** Send like a client does: a 503 (the event log did not answer in time) is tried again, a few times. */
  const send = async (path: '/v1/events' | '/v1/batch', payload: unknown): Promise<void> => {
    const body = JSON.stringify(payload);
    const signature = createHmac('sha256', stack.demo.server_secret).update(body).digest('hex');
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${stack.edgeUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-datafly-key': stack.demo.server_key,
          'x-signature-256': `sha256=${signature}`,
        },
        body,
      });
      const text = await res.text();
      if (res.status === 503 && attempt < 5) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      expect(res.status, text).toBe(200);
      return;
    }
  };

  const purchase = (eventId: string, extra: Record<string, unknown> = {}) => ({
    type: 'track',
    event: 'Order Completed',
    event_id: eventId,
    anonymous_id: 'anon-live-1',
    user_id: 'user-live-1',
    properties: { order_id: 'ORD-LIVE-1', value: 59.98, currency: 'USD', ...extra },
    traits: { email: 'jane.doe@example.com', first_name: 'Jane' },
    context: { ip: '203.0.113.7', consent: { analytics: true, marketing: false } },
  });

  const waitTraced = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!stack.tracer.enabled(stack.demo.pipeline_id)) {
      if (Date.now() > deadline) throw new Error('tracing never switched on for the demo pipeline');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'datafly-live-e2e-'));
    const services = await backend.env();
    cleanup = services.cleanup;
    stack = await startStack(
      loadLocalConfig({
        DATAFLY_DATA_DIR: dataDir,
        EDGE_PORT: '0',
        BRIDGE_PORT: '0',
        ADMIN_PORT: '0',
        DEMO_PORT: '0',
        ...services.env,
      }),
      {
        liveLimits: {
          maxQueue: 64,
          highWaterBytes: 64 * 1024,
          cutAfterDroppedEvents: 100,
          closeGraceMs: 300_000,
        },
      },
    );
    token = (
      JSON.parse(await readFile(join(dataDir, 'local-secrets.json'), 'utf8')) as {
        admin_token: string;
      }
    ).admin_token;
    failing = await startVendorDouble({
      respond: answers.status(500, { error: 'backend exploded', request_id: 'req-42' }),
    });
    const template = await api<{ id: string; revision: { id: string } }>(
      'POST',
      '/integration-catalog/webhook/install',
      {
        name: 'Failing webhook (live e2e)',
        config: {
          url: `${failing.url}/hook`,
          auth_method: 'bearer',
          auth_token: 'live-e2e-bearer-secret',
          payload_format: 'canonical',
          batch_interval_ms: 50,
        },
        delivery_mode: 'server_side',
      },
    );
    failingId = template.id;
    await api('POST', `/pipelines/${stack.demo.pipeline_id}/integrations`, {
      integration_id: template.id,
      revision_id: template.revision.id,
      enabled: true,
    });
    // Let the processor and delivery pick up the new integration (config notifications).
    await new Promise((r) => setTimeout(r, 1500));
  }, 240_000);

  afterAll(async () => {
    await failing?.close();
    await stack?.close();
    await cleanup?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** The handshake's answer: 101 when upgraded, else the refusal's status. */
  const handshake = (query: string, protocols: string[]): Promise<number> =>
    new Promise((resolve) => {
      const client = new WsClient(
        `${stack.adminUrl.replace('http', 'ws')}/v1/admin/live${query}`,
        protocols,
      );
      client.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        client.terminate();
      });
      client.on('open', () => {
        resolve(101);
        client.close();
      });
      client.on('error', () => undefined);
    });

  it.each([
    {
      name: 'without a token',
      query: () => `?pipeline_id=${stack.demo.pipeline_id}`,
      protocols: () => ['datafly-live'],
      status: 401,
    },
    {
      name: 'with a wrong token',
      query: () => `?pipeline_id=${stack.demo.pipeline_id}`,
      protocols: () => ['datafly-live', 'bearer.dfa_wrong'],
      status: 401,
    },
    {
      name: 'for a pipeline outside the organisation',
      query: () => '?pipeline_id=pip_nope',
      protocols: () => ['datafly-live', `bearer.${token}`],
      status: 404,
    },
    {
      name: 'without a pipeline id',
      query: () => '',
      protocols: () => ['datafly-live', `bearer.${token}`],
      status: 400,
    },
    {
      name: 'with an unknown status filter',
      query: () => `?pipeline_id=${stack.demo.pipeline_id}&status=maybe`,
      protocols: () => ['datafly-live', `bearer.${token}`],
      status: 400,
    },
  ])('refuses a socket $name', async ({ query, protocols, status }) => {
    expect(await handshake(query(), protocols())).toBe(status);
  });

  it('says what to do to a plain GET', async () => {
    const plain = await fetch(
      `${stack.adminUrl}/v1/admin/live?pipeline_id=${stack.demo.pipeline_id}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toContain(
      'WebSocket',
    );
  });

  it('streams a purchase from the edge to each vendor answer: delivered, 500 with next retry, blocked by consent', async () => {
    const live = await openLive(stack.adminUrl, token, { pipeline_id: stack.demo.pipeline_id });
    await waitTraced();
    const eventId = `live-purchase-${Date.now()}`;
    await send('/v1/events', purchase(eventId));
    const integrations = stack.demo.integrations;
    await live.until((all) => {
      const steps = stepsOf(all, eventId);
      const outcome = (id: string | undefined) =>
        steps.some((s) => s.step === 'outcome' && s.integration_id === id);
      return outcome(integrations.ga4) && outcome(integrations.webhook) && outcome(failingId);
    }, 'outcomes for GA4, the demo webhook and the failing webhook');
    live.ws.close();
    const steps = stepsOf(live.messages, eventId);
    const text = JSON.stringify(live.messages);

    // In order: at the edge (the body as sent, the enriched envelope), received, processed, then
    // per integration consent → params → request → response → outcome.
    expect(steps[0]).toMatchObject({
      step: 'edge_received',
      part: 'edge',
      event: 'Order Completed',
      summary: 'received at the edge: track Order Completed (server)',
    });
    expect(steps[0]!.data.body).toBe(JSON.stringify(purchase(eventId)));
    expect(steps[0]!.data.envelope).toMatchObject({
      event_id: eventId,
      source: { kind: 'server', pipeline_id: stack.demo.pipeline_id },
      received_at: expect.any(String),
    });
    expect(steps[1]).toMatchObject({
      step: 'received',
      part: 'processor',
      event: 'Order Completed',
      user_id: 'user-live-1',
    });
    expect((steps[1]!.data.envelope as { context: { ip: string } }).context.ip).toBe('203.0.113.7');
    expect(steps[2]).toMatchObject({ step: 'processed' });
    const forIntegration = (id: string) =>
      steps.filter((s) => s.integration_id === id).map((s) => s.step);
    expect(forIntegration(integrations.ga4!)).toEqual([
      'consent',
      'params',
      'request',
      'response',
      'outcome',
    ]);
    expect(forIntegration(failingId)).toEqual([
      'consent',
      'params',
      'request',
      'response',
      'outcome',
    ]);

    const meta = steps.filter((s) => s.integration_id === integrations.meta_capi);
    expect(meta).toEqual([
      expect.objectContaining({
        step: 'consent',
        status: 'blocked',
        summary: 'blocked by consent: marketing',
      }),
    ]);
    expect(
      steps.find((s) => s.integration_id === integrations.ga4 && s.step === 'consent'),
    ).toMatchObject({ status: 'ok', summary: 'allowed by consent: analytics' });
    expect(
      steps.find((s) => s.integration_id === integrations.ga4 && s.step === 'params')?.data
        .parameters,
    ).toEqual({ ga4_measurement_id: 'G-DEMO12345' });
    expect(
      steps.find((s) => s.integration_id === integrations.ga4 && s.step === 'outcome'),
    ).toMatchObject({ status: 'delivered' });

    const request = steps.find((s) => s.integration_id === failingId && s.step === 'request')!;
    expect(request.data).toMatchObject({
      attempt: 1,
      request: {
        method: 'POST',
        url: `${failing.url}/hook`,
        headers: { authorization: '[redacted]' },
      },
    });
    expect(request.data.payload).toBeDefined();
    const response = steps.find((s) => s.integration_id === failingId && s.step === 'response')!;
    expect(response).toMatchObject({ status: 'retrying', data: { response: { status: 500 } } });
    expect((response.data.response as { body: string }).body).toContain('backend exploded');
    const outcome = steps.find((s) => s.integration_id === failingId && s.step === 'outcome')!;
    expect(outcome).toMatchObject({ status: 'retrying', data: { attempt: 1, next_attempt: 2 } });
    expect(Date.parse(outcome.data.next_retry_at as string)).toBeGreaterThan(outcome.at);

    // Secrets never in a trace; an admin sees personal data raw.
    expect(text).not.toContain('live-e2e-bearer-secret');
    expect(text).not.toContain('demo-ga4-api-secret');
    expect(text).toContain('jane.doe@example.com');
  }, 60_000);

  it('masks personal data for a viewer and applies filters changed over the socket', async () => {
    const viewer = await api<{ token: string }>('POST', '/tokens', {
      name: 'live viewer',
      role: 'viewer',
    });
    const live = await openLive(stack.adminUrl, viewer.token, {
      pipeline_id: stack.demo.pipeline_id,
      status: 'blocked',
    });
    expect(live.messages.find((m) => m.type === 'hello')).toMatchObject({
      personal_data: 'masked',
      filters: { status: 'blocked' },
    });
    await waitTraced();
    const first = `live-viewer-${Date.now()}`;
    await send('/v1/events', purchase(first));
    await live.until(
      (all) => stepsOf(all, first).some((s) => s.status === 'blocked'),
      'the blocked consent step',
    );
    // Held until the status matched, then the event's steps so far in order.
    // (The edge's step may or may not come first: the edge reads key records through a 30 s cache.)
    expect(
      stepsOf(live.messages, first)
        .filter((s) => s.part !== 'edge')
        .map((s) => s.step)
        .slice(0, 2),
    ).toEqual(['received', 'processed']);

    live.ws.send(
      JSON.stringify({
        type: 'filter',
        integration_id: stack.demo.integrations.ga4,
        event: 'Order Completed',
      }),
    );
    await live.until((all) => all.some((m) => m.type === 'filters'), 'the new filters');
    live.ws.send(JSON.stringify({ type: 'filter', status: 'everything' }));
    await live.until(
      (all) => all.some((m) => m.type === 'error' && m.field === 'status'),
      'an error naming the status field',
    );
    const second = `live-viewer-${Date.now()}-2`;
    await send('/v1/events', purchase(second));
    await live.until(
      (all) => stepsOf(all, second).some((s) => s.step === 'outcome'),
      'the GA4 outcome',
    );
    live.ws.close();
    const steps = stepsOf(live.messages, second);
    expect(new Set(steps.flatMap((s) => (s.integration_id ? [s.integration_id] : [])))).toEqual(
      new Set([stack.demo.integrations.ga4]),
    );
    const text = JSON.stringify(live.messages);
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).not.toContain('203.0.113.7');
    expect(text).not.toContain('user-live-1');
    expect(text).toContain('[masked]');
  }, 60_000);

  it('keeps the pipeline delivering every event while a socket stops reading, and counts what it could not show', async () => {
    type Stats = { total: { delivered: number } };
    const webhookId = stack.demo.integrations.webhook!;
    const before = (await api<Stats>('GET', `/integrations/${webhookId}/stats`)).total.delivered;
    const url = new URL('/v1/admin/live', stack.adminUrl.replace('http', 'ws'));
    url.searchParams.set('pipeline_id', stack.demo.pipeline_id);
    const client = new WsClient(url, ['datafly-live', `bearer.${token}`]);
    const received: Message[] = [];
    client.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as Message));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('close', (code: number, reason: Buffer) =>
        resolve({ code, reason: reason.toString() }),
      ),
    );
    await new Promise<void>((resolve) => client.once('message', () => resolve()));
    await waitTraced();
    client.pause();

    // Big events make big traces: far more than the socket buffers hold while nobody reads.
    const total = 300;
    const padding = 'x'.repeat(20_000);
    const ids = Array.from({ length: total }, (_, i) => `live-slow-${Date.now()}-${i}`);
    for (let i = 0; i < total; i += 10) {
      await send('/v1/batch', {
        batch: ids.slice(i, i + 10).map((id) => ({
          ...purchase(id, { padding }),
          context: { consent: { analytics: false, marketing: false } },
        })),
      });
    }
    const deadline = Date.now() + 60_000;
    let delivered = before;
    while (delivered - before < total && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      delivered = (await api<Stats>('GET', `/integrations/${webhookId}/stats`)).total.delivered;
    }
    expect(delivered - before).toBe(total);

    client.resume();
    const { code, reason } = await closed;
    expect(code).toBe(4008);
    expect(reason).toMatch(/^too slow: \d+ events not shown/);
    const closing = received.find((m) => m.type === 'closing') as
      { events_not_shown: number; total_events_not_shown: number } | undefined;
    expect(closing?.total_events_not_shown).toBeGreaterThan(0);
    // Every drop was counted and shown: the notices add up to the total, which reached the cut-off.
    const notShown =
      received
        .filter((m) => m.type === 'dropped')
        .reduce((n, m) => n + (m.events_not_shown as number), 0) + closing!.events_not_shown;
    expect(notShown).toBe(closing!.total_events_not_shown);
    expect(closing!.total_events_not_shown).toBeGreaterThanOrEqual(100);
  }, 120_000);
});
