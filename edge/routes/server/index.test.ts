import { describe, expect, it } from 'vitest';
import {
  bridgeDouble,
  errorOf,
  hmacHex,
  post,
  seedKey,
  send,
  testApp,
} from '../../testing/index.js';

const EVENT = JSON.stringify({
  type: 'track',
  event: 'Order Completed',
  user_id: 'u-7',
  properties: { total: 42 },
});

async function signed(
  keyId: string,
  secret: string,
  body = EVENT,
  extra: Record<string, string> = {},
) {
  return post('/v1/events', body, {
    'content-type': 'application/json',
    'x-datafly-key': keyId,
    'x-signature-256': `sha256=${await hmacHex(secret, body)}`,
    ...extra,
  });
}

describe('POST /v1/events (HMAC)', () => {
  it.each([
    { name: 'a body signed with the current secret is accepted', secret: 'secret-current' },
    {
      name: 'a body signed with the previous secret is accepted during rotation',
      secret: 'secret-previous',
    },
  ])('$name', async ({ secret }) => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await signed(keyId, secret));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(bridge.stored[0]).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      user_id: 'u-7',
      source: { kind: 'server' },
    });
    expect(bridge.requests[0]!.body.records[0]!.key).toBe('u-7');
  });

  it('accepts an uppercase hex signature', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const req = post('/v1/events', EVENT, {
      'x-datafly-key': keyId,
      'x-signature-256': `sha256=${(await hmacHex('secret-current', EVENT)).toUpperCase()}`,
    });
    expect((await send(testApp({ fetch: bridgeDouble().fetch }), req)).status).toBe(200);
  });

  it.each([
    {
      name: 'a signature made with a retired secret is refused',
      make: (k: string) => signed(k, 'secret-retired'),
      message: /does not match/,
    },
    {
      name: 'a signature over a different body is refused',
      make: async (k: string) =>
        new Request(await signed(k, 'secret-current'), { body: EVENT.replace('42', '43') }),
      message: /does not match/,
    },
    {
      name: 'a missing signature header is refused',
      make: async (k: string) => post('/v1/events', EVENT, { 'x-datafly-key': k }),
      message: /missing X-Signature-256/,
    },
    {
      name: 'a signature without the sha256= prefix is refused',
      make: async (k: string) =>
        post('/v1/events', EVENT, {
          'x-datafly-key': k,
          'x-signature-256': await hmacHex('secret-current', EVENT),
        }),
      message: /sha256= followed by 64 hex/,
    },
    {
      name: 'a truncated signature is refused',
      make: async (k: string) =>
        post('/v1/events', EVENT, { 'x-datafly-key': k, 'x-signature-256': 'sha256=abcd' }),
      message: /64 hex/,
    },
  ])('$name', async ({ make, message }) => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await make(keyId));
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'invalid_signature', field: 'X-Signature-256' });
    expect(error.message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses signed requests for a key without HMAC secrets', async () => {
    const { keyId } = await seedKey({ kind: 'server', hmac_secrets: [] });
    const res = await send(testApp(), await signed(keyId, 'anything'));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/no HMAC secret/);
  });

  it('only takes the key from X-Datafly-Key', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const req = post(`/v1/events?k=${keyId}`, EVENT, {
      'x-signature-256': `sha256=${await hmacHex('secret-current', EVENT)}`,
    });
    const res = await send(testApp(), req);
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: 'unauthorized', field: 'X-Datafly-Key' });
  });

  it.each([
    {
      name: 'an unknown event type is refused naming "type"',
      body: { type: 'screen' },
      field: 'type',
      message: /must be one of/,
    },
    {
      name: 'a missing type is refused naming "type"',
      body: { event: 'X' },
      field: 'type',
      message: /type/,
    },
    {
      name: 'a user_id that is not a string is refused naming "user_id"',
      body: { type: 'identify', user_id: 7 },
      field: 'user_id',
      message: /user_id/,
    },
  ])('$name', async ({ body, field, message }) => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      await signed(keyId, 'secret-current', JSON.stringify(body)),
    );
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });
});
