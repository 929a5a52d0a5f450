/**
 * Signature checks, all constant-time (WebCrypto `verify`, never string comparison):
 *
 * - `hmacSignature()` — server endpoints: `X-Signature-256: sha256=<hex>` is the HMAC-SHA256 of
 *   the raw body with one of the key's `hmac_secrets` (two during rotation).
 * - `verifyHexHmac` — the generic webhook scheme: a configured header with the hex HMAC-SHA256.
 * - `verifyStandardWebhook` — Standard Webhooks: `webhook-signature: v1,<base64>` (space
 *   separated list) over `{webhook-id}.{webhook-timestamp}.{body}`, secret `whsec_<base64>`,
 *   timestamp within a tolerance (default 5 minutes) either way.
 */
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import type { EdgeEnv } from '../../types.js';

const SIGNATURE_HEADER = 'X-Signature-256';

const encoder = new TextEncoder();
/** Imported keys, shared by requests once imported (never a pending import: see key-check). */
const keyCache = new Map<string, CryptoKey>();

async function hmacKey(secret: string | Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const raw = typeof secret === 'string' ? encoder.encode(secret) : secret;
  const id =
    typeof secret === 'string' ? `s:${secret}` : `b:${btoa(String.fromCharCode(...secret))}`;
  const cached = keyCache.get(id);
  if (cached) return cached;
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  if (keyCache.size >= 1000) keyCache.clear();
  keyCache.set(id, key);
  return key;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** True when `signature` is the HMAC-SHA256 of `data` under any of `secrets`. */
async function verifyAny(
  secrets: readonly (string | Uint8Array<ArrayBuffer>)[],
  signature: Uint8Array<ArrayBuffer>,
  data: string,
): Promise<boolean> {
  const bytes = encoder.encode(data);
  let ok = false;
  // Every secret is tried (no early exit) so timing does not reveal which one matched.
  for (const secret of secrets) {
    if (await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, bytes)) ok = true;
  }
  return ok;
}

/**
 * Verify a hex HMAC-SHA256 of `body` (optionally after a prefix such as `sha256=`).
 *
 * @example await verifyHexHmac(['s3cret'], 'sha256=9f…', '{"a":1}', 'sha256=') // → true | false
 */
export async function verifyHexHmac(
  secrets: readonly string[],
  header: string,
  body: string,
  prefix = '',
): Promise<boolean> {
  if (!header.startsWith(prefix)) return false;
  const sig = hexToBytes(header.slice(prefix.length).trim());
  return sig !== null && verifyAny(secrets, sig, body);
}

/** Why a Standard Webhooks signature was refused, or `null` when it is valid. */
type StandardWebhookProblem = null | { field: string; message: string };

/**
 * Verify a Standard Webhooks request. `nowMs` is the current time.
 *
 * @example await verifyStandardWebhook(['whsec_…'], { id, timestamp, signature }, body, Date.now(), 300) // → null when valid
 */
export async function verifyStandardWebhook(
  secrets: readonly string[],
  headers: {
    id?: string | undefined;
    timestamp?: string | undefined;
    signature?: string | undefined;
  },
  body: string,
  nowMs: number,
  toleranceSeconds = 300,
): Promise<StandardWebhookProblem> {
  const { id, timestamp, signature } = headers;
  if (!id) return { field: 'webhook-id', message: 'missing webhook-id header' };
  if (!timestamp)
    return { field: 'webhook-timestamp', message: 'missing webhook-timestamp header' };
  if (!signature)
    return { field: 'webhook-signature', message: 'missing webhook-signature header' };
  if (!/^\d{1,12}$/.test(timestamp))
    return { field: 'webhook-timestamp', message: 'webhook-timestamp must be Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) {
    return {
      field: 'webhook-timestamp',
      message: `webhook-timestamp is more than ${toleranceSeconds} s away from the current time`,
    };
  }
  const keys = secrets
    .map((s) => base64ToBytes(s.slice('whsec_'.length)))
    .filter((k): k is Uint8Array<ArrayBuffer> => k !== null);
  const content = `${id}.${timestamp}.${body}`;
  for (const entry of signature.split(' ')) {
    const [version, b64] = entry.split(',', 2);
    if (version !== 'v1' || !b64) continue;
    const sig = base64ToBytes(b64);
    if (sig && sig.length === 32 && (await verifyAny(keys, sig, content))) return null;
  }
  return { field: 'webhook-signature', message: 'webhook-signature does not match the body' };
}

/**
 * Middleware (after `keyCheck` and `body`): require a valid `X-Signature-256` over the raw body.
 *
 * @example server.post('/v1/events', keyCheck({ from: ['header'] }), body({ maxBytes }), hmacSignature(), handler)
 */
export function hmacSignature(): MiddlewareHandler<EdgeEnv> {
  return async function hmacSignatureMiddleware(c, next) {
    const header = c.req.header(SIGNATURE_HEADER);
    if (!header)
      throw new DataflyError(
        'invalid_signature',
        `missing ${SIGNATURE_HEADER} header (sha256=<hex HMAC-SHA256 of the body>)`,
        { field: SIGNATURE_HEADER },
      );
    if (!/^sha256=[0-9a-fA-F]{64}$/.test(header.trim())) {
      throw new DataflyError(
        'invalid_signature',
        `${SIGNATURE_HEADER} must be sha256= followed by 64 hex characters`,
        { field: SIGNATURE_HEADER },
      );
    }
    const secrets = c.get('key').hmac_secrets;
    if (secrets.length === 0)
      throw new DataflyError(
        'invalid_signature',
        'this pipeline key has no HMAC secret configured',
        { field: SIGNATURE_HEADER },
      );
    if (!(await verifyHexHmac(secrets, header.trim(), c.get('rawBody'), 'sha256='))) {
      throw new DataflyError('invalid_signature', `${SIGNATURE_HEADER} does not match the body`, {
        field: SIGNATURE_HEADER,
      });
    }
    await next();
  };
}
