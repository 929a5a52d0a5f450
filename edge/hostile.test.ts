// Hostile input at the edge's doors (issue 12): each case is a request an attacker sent, the
// answer it must get, and what may reach the bridge. Key kinds are in middleware/key-kind.
import { describe, expect, it } from 'vitest';
import type { KeyKind } from '../core/keys/index.js';
import { bridgeDouble, hmacHex, post, seedKey, send, testApp } from './testing/index.js';

const ORIGIN = 'https://shop.example';
const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** A body whose JSON is exactly `bytes` long: a track event padded in one property. */
const sized = (bytes: number): string => {
  const shell = JSON.stringify({ event: 'Big', properties: { pad: '' } });
  return JSON.stringify({ event: 'Big', properties: { pad: 'x'.repeat(bytes - shell.length) } });
};

interface Case {
  name: string;
  kind: KeyKind;
  path: string;
  /** The raw body text. */
  body: string;
  status: number;
  field?: string | RegExp;
  code?: string;
  /** Events the bridge must have stored. */
  stored: number;
}

async function request(c: Case, keyId: string): Promise<Request> {
  if (c.kind === 'server') {
    return post(c.path, c.body, {
      'content-type': 'application/json',
      'x-datafly-key': keyId,
      'x-signature-256': `sha256=${await hmacHex('secret-current', c.body)}`,
    });
  }
  return post(`${c.path}?k=${keyId}`, c.body, {
    origin: ORIGIN,
    'cf-connecting-ip': '203.0.113.9',
    'user-agent': `Mozilla/5.0 ${'x'.repeat(400)}`,
  });
}

const cases: Case[] = [
  {
    name: 'an event nested 5000 levels deep is a 400 naming the field, not a 503 the collector retries forever',
    kind: 'browser',
    path: '/v1/t',
    body: `{"event":"Deep","properties":{"deep":${nested(5000)}}}`,
    status: 400,
    field: /^properties\.deep(\.0)+…?$/,
    stored: 0,
  },
  {
    name: 'an event nested 7000 levels deep on /v1/events is a 400, not a 500',
    kind: 'server',
    path: '/v1/events',
    body: `{"type":"track","event":"Deep","properties":{"deep":${nested(7000)}}}`,
    status: 400,
    field: /^properties\.deep/,
    stored: 0,
  },
  {
    name: 'a batch event nested 100000 levels deep is rejected alone, never a 5xx',
    kind: 'server',
    path: '/v1/batch',
    body: `{"batch":[{"type":"page"},{"type":"track","event":"X","properties":{"d":${nested(100_000)}}}]}`,
    status: 207,
    field: /^batch\[1\]\.properties\.d/,
    stored: 1,
  },
  {
    name: 'nesting at the documented limit (64) is accepted',
    kind: 'browser',
    path: '/v1/t',
    body: `{"event":"Ok","properties":{"a":${nested(62)}}}`,
    status: 200,
    stored: 1,
  },
  {
    name: 'nesting one past the limit is refused',
    kind: 'browser',
    path: '/v1/t',
    body: `{"event":"No","properties":{"a":${nested(63)}}}`,
    status: 400,
    field: /^properties\.a(\.0){62}$/,
    stored: 0,
  },
  {
    name: 'one deep event in a batch is rejected alone; the others are stored',
    kind: 'server',
    path: '/v1/batch',
    body: `{"batch":[{"type":"track","event":"A"},{"type":"track","event":"Deep","properties":{"d":${nested(5000)}}},{"type":"page"}]}`,
    status: 207,
    field: /^batch\[1\]\.properties\.d/,
    stored: 2,
  },
  {
    name: 'a 32,568-byte browser event is accepted: enrichment does not count toward the 32 KB',
    kind: 'browser',
    path: '/v1/t',
    body: sized(32_568),
    status: 200,
    stored: 1,
  },
  {
    name: 'a browser event of exactly 32 KB is accepted',
    kind: 'browser',
    path: '/v1/t',
    body: sized(32 * 1024),
    status: 200,
    stored: 1,
  },
  {
    name: 'a body one byte over 32 KB is 413',
    kind: 'browser',
    path: '/v1/t',
    body: sized(32 * 1024 + 1),
    status: 413,
    code: 'payload_too_large',
    stored: 0,
  },
  {
    name: 'an oversize event inside a batch is rejected alone as payload_too_large',
    kind: 'server',
    path: '/v1/batch',
    body: JSON.stringify({
      batch: [{ type: 'track', event: 'A' }, JSON.parse(sized(33_000)) as unknown],
    }).replace('"event":"Big"', '"type":"track","event":"Big"'),
    status: 207,
    field: 'batch[1].(event)',
    code: 'payload_too_large',
    stored: 1,
  },
];

describe('hostile bodies at the edge', () => {
  it.each(cases)('$name', async (c) => {
    const { keyId } = await seedKey({ kind: c.kind, allowed_origins: [ORIGIN] });
    const bridge = bridgeDouble();
    const res = await send(testApp({ fetch: bridge.fetch }), await request(c, keyId));
    expect(res.status).toBe(c.status);
    const answer = (await res.json()) as {
      error?: { field?: string; code: string };
      rejected?: { field?: string; code: string }[];
    };
    const problem = answer.error ?? answer.rejected?.[0];
    if (c.field !== undefined) expect(problem?.field).toMatch(c.field);
    if (c.code !== undefined) expect(problem?.code).toBe(c.code);
    expect(bridge.stored).toHaveLength(c.stored);
  });
});

describe('smaller doors', () => {
  it('HEAD /v1/pixel/t answers the GIF, records nothing and sets no cookie', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      new Request(`https://data.shop.example/v1/pixel/t?k=${keyId}&e=Opened`, { method: 'HEAD' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(bridge.requests).toHaveLength(0);
  });

  it.each([
    {
      name: 'an unknown key (401)',
      path: '/v1/t?k=dk_neverseeded77',
      type: 'text/plain',
      status: 401,
    },
    { name: 'an unknown path (404)', path: '/v1/nowhere', type: 'text/plain', status: 404 },
    {
      name: 'a refused content type (415)',
      path: '/v1/t?k={k}',
      type: 'application/xml',
      status: 415,
    },
    {
      name: 'a body over the limit announced by Content-Length (413)',
      path: '/v1/t?k={k}',
      type: 'text/plain',
      status: 413,
      bytes: 40_000,
    },
  ])(
    'reads the body before an early error answer: $name',
    async ({ path, type, status, bytes }) => {
      const { keyId } = await seedKey({ allowed_origins: [ORIGIN] });
      const req = new Request(`https://data.shop.example${path.replace('{k}', keyId)}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'x'.repeat(bytes ?? 100),
      });
      const res = await send(testApp(), req);
      expect(res.status).toBe(status);
      expect(req.bodyUsed).toBe(true);
    },
  );
});
