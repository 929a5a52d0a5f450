import { describe, expect, it } from 'vitest';
import { FIXED_NOW, bridgeDouble, post, seedKey, send, testApp } from '../../testing/index.js';
import { TRACE_BODY_BYTES } from './trace.js';

// The edge's step of the live trace: published only while the key record says a debugger watches.
describe('the edge step of the live trace', () => {
  it('publishes the body as sent and the enriched envelope to live-trace before the event, while the pipeline is watched', async () => {
    const { keyId } = await seedKey({ trace_until: FIXED_NOW + 60_000 });
    const bridge = bridgeDouble();
    const body = '{"event":"Order Completed","properties":{"total":42}}';
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}&gclid=abc`, body, { 'cf-connecting-ip': '203.0.113.9' }),
      { BRIDGE_URL: 'http://bridge.local' },
    );
    expect(res.status).toBe(200);
    expect(bridge.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/topics/live-trace',
      '/topics/raw-events',
    ]);
    const [trace, raw] = bridge.requests;
    const step = trace!.body.records[0]!.value as unknown as Record<string, unknown> & {
      data: { body: string; envelope: Record<string, unknown> };
    };
    expect(trace!.body.records[0]!.key).toBe('pip_1');
    expect(step).toMatchObject({
      v: 1,
      at: FIXED_NOW,
      part: 'edge',
      step: 'edge_received',
      pipeline_id: 'pip_1',
      event: 'Order Completed',
      summary: 'received at the edge: track Order Completed (browser)',
    });
    expect(step.data.body).toBe(body);
    expect(step.data.envelope).toEqual(raw!.body.records[0]!.value);
    expect(step.data.envelope).toMatchObject({ context: { click_ids: { gclid: 'abc' } } });
  });

  it.each([
    { name: 'no watch', trace: {} },
    { name: 'a watch that has ended', trace: { trace_until: FIXED_NOW - 1 } },
  ])('publishes nothing with $name', async ({ trace }) => {
    const { keyId } = await seedKey(trace);
    const bridge = bridgeDouble();
    expect(
      (await send(testApp({ fetch: bridge.fetch }), post(`/v1/t?k=${keyId}`, { event: 'X' })))
        .status,
    ).toBe(200);
    expect(bridge.requests.map((r) => new URL(r.url).pathname)).toEqual(['/topics/raw-events']);
  });

  it('cuts a large body, and a failed publish does not fail the event', async () => {
    const { keyId } = await seedKey({ trace_until: FIXED_NOW + 60_000 });
    const bridge = bridgeDouble();
    const events = Array.from({ length: 40 }, (_, i) => ({
      type: 'track',
      event: `E${i}`,
      properties: { pad: 'x'.repeat(1000) },
    }));
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/batch?k=${keyId}`, { batch: events }, { origin: 'https://shop.example' }),
    );
    expect(res.status).toBe(200);
    const steps = bridge.requests[0]!.body.records.map(
      (r) => r.value as unknown as { data: { body: string; body_cut_at?: number } },
    );
    expect(steps).toHaveLength(40);
    expect(steps[0]!.data.body.length).toBe(TRACE_BODY_BYTES);
    expect(steps[0]!.data.body_cut_at).toBe(TRACE_BODY_BYTES);

    const { keyId: other } = await seedKey({ trace_until: FIXED_NOW + 60_000 });
    const flaky = bridgeDouble();
    const fetchFailingTrace: typeof fetch = async (input, init) => {
      if (new Request(input, init).url.endsWith('/topics/live-trace'))
        throw new TypeError('connection refused');
      return flaky.fetch(input, init);
    };
    const ok = await send(
      testApp({ fetch: fetchFailingTrace }),
      post(`/v1/t?k=${other}`, { event: 'Still Stored' }),
    );
    expect(ok.status).toBe(200);
    expect(flaky.stored).toHaveLength(1);
  });
});
