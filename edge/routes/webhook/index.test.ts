import { describe, expect, it } from 'vitest';
import {
  FIXED_NOW,
  bridgeDouble,
  errorOf,
  hmacHex,
  post,
  seedKey,
  send,
  testApp,
} from '../../testing/index.js';
import { webhookEvent } from './index.js';

const SECRET_BYTES = Uint8Array.from({ length: 24 }, (_, i) => i + 1);
const WHSEC = `whsec_${btoa(String.fromCharCode(...SECRET_BYTES))}`;
const OLD_BYTES = Uint8Array.from({ length: 24 }, (_, i) => 100 + i);
const OLD_WHSEC = `whsec_${btoa(String.fromCharCode(...OLD_BYTES))}`;
const NOW_S = FIXED_NOW / 1000;

async function standardSignature(
  secret: Uint8Array<ArrayBuffer>,
  id: string,
  ts: number,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    secret,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${ts}.${body}`)),
  );
  return `v1,${btoa(String.fromCharCode(...sig))}`;
}

const BODY = JSON.stringify({ type: 'invoice.paid', data: { amount: 1200 } });

describe('POST /v1/webhook — Standard Webhooks', () => {
  const standardKey = () =>
    seedKey({
      kind: 'webhook',
      webhook: { scheme: 'standard_webhooks', secrets: [WHSEC, OLD_WHSEC] },
    });

  it('accepts a valid signature and uses webhook-id as the event id', async () => {
    const { keyId } = await standardKey();
    const bridge = bridgeDouble();
    const headers = {
      'webhook-id': 'msg_2abc',
      'webhook-timestamp': String(NOW_S),
      'webhook-signature': await standardSignature(SECRET_BYTES, 'msg_2abc', NOW_S, BODY),
    };
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, { 'content-type': 'application/json', ...headers }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, event_id: 'msg_2abc' });
    expect(bridge.stored[0]).toMatchObject({
      type: 'track',
      event: 'invoice.paid',
      properties: { data: { amount: 1200 } },
      source: { kind: 'webhook' },
    });
  });

  it('accepts a signature list where one entry matches the previous secret', async () => {
    const { keyId } = await standardKey();
    const sig = `v1,${btoa('x'.repeat(32))} ${await standardSignature(OLD_BYTES, 'msg_1', NOW_S, BODY)}`;
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(NOW_S),
        'webhook-signature': sig,
      }),
    );
    expect(res.status).toBe(200);
  });

  it.each([
    {
      name: 'a timestamp more than 5 minutes old is refused',
      ts: NOW_S - 301,
      id: 'msg_old',
      field: 'webhook-timestamp',
      sigTs: NOW_S - 301,
    },
    {
      name: 'a timestamp more than 5 minutes ahead is refused',
      ts: NOW_S + 301,
      id: 'msg_new',
      field: 'webhook-timestamp',
      sigTs: NOW_S + 301,
    },
    {
      name: 'a signature for another timestamp is refused',
      ts: NOW_S,
      id: 'msg_ts',
      field: 'webhook-signature',
      sigTs: NOW_S - 1,
    },
  ])('$name', async ({ ts, id, field, sigTs }) => {
    const { keyId } = await standardKey();
    const bridge = bridgeDouble();
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': await standardSignature(SECRET_BYTES, id, sigTs, BODY),
    };
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, headers),
    );
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_signature', field });
    expect(bridge.requests).toHaveLength(0);
  });

  it('accepts a timestamp just inside the tolerance', async () => {
    const { keyId } = await standardKey();
    const ts = NOW_S - 299;
    const headers = {
      'webhook-id': 'msg_edge',
      'webhook-timestamp': String(ts),
      'webhook-signature': await standardSignature(SECRET_BYTES, 'msg_edge', ts, BODY),
    };
    expect(
      (
        await send(
          testApp({ fetch: bridgeDouble().fetch }),
          post(`/v1/webhook?k=${keyId}`, BODY, headers),
        )
      ).status,
    ).toBe(200);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'refuses a request without the %s header',
    async (missing) => {
      const { keyId } = await standardKey();
      const headers: Record<string, string> = {
        'webhook-id': 'msg_x',
        'webhook-timestamp': String(NOW_S),
        'webhook-signature': await standardSignature(SECRET_BYTES, 'msg_x', NOW_S, BODY),
      };
      delete headers[missing];
      const res = await send(testApp(), post(`/v1/webhook?k=${keyId}`, BODY, headers));
      expect(res.status).toBe(401);
      expect((await errorOf(res)).field).toBe(missing);
    },
  );
});

describe('POST /v1/webhook — generic HMAC-SHA256 hex', () => {
  const hmacKey = () =>
    seedKey({
      kind: 'webhook',
      webhook: {
        scheme: 'hmac_sha256',
        header: 'x-hub-signature-256',
        prefix: 'sha256=',
        secrets: ['wh-secret'],
      },
    });

  it('accepts the hex HMAC of the body in the configured header', async () => {
    const { keyId } = await hmacKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, {
        'x-hub-signature-256': `sha256=${await hmacHex('wh-secret', BODY)}`,
      }),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored[0]).toMatchObject({
      type: 'track',
      event: 'invoice.paid',
      source: { kind: 'webhook' },
    });
  });

  it('uses the default header name and no prefix when the config gives none', async () => {
    const { keyId } = await seedKey({
      kind: 'webhook',
      webhook: { scheme: 'hmac_sha256', secrets: ['wh-secret'], event: 'Form Submitted' },
    });
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, {
        'x-webhook-signature': await hmacHex('wh-secret', BODY),
      }),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored[0]!.event).toBe('Form Submitted');
  });

  it.each([
    {
      name: 'a wrong signature is refused',
      header: async () => `sha256=${await hmacHex('other', BODY)}`,
      message: /does not match/,
    },
    {
      name: 'a signature without the configured prefix is refused',
      header: () => hmacHex('wh-secret', BODY),
      message: /does not match/,
    },
    {
      name: 'a missing signature header is refused',
      header: undefined,
      message: /missing x-hub-signature-256/,
    },
  ])('$name', async ({ header, message }) => {
    const { keyId } = await hmacKey();
    const bridge = bridgeDouble();
    const headers: Record<string, string> = header ? { 'x-hub-signature-256': await header() } : {};
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/webhook?k=${keyId}`, BODY, headers),
    );
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses webhooks for a webhook key without a webhook scheme (403)', async () => {
    const { keyId } = await seedKey({ kind: 'webhook' });
    const res = await send(testApp(), post(`/v1/webhook?k=${keyId}`, BODY, {}));
    expect(res.status).toBe(403);
  });
});

describe('webhookEvent', () => {
  it.each([
    {
      name: 'a canonical event is taken as it is',
      payload: { type: 'identify', user_id: 'u' },
      configured: undefined,
      expected: { type: 'identify', user_id: 'u' },
    },
    {
      name: 'a foreign payload is named by its type field',
      payload: { type: 'charge.succeeded' },
      configured: undefined,
      expected: {
        type: 'track',
        event: 'charge.succeeded',
        properties: { type: 'charge.succeeded' },
      },
    },
    {
      name: 'the configured name wins',
      payload: { type: 'x' },
      configured: 'Lead',
      expected: { type: 'track', event: 'Lead', properties: { type: 'x' } },
    },
    {
      name: 'a payload without a type gets the default name',
      payload: { a: 1 },
      configured: undefined,
      expected: { type: 'track', event: 'Webhook Received', properties: { a: 1 } },
    },
    {
      name: 'a non-object payload is wrapped',
      payload: [1, 2],
      configured: undefined,
      expected: { type: 'track', event: 'Webhook Received', properties: { payload: [1, 2] } },
    },
  ])('$name', ({ payload, configured, expected }) => {
    expect(webhookEvent(payload, configured)).toEqual(expected);
  });
});
