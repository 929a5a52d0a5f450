import { describe, expect, it } from 'vitest';
import type { KeyKind } from '../../../core/keys/index.js';
import { bridgeDouble, hmacHex, post, seedKey, send, testApp } from '../../testing/index.js';
import { checkKeyKind } from './index.js';

const ORIGIN = 'https://shop.example';
const PURCHASE = { type: 'track', event: 'Order Completed', properties: { total: 999999 } };

/** How a case signs its request: not at all, with the key's HMAC secret, or its webhook secret. */
type Signing = 'none' | 'hmac' | 'webhook';

interface Attack {
  name: string;
  kind: KeyKind;
  /** Path with `{k}` where the key goes in the query; `header` puts it in X-Datafly-Key instead. */
  path: string;
  keyIn?: 'query' | 'header';
  method?: 'GET' | 'POST';
  body?: unknown;
  sign?: Signing;
  origin?: boolean;
  status: number;
  field?: string;
}

async function request(a: Attack, keyId: string): Promise<Request> {
  const path =
    a.keyIn === 'header' ? a.path.replace(/[?&]k=\{k\}/, '') : a.path.replace('{k}', keyId);
  const headers: Record<string, string> = {};
  if (a.keyIn === 'header') headers['x-datafly-key'] = keyId;
  if (a.origin) headers.origin = ORIGIN;
  if (a.method === 'GET') return new Request(`https://data.shop.example${path}`, { headers });
  const text = JSON.stringify(a.body ?? PURCHASE);
  if (a.sign === 'hmac')
    headers['x-signature-256'] = `sha256=${await hmacHex('secret-current', text)}`;
  if (a.sign === 'webhook') headers['x-webhook-signature'] = await hmacHex('wh-secret', text);
  return post(path, text, headers);
}

const seedOfKind = (kind: KeyKind) =>
  seedKey({
    kind,
    allowed_origins: [ORIGIN],
    hmac_secrets: kind === 'browser' ? [] : ['secret-current'],
    webhook: kind === 'webhook' ? { scheme: 'hmac_sha256', secrets: ['wh-secret'] } : null,
  });

// Issue 12, finding 1: a server or webhook key used without a signature on a browser door
// delivered a 999999 purchase. Each endpoint takes only its kinds (docs/security.md).
const attacks: Attack[] = [
  {
    name: 'a server key on /v1/t (no signature) is refused',
    kind: 'server',
    path: '/v1/t?k={k}',
    origin: true,
    status: 403,
    field: 'k',
  },
  {
    name: 'a server key on /v1/t with a valid HMAC is still refused (browser door)',
    kind: 'server',
    path: '/v1/t?k={k}',
    sign: 'hmac',
    status: 403,
    field: 'k',
  },
  {
    name: 'a webhook key on /v1/t is refused',
    kind: 'webhook',
    path: '/v1/t?k={k}',
    origin: true,
    status: 403,
    field: 'k',
  },
  {
    name: 'a server key in X-Datafly-Key on /v1/p is refused naming the header',
    kind: 'server',
    path: '/v1/p?k={k}',
    keyIn: 'header',
    status: 403,
    field: 'X-Datafly-Key',
  },
  {
    name: 'a server key on the pixel is refused',
    kind: 'server',
    path: '/v1/pixel/t?k={k}&e=Order+Completed&total=999999',
    method: 'GET',
    status: 403,
  },
  {
    name: 'a webhook key on the pixel is refused',
    kind: 'webhook',
    path: '/v1/pixel/track?k={k}&e=X',
    method: 'GET',
    status: 403,
  },
  {
    name: 'a server key on /v1/batch without a signature is refused',
    kind: 'server',
    path: '/v1/batch?k={k}',
    body: { batch: [PURCHASE] },
    status: 401,
    field: 'X-Signature-256',
  },
  {
    name: 'a server key on /v1/batch from a browser origin without a signature is refused',
    kind: 'server',
    path: '/v1/batch?k={k}',
    body: { batch: [PURCHASE] },
    origin: true,
    status: 401,
    field: 'X-Signature-256',
  },
  {
    name: 'a webhook key on /v1/batch is refused',
    kind: 'webhook',
    path: '/v1/batch?k={k}',
    body: { batch: [PURCHASE] },
    sign: 'hmac',
    status: 403,
    field: 'k',
  },
  {
    name: 'a browser key on /v1/batch without an Origin (a tool) is refused',
    kind: 'browser',
    path: '/v1/batch?k={k}',
    body: { batch: [PURCHASE] },
    status: 403,
    field: 'Origin',
  },
  {
    name: 'a browser key on /v1/events is refused',
    kind: 'browser',
    path: '/v1/events?k={k}',
    keyIn: 'header',
    status: 403,
    field: 'X-Datafly-Key',
  },
  {
    name: 'a webhook key on /v1/events, even HMAC-signed, is refused',
    kind: 'webhook',
    path: '/v1/events?k={k}',
    keyIn: 'header',
    sign: 'hmac',
    status: 403,
    field: 'X-Datafly-Key',
  },
  {
    name: 'a browser key on /v1/webhook is refused',
    kind: 'browser',
    path: '/v1/webhook?k={k}',
    status: 403,
    field: 'k',
  },
  {
    name: 'a server key on /v1/webhook with its HMAC is refused',
    kind: 'server',
    path: '/v1/webhook?k={k}',
    sign: 'hmac',
    status: 403,
    field: 'k',
  },
  {
    name: 'a webhook key on /v1/webhook without its signature is refused',
    kind: 'webhook',
    path: '/v1/webhook?k={k}',
    status: 401,
    field: 'x-webhook-signature',
  },
];

const allowed: Attack[] = [
  {
    name: 'a browser key on /v1/t from its origin is accepted',
    kind: 'browser',
    path: '/v1/t?k={k}',
    origin: true,
    status: 200,
  },
  {
    name: 'a browser key on the pixel is accepted',
    kind: 'browser',
    path: '/v1/pixel/t?k={k}&e=Opened',
    method: 'GET',
    status: 200,
  },
  {
    name: 'a browser key on /v1/batch from its origin is accepted',
    kind: 'browser',
    path: '/v1/batch?k={k}',
    body: { batch: [PURCHASE] },
    origin: true,
    status: 200,
  },
  {
    name: 'a signed server key on /v1/batch is accepted',
    kind: 'server',
    path: '/v1/batch?k={k}',
    keyIn: 'header',
    body: { batch: [PURCHASE] },
    sign: 'hmac',
    status: 200,
  },
  {
    name: 'a signed server key on /v1/events is accepted',
    kind: 'server',
    path: '/v1/events?k={k}',
    keyIn: 'header',
    sign: 'hmac',
    status: 200,
  },
  {
    name: 'a signed webhook key on /v1/webhook is accepted',
    kind: 'webhook',
    path: '/v1/webhook?k={k}',
    sign: 'webhook',
    status: 200,
  },
];

describe('key kinds at every door', () => {
  it.each(attacks)('$name', async (a) => {
    const { keyId } = await seedOfKind(a.kind);
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await request(a, keyId));
    expect(res.status).toBe(a.status);
    if (a.field)
      expect(((await res.json()) as { error: { field?: string } }).error.field).toBe(a.field);
    expect(bridge.requests).toHaveLength(0);
  });

  it.each(allowed)('$name', async (a) => {
    const { keyId } = await seedOfKind(a.kind);
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await request(a, keyId));
    expect(res.status).toBe(a.status);
    expect(bridge.stored).toHaveLength(1);
  });

  it('names the accepted kinds and the key’s own kind in the refusal', () => {
    expect(checkKeyKind('server', ['browser'], 'k')?.message).toBe(
      'this endpoint takes browser keys; k is a server key',
    );
    expect(checkKeyKind('browser', ['browser', 'server'], 'k')).toBeNull();
  });
});
