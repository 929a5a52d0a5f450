/**
 * Test helpers for the edge suites (run inside workerd): a deterministic app, a bridge double
 * injected as the app's outbound fetch, KV key seeding and HMAC signing.
 */
import { env } from 'cloudflare:workers';
import type { Envelope } from '../../core/event/index.js';
import { serializeKeyRecord, type KeyRecordInput } from '../../core/keys/index.js';
import { createEdgeApp } from '../app.js';
import type { EdgeDeps } from '../types.js';

/** 2026-01-01T00:00:00.000Z */
export const FIXED_NOW = 1_767_225_600_000;
export const FIXED_RANDOM = 123_456_789;

/** What the bridge double does with a request. */
export type BridgeMode =
  | { kind: 'ok' }
  | { kind: 'down' }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'record-errors'; failIndexes: number[] };

interface CapturedBridgeRequest {
  url: string;
  headers: Headers;
  body: { records: { key: string; value: Envelope }[] };
}

interface BridgeDouble {
  fetch: typeof fetch;
  mode: BridgeMode;
  requests: CapturedBridgeRequest[];
  /** Every envelope the bridge acknowledged. */
  stored: Envelope[];
}

/**
 * A Kafka-REST-shaped bridge double.
 *
 * @example const bridge = bridgeDouble(); const app = testApp({ fetch: bridge.fetch })
 */
export function bridgeDouble(mode: BridgeMode = { kind: 'ok' }): BridgeDouble {
  const double: BridgeDouble = {
    mode,
    requests: [],
    stored: [],
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const text = await req.text();
      const body = JSON.parse(text) as CapturedBridgeRequest['body'];
      double.requests.push({ url: req.url, headers: req.headers, body });
      const m = double.mode;
      if (m.kind === 'down') throw new TypeError('connection refused');
      if (m.kind === 'hang') {
        return new Promise<Response>((_, reject) => {
          req.signal.addEventListener('abort', () => reject(req.signal.reason as Error));
        });
      }
      if (m.kind === 'status') return new Response('{"error_code":50001}', { status: m.status });
      if (m.kind === 'garbage') return new Response('<html>', { status: 200 });
      const failed = m.kind === 'record-errors' ? new Set(m.failIndexes) : new Set<number>();
      const offsets = body.records.map((r, i) => {
        if (failed.has(i))
          return {
            partition: null,
            offset: null,
            error_code: 50002,
            error: 'broker not available',
          };
        double.stored.push(r.value);
        return { partition: 0, offset: double.stored.length - 1, error_code: null, error: null };
      });
      return Response.json(
        { offsets },
        { headers: { 'content-type': 'application/vnd.kafka.v2+json' } },
      );
    },
  };
  return double;
}

/**
 * A deterministic edge app: fixed clock, sequential UUIDs, fixed random numbers.
 *
 * @example const app = testApp({ fetch: bridgeDouble().fetch })
 */
export function testApp(overrides: Partial<EdgeDeps> = {}) {
  let n = 0;
  return createEdgeApp({
    now: () => FIXED_NOW,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    randomInt: () => FIXED_RANDOM,
    bridgeTimeoutMs: 50,
    ...overrides,
  });
}

/**
 * Run a request through an app inside workerd with the test bindings.
 *
 * @example const res = await send(app, new Request('https://edge.test/v1/t?k=…', { method: 'POST', body }))
 */
export async function send(
  app: ReturnType<typeof createEdgeApp>,
  request: Request,
  bindings: Partial<Env> = {},
): Promise<Response> {
  return app.fetch(request, { ...env, ...bindings });
}

let seq = 0;

/**
 * Put a fresh key record into KV under a unique key id (the isolate cache never sees it before).
 * A browser key unless `kind` says otherwise; HMAC secrets `secret-current`/`secret-previous`.
 *
 * @example const { keyId } = await seedKey({ allowed_origins: ['https://shop.example'] })
 * @example const { keyId } = await seedKey({ kind: 'server' })
 */
export async function seedKey(
  overrides: Partial<KeyRecordInput> = {},
): Promise<{ keyId: string; record: KeyRecordInput }> {
  const keyId = `dk_test${String(++seq).padStart(4, '0')}${crypto.randomUUID().slice(0, 8)}`;
  const record: KeyRecordInput = {
    v: 1,
    kind: 'browser',
    pipeline_id: 'pip_1',
    org_id: 'org_1',
    source_id: 'src_1',
    status: 'active',
    allowed_origins: ['https://shop.example'],
    hmac_secrets: ['secret-current', 'secret-previous'],
    cookie_domain: null,
    ...overrides,
  };
  await env.PIPELINE_KEYS.put(keyId, serializeKeyRecord(record));
  return { keyId, record };
}

/**
 * Hex HMAC-SHA256, computed independently of the edge's verifier.
 *
 * @example const sig = `sha256=${await hmacHex('secret-current', body)}`
 */
export async function hmacHex(
  secret: string | Uint8Array<ArrayBuffer>,
  data: string,
): Promise<string> {
  const raw = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data)));
  return [...sig].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A POST request with a JSON string body (`text/plain` unless another type is given).
 *
 * @example post('/v1/t?k=dk_…', { event: 'Signup' }, { origin: 'https://shop.example' })
 */
export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(`https://data.shop.example${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: text,
  });
}

/**
 * The `Set-Cookie` headers of a response, by cookie name.
 *
 * @example setCookies(res).get('_dfid') // → '_dfid=…; Max-Age=63072000; Path=/; Secure; SameSite=Lax; HttpOnly'
 */
export function setCookies(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) out.set(line.slice(0, line.indexOf('=')), line);
  return out;
}

/**
 * The JSON body of an error answer.
 *
 * @example expect(await errorOf(res)).toMatchObject({ code: 'invalid_signature' })
 */
export async function errorOf(
  res: Response,
): Promise<{ code: string; message: string; field?: string; details?: unknown }> {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}
