import { describe, expect, it } from 'vitest';
import {
  bridgeDouble,
  errorOf,
  hmacHex,
  post,
  seedKey,
  send,
  setCookies,
  testApp,
} from '../../testing/index.js';
import type { BatchAccepted, BatchRejected } from './index.js';

interface BatchAnswer {
  ok: boolean;
  accepted: BatchAccepted[];
  rejected: BatchRejected[];
}

async function signedBatch(keyId: string, body: unknown) {
  const text = JSON.stringify(body);
  return post('/v1/batch', text, {
    'content-type': 'application/json',
    'x-datafly-key': keyId,
    'x-signature-256': `sha256=${await hmacHex('secret-current', text)}`,
  });
}

describe('POST /v1/batch', () => {
  it('accepts a whole valid batch with 200 and forwards it in one bridge call', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const batch = [
      { type: 'track', event: 'A', anonymous_id: 'anon-1', event_id: 'e1' },
      { type: 'identify', user_id: 'u1', traits: { plan: 'pro' }, event_id: 'e2' },
    ];
    const res = await send(testApp({ fetch: bridge.fetch }), await signedBatch(keyId, { batch }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      accepted: [
        { index: 0, event_id: 'e1' },
        { index: 1, event_id: 'e2' },
      ],
      rejected: [],
    });
    expect(bridge.requests).toHaveLength(1);
    expect(bridge.stored.map((e) => [e.event_id, e.source.kind, e.anonymous_id])).toEqual([
      ['e1', 'batch', 'anon-1'],
      ['e2', 'batch', undefined],
    ]);
  });

  it('accepts the good events and rejects the bad ones with reasons (207)', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const batch = [
      { type: 'track', event: 'Good 1', event_id: 'g1' },
      { type: 'track', event_id: 'b1' },
      'not an event',
      { type: 'launch', event_id: 'b3' },
      { type: 'page', event_id: 'g2', properties: { n: 1 } },
    ];
    const res = await send(testApp({ fetch: bridge.fetch }), await signedBatch(keyId, { batch }));
    expect(res.status).toBe(207);
    const answer = (await res.json()) as BatchAnswer;
    expect(answer.ok).toBe(false);
    expect(answer.accepted).toEqual([
      { index: 0, event_id: 'g1' },
      { index: 4, event_id: 'g2' },
    ]);
    expect(answer.rejected.map((r) => [r.index, r.event_id, r.code, r.field, r.retryable])).toEqual(
      [
        [1, 'b1', 'invalid_request', 'batch[1].event', false],
        [2, undefined, 'invalid_request', 'batch[2].(event)', false],
        [3, 'b3', 'invalid_request', 'batch[3].type', false],
      ],
    );
    expect(answer.rejected[0]!.message).toMatch(/track events need an "event" name/);
    expect(bridge.stored.map((e) => e.event_id)).toEqual(['g1', 'g2']);
  });

  it('reports events the bridge did not store as rejected and retryable', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble({ kind: 'record-errors', failIndexes: [1] });
    const batch = [0, 1, 2].map((i) => ({ type: 'track', event: `E${i}`, event_id: `e${i}` }));
    const res = await send(testApp({ fetch: bridge.fetch }), await signedBatch(keyId, { batch }));
    expect(res.status).toBe(207);
    const answer = (await res.json()) as BatchAnswer;
    expect(answer.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(answer.rejected).toEqual([
      {
        index: 1,
        event_id: 'e1',
        code: 'upstream_unavailable',
        message: expect.stringMatching(/not stored/) as unknown,
        retryable: true,
      },
    ]);
  });

  it('answers 503 with Retry-After and acknowledges nothing when the bridge is down', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const res = await send(
      testApp({ fetch: bridgeDouble({ kind: 'down' }).fetch }),
      await signedBatch(keyId, { batch: [{ type: 'page' }] }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('applies a batch-level sent_at to correct each event’s clock', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const batch = [{ type: 'track', event: 'X', timestamp: '2025-12-31T22:59:00.000Z' }];
    await send(
      testApp({ fetch: bridge.fetch }),
      await signedBatch(keyId, { batch, sent_at: '2025-12-31T23:00:00.000Z' }),
    );
    expect(bridge.stored[0]!.timestamp).toBe('2025-12-31T23:59:00.000Z');
  });

  it.each([
    {
      name: 'more than 500 events is refused with 413',
      body: { batch: Array.from({ length: 501 }, () => ({ type: 'page' })) },
      status: 413,
      field: 'batch',
      message: /501 events; the limit is 500/,
    },
    {
      name: 'an empty batch is refused',
      body: { batch: [] },
      status: 400,
      field: 'batch',
      message: /empty/,
    },
    {
      name: 'a body without a batch array is refused',
      body: { events: [] },
      status: 400,
      field: 'batch',
      message: /batch/,
    },
    {
      name: 'a batch that is not an array is refused',
      body: { batch: { type: 'page' } },
      status: 400,
      field: 'batch',
      message: /array/,
    },
    {
      name: 'a JSON array body is refused',
      body: [{ type: 'page' }],
      status: 400,
      field: '(body)',
      message: /expected \{"batch"/,
    },
  ])('$name', async ({ body, status, field, message }) => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await signedBatch(keyId, body));
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses a body over 500 KB with 413 before parsing it', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const body = JSON.stringify({
      batch: [{ type: 'page', properties: { blob: 'x'.repeat(501 * 1024) } }],
    });
    const res = await send(testApp(), post('/v1/batch', body, { 'x-datafly-key': keyId }));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/512000 bytes/) as unknown,
    });
  });

  it('refuses a batch with a bad signature', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const req = post('/v1/batch', '{"batch":[{"type":"page"}]}', {
      'x-datafly-key': keyId,
      'x-signature-256': `sha256=${'0'.repeat(64)}`,
    });
    const res = await send(testApp(), req);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('invalid_signature');
  });

  it('keeps a signed server batch free of cookies, with the events’ own anonymous ids', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      await signedBatch(keyId, {
        batch: [{ type: 'track', event: 'Imported', anonymous_id: 'legacy-1' }],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(bridge.stored[0]).toMatchObject({ anonymous_id: 'legacy-1', source: { kind: 'batch' } });
  });

  it('treats a key-only batch from a browser like browser events: CORS, cookies, _dfid identity', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const batch = [
      { type: 'page' },
      {
        type: 'track',
        event: 'Click',
        context: { page: { url: 'https://shop.example/?gclid=G' } },
      },
    ];
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        `/v1/batch?k=${keyId}`,
        { batch },
        { origin: 'https://shop.example', 'cf-connecting-ip': '203.0.113.9' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(setCookies(res).has('_dfid')).toBe(true);
    const dfid = bridge.stored[0]!.anonymous_id;
    expect(bridge.stored.map((e) => [e.anonymous_id, e.source.kind, e.context.ip])).toEqual([
      [dfid, 'browser', '203.0.113.9'],
      [dfid, 'browser', '203.0.113.9'],
    ]);
    expect(bridge.stored[1]!.context.click_ids).toEqual({ gclid: 'G' });
  });

  it('refuses a key-only batch from a foreign origin', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      post(
        `/v1/batch?k=${keyId}`,
        { batch: [{ type: 'page' }] },
        { origin: 'https://evil.example' },
      ),
    );
    expect(res.status).toBe(403);
  });

  it('decodes compact wire events in a batch', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        `/v1/batch?k=${keyId}`,
        {
          batch: [
            { w: 1, y: 't', e: 'Compact' },
            { w: 1, y: 'p', n: 'Home' },
          ],
        },
        { origin: 'https://shop.example' },
      ),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored.map((e) => [e.type, e.event])).toEqual([
      ['track', 'Compact'],
      ['page', 'Home'],
    ]);
  });
});
