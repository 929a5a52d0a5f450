import { describe, expect, it } from 'vitest';
import {
  bridgeDouble,
  errorOf,
  post,
  seedKey,
  send,
  testApp,
  type BridgeMode,
} from '../../testing/index.js';

describe('forward to the bridge', () => {
  it('POSTs Kafka REST v2 records keyed by anonymous_id with the bearer token', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }),
      { BRIDGE_URL: 'http://bridge.local:8083/', BRIDGE_TOKEN: 'tok-123' },
    );
    expect(res.status).toBe(200);
    const [req] = bridge.requests;
    expect(req!.url).toBe('http://bridge.local:8083/topics/raw-events');
    expect(req!.headers.get('content-type')).toBe('application/vnd.kafka.json.v2+json');
    expect(req!.headers.get('authorization')).toBe('Bearer tok-123');
    expect(req!.body.records).toHaveLength(1);
    expect(req!.body.records[0]!.key).toBe(req!.body.records[0]!.value.anonymous_id);
    expect(req!.body.records[0]!.value).toMatchObject({ v: 1, type: 'track', event: 'X' });
  });

  it.each<{ name: string; mode: BridgeMode; message: RegExp }>([
    {
      name: 'a bridge that cannot be reached gives 503 with Retry-After',
      mode: { kind: 'down' },
      message: /unreachable/,
    },
    {
      name: 'a bridge that answers 500 gives 503 with Retry-After',
      mode: { kind: 'status', status: 500 },
      message: /answered 500/,
    },
    {
      name: 'a bridge that answers 401 (wrong token) gives 503 with Retry-After',
      mode: { kind: 'status', status: 401 },
      message: /answered 401/,
    },
    {
      name: 'a bridge that does not answer in time gives 503 with Retry-After',
      mode: { kind: 'hang' },
      message: /did not answer in time/,
    },
    {
      name: 'an unreadable bridge answer gives 503 with Retry-After',
      mode: { kind: 'garbage' },
      message: /unreadable/,
    },
    {
      name: 'a per-record error in the offsets gives 503 with Retry-After',
      mode: { kind: 'record-errors', failIndexes: [0] },
      message: /not stored/,
    },
  ])('$name', async ({ mode, message }) => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp({ fetch: bridgeDouble(mode).fetch, bridgeTimeoutMs: 30 }),
      post(`/v1/t?k=${keyId}`, { event: 'X' }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('bridge.test');
  });

  it('answers 503 at once while bridgeMaxOpen requests are open (late ones included), and takes requests again once one settles', async () => {
    const { keyId } = await seedKey();
    let answerFirst!: (res: Response) => void;
    let calls = 0;
    const ok = bridgeDouble();
    const app = testApp({
      bridgeTimeoutMs: 30,
      bridgeMaxOpen: 1,
      fetch: async (input, init) => {
        calls++;
        if (calls === 1) return new Promise<Response>((resolve) => (answerFirst = resolve));
        return ok.fetch(input, init);
      },
    });
    const late = await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }));
    expect((await errorOf(late)).message).toMatch(/did not answer in time/);
    const busy = await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect((await errorOf(busy)).message).toMatch(/too many requests are waiting/);
    expect(calls).toBe(1);
    answerFirst(Response.json({ offsets: [{ partition: 0, offset: 0 }] }));
    await new Promise((r) => setTimeout(r, 0));
    const again = await send(app, post(`/v1/t?k=${keyId}`, { event: 'X' }));
    expect(again.status).toBe(200);
    expect(calls).toBe(2);
  });
});
