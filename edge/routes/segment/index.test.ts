import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../core/event/index.js';
import {
  bridgeDouble,
  errorOf,
  post,
  seedKey,
  send,
  setCookies,
  testApp,
} from '../../testing/index.js';

const SHOP = 'https://shop.example';
const basic = (writeKey: string) => `Basic ${btoa(`${writeKey}:`)}`;

/** A server SDK call: JSON, Basic auth with `dk_….<secret>`. */
function serverCall(
  path: string,
  body: unknown,
  writeKey: string,
  headers: Record<string, string> = {},
) {
  return post(path, body, {
    'content-type': 'application/json',
    authorization: basic(writeKey),
    ...headers,
  });
}

async function serverKey() {
  const { keyId } = await seedKey({ kind: 'server' });
  return { keyId, writeKey: `${keyId}.secret-current` };
}

interface CallCase {
  name: string;
  path: string;
  body: Record<string, unknown>;
  expected: Partial<Envelope> & Record<string, unknown>;
}

const callCases: CallCase[] = [
  {
    name: 'a track call keeps its ids, event name and properties',
    path: '/v1/track',
    body: {
      userId: 'u-1',
      anonymousId: 'a-1',
      messageId: 'm-track',
      event: 'Order Completed',
      properties: { total: 42, currency: 'EUR' },
    },
    expected: {
      type: 'track',
      event: 'Order Completed',
      user_id: 'u-1',
      anonymous_id: 'a-1',
      event_id: 'm-track',
      properties: { total: 42, currency: 'EUR' },
    },
  },
  {
    name: 'an identify call keeps the user id and traits',
    path: '/v1/identify',
    body: {
      userId: 'u-2',
      anonymousId: 'a-2',
      messageId: 'm-identify',
      traits: { email: 'jane@example.com', plan: 'pro' },
    },
    expected: {
      type: 'identify',
      user_id: 'u-2',
      anonymous_id: 'a-2',
      event_id: 'm-identify',
      traits: { email: 'jane@example.com', plan: 'pro' },
    },
  },
  {
    name: 'a page call takes its name as the event and its category into properties',
    path: '/v1/page',
    body: {
      anonymousId: 'a-3',
      messageId: 'm-page',
      name: 'Pricing',
      category: 'Docs',
      properties: { path: '/pricing' },
    },
    expected: {
      type: 'page',
      event: 'Pricing',
      anonymous_id: 'a-3',
      event_id: 'm-page',
      properties: { path: '/pricing', category: 'Docs' },
    },
  },
  {
    name: 'a screen call becomes a page view marked as a screen',
    path: '/v1/screen',
    body: { userId: 'u-4', messageId: 'm-screen', name: 'Home', properties: { variant: 'b' } },
    expected: {
      type: 'page',
      original_type: 'screen',
      event: 'Home',
      user_id: 'u-4',
      event_id: 'm-screen',
      properties: { variant: 'b' },
    },
  },
  {
    name: 'a group call keeps the group id and its traits',
    path: '/v1/group',
    body: { userId: 'u-5', groupId: 'g-5', messageId: 'm-group', traits: { name: 'Acme' } },
    expected: {
      type: 'group',
      group_id: 'g-5',
      user_id: 'u-5',
      event_id: 'm-group',
      traits: { name: 'Acme' },
    },
  },
  {
    name: 'an alias call becomes an identify carrying the previous id',
    path: '/v1/alias',
    body: { userId: 'u-6', previousId: 'a-6', messageId: 'm-alias' },
    expected: {
      type: 'identify',
      original_type: 'alias',
      user_id: 'u-6',
      previous_id: 'a-6',
      event_id: 'm-alias',
    },
  },
  {
    name: 'numeric ids become strings and RudderStack’s originalTimestamp is the event time',
    path: '/v1/track',
    body: {
      userId: 77,
      event: 'Viewed',
      messageId: 'm-rudder',
      originalTimestamp: '2025-12-31T23:00:00.000Z',
      sentAt: '2025-12-31T23:00:00.000Z',
    },
    // The client clock ran an hour slow (sentAt vs the edge's fixed clock): corrected.
    expected: { user_id: '77', timestamp: '2026-01-01T00:00:00.000Z' },
  },
];

describe('Segment HTTP Tracking API', () => {
  it.each(callCases)('$name', async ({ path, body, expected }) => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), serverCall(path, body, writeKey));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, event_id: body.messageId });
    expect(bridge.stored).toHaveLength(1);
    expect(bridge.stored[0]).toMatchObject({
      ...expected,
      source: { kind: 'server', pipeline_id: 'pip_1' },
    });
  });

  it('never copies the write key (it holds the secret) or SDK metadata into the event', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const body = {
      type: 'track',
      event: 'X',
      userId: 'u',
      writeKey,
      _metadata: { nodeVersion: '24' },
    };
    await send(
      testApp({ fetch: bridge.fetch }),
      post('/v1/track', body, { 'content-type': 'application/json' }),
    );
    expect(JSON.stringify(bridge.stored[0])).not.toContain('secret-current');
    expect(bridge.stored[0]).not.toHaveProperty('_metadata');
  });

  it('maps the context: userAgent, consent preferences and campaign strings; other keys are kept', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const context = {
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0 Test',
      consent: { categoryPreferences: { Marketing: true, Analytics: false } },
      campaign: { name: 'spring', source: 'news', term: 3 },
      page: { url: 'https://shop.example/?gclid=G-1', path: '/' },
      traits: { email: 'a@b.c' },
      library: { name: 'analytics-node-next', version: '3.1.0' },
    };
    await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u', context }, writeKey),
    );
    expect(bridge.stored[0]!.context).toMatchObject({
      ip: '203.0.113.9',
      user_agent: 'Mozilla/5.0 Test',
      consent: { marketing: true, analytics: false },
      campaign: { name: 'spring', source: 'news' },
      click_ids: { gclid: 'G-1' },
      traits: { email: 'a@b.c' },
      library: { name: 'analytics-node-next', version: '3.1.0' },
    });
  });

  it('reads RudderStack’s consentManagement as consent', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const context = {
      consentManagement: { allowedConsentIds: ['Analytics'], deniedConsentIds: ['Marketing'] },
    };
    await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u', context }, writeKey),
    );
    expect(bridge.stored[0]!.context.consent).toEqual({ analytics: true, marketing: false });
  });

  it('names the field of an invalid single call with 400', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/track', { userId: 'u' }, writeKey),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field: 'event' });
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses a message whose type disagrees with its path', async () => {
    const { writeKey } = await serverKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/identify', { type: 'track', event: 'X', userId: 'u' }, writeKey),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: 'type' });
  });

  it('answers 503 with Retry-After when the event log does not store the call', async () => {
    const { writeKey } = await serverKey();
    const res = await send(
      testApp({ fetch: bridgeDouble({ kind: 'down' }).fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u' }, writeKey),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

describe('Segment batch', () => {
  it('merges the batch’s context and integrations under each message’s own', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const body = {
      batch: [
        { type: 'track', event: 'A', userId: 'u', messageId: 'b1' },
        {
          type: 'identify',
          userId: 'u',
          messageId: 'b2',
          context: { locale: 'fr-FR' },
          integrations: { 'Meta CAPI': true },
        },
      ],
      context: { locale: 'de-DE', library: { name: 'analytics-python', version: '2.3.0' } },
      integrations: { All: true, 'Meta CAPI': false },
      sentAt: '2026-01-01T00:00:00.000Z',
    };
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/batch', body, writeKey),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(bridge.requests).toHaveLength(1);
    const [a, b] = bridge.stored as (Envelope & { integrations: unknown })[];
    expect([a!.context.locale, a!.context.library?.name, a!.integrations]).toEqual([
      'de-DE',
      'analytics-python',
      { All: true, 'Meta CAPI': false },
    ]);
    expect([b!.context.locale, b!.context.library?.name, b!.integrations]).toEqual([
      'fr-FR',
      'analytics-python',
      { All: true, 'Meta CAPI': true },
    ]);
    expect(a!.sent_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('stores the good messages and reports the bad ones with their fields (207)', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const big = {
      type: 'track',
      event: 'Big',
      userId: 'u',
      messageId: 'big',
      properties: { blob: 'x'.repeat(33 * 1024) },
    };
    const batch = [
      { type: 'track', event: 'Good', userId: 'u', messageId: 'g1' },
      { type: 'track', userId: 'u', messageId: 'no-name' },
      { type: 'launch', userId: 'u' },
      big,
      'not a message',
      { type: 'screen', name: 'Home', anonymousId: 'a', messageId: 'g2' },
      { type: 'track', event: 'X', userId: 'u', context: 'not an object' },
      { type: 'track', event: 'X', userId: 'u', integrations: ['Meta CAPI'] },
      { type: 'track', event: 'X', userId: 'u', timestamp: 'yesterday' },
    ];
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/batch', { batch }, writeKey),
    );
    expect(res.status).toBe(207);
    const answer = (await res.json()) as {
      success: boolean;
      accepted: unknown[];
      rejected: { index: number; event_id?: string; field: string }[];
    };
    expect(answer.success).toBe(false);
    expect(answer.accepted).toEqual([
      { index: 0, event_id: 'g1' },
      { index: 5, event_id: 'g2' },
    ]);
    expect(answer.rejected.map((r) => [r.index, r.event_id, r.field])).toEqual([
      [1, 'no-name', 'batch[1].event'],
      [2, undefined, 'batch[2].type'],
      [3, 'big', 'batch[3].(event)'],
      [4, undefined, 'batch[4].(event)'],
      [6, undefined, 'batch[6].context'],
      [7, undefined, 'batch[7].integrations'],
      [8, undefined, 'batch[8].timestamp'],
    ]);
    expect(bridge.stored.map((e) => e.event_id)).toEqual(['g1', 'g2']);
  });

  it('asks for a retry of the batch when the event log stored only part of it', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble({ kind: 'record-errors', failIndexes: [1] });
    const batch = [0, 1, 2].map((i) => ({
      type: 'track',
      event: `E${i}`,
      userId: 'u',
      messageId: `m${i}`,
    }));
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      serverCall('/v1/batch', { batch }, writeKey),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it.each([
    {
      name: 'a batch over 500 KB is refused with 413',
      body: {
        batch: Array.from({ length: 20 }, () => ({
          type: 'track',
          event: 'X',
          userId: 'u',
          properties: { b: 'x'.repeat(30_000) },
        })),
      },
      status: 413,
      field: '(body)',
    },
    {
      name: 'a batch of more than 500 messages is refused with 413',
      body: { batch: Array.from({ length: 501 }, () => ({ type: 'page', anonymousId: 'a' })) },
      status: 413,
      field: 'batch',
    },
    {
      name: 'an empty batch is refused with 400',
      body: { batch: [] },
      status: 400,
      field: 'batch',
    },
    {
      name: 'a batch that is not an array is refused with 400',
      body: { batch: { type: 'page' } },
      status: 400,
      field: 'batch',
    },
  ])('$name', async ({ body, status, field }) => {
    const { writeKey } = await serverKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/batch', body, writeKey),
    );
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatchObject({ field });
  });

  it('takes a gzip-compressed body (RudderStack’s Node SDK)', async () => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const json = JSON.stringify({
      batch: [{ type: 'track', event: 'Zipped', userId: 'u', messageId: 'z1' }],
    });
    const gz = await new Response(
      new Blob([json]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    const req = new Request('https://data.shop.example/v1/batch', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: basic(writeKey),
      },
      body: gz,
    });
    const res = await send(testApp({ fetch: bridge.fetch }), req);
    expect(res.status).toBe(200);
    expect(bridge.stored.map((e) => e.event)).toEqual(['Zipped']);
  });

  it('refuses a gzip body that expands past the limit', async () => {
    const { writeKey } = await serverKey();
    const json = JSON.stringify({
      batch: [
        { type: 'track', event: 'X', userId: 'u', properties: { b: '0'.repeat(600 * 1024) } },
      ],
    });
    const gz = await new Response(
      new Blob([json]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    const req = new Request('https://data.shop.example/v1/batch', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: basic(writeKey),
      },
      body: gz,
    });
    const res = await send(testApp({ fetch: bridgeDouble().fetch }), req);
    expect(res.status).toBe(413);
  });
});

describe('hostile bodies', () => {
  it.each([
    { name: 'malformed JSON', body: '{"batch":[', status: 400, code: 'invalid_json' },
    {
      name: 'a JSON array instead of an object',
      body: '[{"type":"track"}]',
      status: 400,
      code: 'invalid_request',
    },
    { name: 'an empty body', body: '', status: 400, code: 'invalid_json' },
  ])('answers $name with $status, never a 5xx', async ({ body, status, code }) => {
    const { writeKey } = await serverKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/batch', body, writeKey),
    );
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatchObject({ code });
  });

  it('refuses a corrupt gzip body with 400', async () => {
    const { writeKey } = await serverKey();
    const req = new Request('https://data.shop.example/v1/batch', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: basic(writeKey),
      },
      body: 'definitely not gzip',
    });
    const res = await send(testApp({ fetch: bridgeDouble().fetch }), req);
    expect(res.status).toBe(400);
  });

  it('refuses an unknown content encoding with 415', async () => {
    const { writeKey } = await serverKey();
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u' }, writeKey, { 'content-encoding': 'br' }),
    );
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ field: 'Content-Encoding' });
  });
});

describe('write keys and key kinds', () => {
  it.each([
    {
      name: 'Basic auth with the write key as user name',
      auth: (wk: string) => ({ headers: { authorization: basic(wk) }, body: {} }),
    },
    {
      name: 'writeKey in the body',
      auth: (wk: string) => ({ headers: {}, body: { writeKey: wk } }),
    },
    {
      name: 'a bearer token plus writeKey in the body',
      auth: (wk: string) => ({
        headers: { authorization: 'Bearer oauth-access-token' },
        body: { writeKey: wk },
      }),
    },
  ])('accepts $name', async ({ auth }) => {
    const { writeKey } = await serverKey();
    const bridge = bridgeDouble();
    const { headers, body } = auth(writeKey);
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        '/v1/track',
        { event: 'X', userId: 'u', ...body },
        { 'content-type': 'application/json', ...headers },
      ),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored).toHaveLength(1);
  });

  it.each([
    {
      name: 'no write key at all',
      writeKey: undefined,
      headers: {},
      status: 401,
      message: /missing pipeline key.*write key/,
    },
    {
      name: 'a write key that is not a pipeline key',
      writeKey: 'abc',
      headers: {},
      status: 401,
      message: /malformed write key/,
    },
    {
      name: 'an unknown key',
      writeKey: 'dk_unknown0000.s',
      headers: {},
      status: 401,
      message: /unknown write key/,
    },
    {
      name: 'a public key from a server (no secret, no Origin)',
      writeKey: 'KEY',
      headers: {},
      status: 401,
      message: /server SDKs need a server key and its secret/,
    },
    {
      name: 'a wrong secret',
      writeKey: 'KEY.not-the-secret',
      kind: 'server',
      headers: {},
      status: 401,
      message: /does not match/,
    },
    {
      name: 'a server key without its secret',
      writeKey: 'KEY',
      kind: 'server',
      headers: { origin: 'https://shop.example' },
      status: 401,
      message: /server key without its secret is not a write key/,
    },
    {
      name: 'a webhook key',
      writeKey: 'KEY.secret-current',
      kind: 'webhook',
      headers: {},
      status: 401,
      message: /not a server key/,
    },
    {
      name: 'a browser key from an origin it does not allow',
      writeKey: 'KEY',
      headers: { origin: 'https://evil.example' },
      status: 403,
      message: /not allowed/,
    },
  ] as {
    name: string;
    writeKey: string | undefined;
    kind?: 'server' | 'webhook';
    headers: Record<string, string>;
    status: number;
    message: RegExp;
  }[])('refuses $name', async ({ writeKey, kind, headers, status, message }) => {
    const { keyId } = await seedKey({ kind: kind ?? 'browser' });
    const bridge = bridgeDouble();
    const auth: Record<string, string> =
      writeKey === undefined ? {} : { authorization: basic(writeKey.replace('KEY', keyId)) };
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(
        '/v1/track',
        { event: 'X', userId: 'u' },
        { 'content-type': 'application/json', ...auth, ...headers },
      ),
    );
    expect(res.status).toBe(status);
    expect((await errorOf(res)).message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('refuses a secret on a key that holds none (not a server key)', async () => {
    const { keyId } = await seedKey({ hmac_secrets: [] });
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u' }, `${keyId}.anything`),
    );
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/not a server key/);
  });

  it('accepts the previous secret during rotation', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const res = await send(
      testApp({ fetch: bridgeDouble().fetch }),
      serverCall('/v1/track', { event: 'X', userId: 'u' }, `${keyId}.secret-previous`),
    );
    expect(res.status).toBe(200);
  });
});

describe('Segment browser short paths beside Datafly.js', () => {
  /** What analytics.js sends: text/plain JSON with writeKey in the body, from the page's origin. */
  const browserCall = (path: string, body: Record<string, unknown>) =>
    post(path, body, {
      origin: SHOP,
      'cf-connecting-ip': '198.51.100.7',
      'user-agent': 'Chromium Test',
    });

  it.each([
    {
      path: '/v1/t',
      body: { type: 'track', event: 'Clicked', properties: { id: 1 } },
      expected: { type: 'track', event: 'Clicked', properties: { id: 1 } },
    },
    {
      path: '/v1/p',
      body: { type: 'page', name: 'Home', properties: { path: '/' } },
      expected: { type: 'page', event: 'Home' },
    },
    {
      path: '/v1/i',
      body: { type: 'identify', userId: 'u-9', traits: { plan: 'pro' } },
      expected: { type: 'identify', user_id: 'u-9' },
    },
    {
      path: '/v1/g',
      body: { type: 'group', groupId: 'g-9' },
      expected: { type: 'group', group_id: 'g-9' },
    },
    {
      path: '/v1/a',
      body: { type: 'alias', userId: 'u-9', previousId: 'old' },
      expected: { type: 'identify', previous_id: 'old' },
    },
    {
      path: '/v1/s',
      body: { type: 'screen', name: 'Cart' },
      expected: { type: 'page', original_type: 'screen', event: 'Cart' },
    },
  ])(
    '$path takes analytics.js’s form with the SDK’s own anonymous id',
    async ({ path, body, expected }) => {
      const { keyId } = await seedKey();
      const bridge = bridgeDouble();
      const res = await send(
        testApp({ fetch: bridge.fetch }),
        browserCall(path, {
          ...body,
          writeKey: keyId,
          anonymousId: 'ajs-anon',
          messageId: `ajs-${path}`,
        }),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(bridge.stored[0]).toMatchObject({
        ...expected,
        anonymous_id: 'ajs-anon',
        event_id: `ajs-${path}`,
        source: { kind: 'browser' },
        context: { ip: '198.51.100.7', user_agent: 'Chromium Test' },
      });
    },
  );

  it('/v1/b takes analytics.js’s batches', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const batch = [
      { type: 'track', event: 'A', anonymousId: 'ajs-anon', messageId: 'b-1' },
      { type: 'page', anonymousId: 'ajs-anon', messageId: 'b-2' },
    ];
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      browserCall('/v1/b', { batch, writeKey: keyId, sentAt: '2026-01-01T00:00:00.000Z' }),
    );
    expect(res.status).toBe(200);
    expect(bridge.stored.map((e) => [e.event_id, e.type, e.anonymous_id])).toEqual([
      ['b-1', 'track', 'ajs-anon'],
      ['b-2', 'page', 'ajs-anon'],
    ]);
  });

  it('still serves Datafly.js’s own form on /v1/t: key in k, _dfid cookie as anonymous id', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, { event: 'Signup', properties: { plan: 'pro' } }, { origin: SHOP }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(setCookies(res).has('_dfid')).toBe(true);
    expect(bridge.stored[0]).toMatchObject({
      type: 'track',
      event: 'Signup',
      anonymous_id: '00000000-0000-4000-8000-000000000001',
    });
  });

  it('still serves Datafly.js’s compact wire form and its /v1/batch', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const app = testApp({ fetch: bridge.fetch });
    const one = await send(
      app,
      post(`/v1/p?k=${keyId}`, { w: 1, n: 'Home', url: 'https://shop.example/' }, { origin: SHOP }),
    );
    const many = await send(
      app,
      post(`/v1/batch?k=${keyId}`, { batch: [{ w: 1, y: 't', e: 'A' }] }, { origin: SHOP }),
    );
    expect([one.status, many.status]).toEqual([200, 200]);
    expect(await many.json()).toMatchObject({ ok: true, accepted: [{ index: 0 }] });
    expect(bridge.stored.map((e) => [e.type, e.event, e.source.kind])).toEqual([
      ['page', 'Home', 'browser'],
      ['track', 'A', 'browser'],
    ]);
  });

  it('answers a keyless preflight so SDKs that send Authorization can post', async () => {
    const res = await send(
      testApp(),
      new Request('https://data.shop.example/v1/track', {
        method: 'OPTIONS',
        headers: { origin: SHOP, 'access-control-request-headers': 'authorization,content-type' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('SDK settings', () => {
  it('answers analytics.js’s settings request with the edge as its API host', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      new Request(`https://data.shop.example/v1/projects/${keyId}/settings`, {
        headers: { origin: SHOP },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    const settings = (await res.json()) as {
      integrations: Record<string, { apiKey: string; apiHost: string; protocol: string }>;
      remotePlugins: unknown[];
    };
    expect(settings.integrations).toEqual({
      'Segment.io': expect.objectContaining({
        apiKey: keyId,
        apiHost: 'data.shop.example/v1',
        protocol: 'https',
      }) as unknown,
    });
    expect(settings.remotePlugins).toEqual([]);
  });

  it('answers RudderStack’s sourceConfig with no device-mode destinations', async () => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      new Request(`https://data.shop.example/sourceConfig/?p=npm&writeKey=${keyId}`, {
        headers: { origin: SHOP },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      source: { id: 'src_1', enabled: true, config: {}, destinations: [] },
    });
  });

  it.each([
    {
      name: 'a server secret in the URL',
      url: (k: string) => `/v1/projects/${k}.secret-current/settings`,
      status: 401,
    },
    { name: 'an unknown key', url: () => '/v1/projects/dk_nobody000/settings', status: 401 },
    {
      name: 'a foreign origin',
      url: (k: string) => `/sourceConfig/?writeKey=${k}`,
      status: 403,
      origin: 'https://evil.example',
    },
  ])('refuses settings for $name', async ({ url, status, origin }) => {
    const { keyId } = await seedKey();
    const res = await send(
      testApp(),
      new Request(`https://data.shop.example${url(keyId)}`, {
        headers: { origin: origin ?? SHOP },
      }),
    );
    expect(res.status).toBe(status);
  });
});
