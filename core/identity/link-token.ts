/**
 * Cross-domain link tokens (docs/identity.md): the edge of domain A mints, for a visitor's
 * `_dfid` and one of the organisation's declared domains B, a token that B's edge accepts for
 * about two minutes. HMAC-SHA256 with the organisation's link secret over the version, the id,
 * the expiry and the target host, so a token is useless for another domain, after its expiry,
 * or with any byte changed. Runtime-neutral (Web Crypto: workerd and Node).
 *
 * Form: `1.{dfid}.{expiry, unix seconds}.{base64url signature}`, carried as `_dfl` in the URL.
 */

/** The query parameter a decorated link carries. */
export const LINK_PARAM = '_dfl';
/** How long a token is accepted (seconds). */
export const LINK_TTL_SECONDS = 120;

const DFID = /^[A-Za-z0-9._-]{8,128}$/;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    if (keys.size > 100) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

const b64url = (bytes: ArrayBuffer): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (text: string): Uint8Array<ArrayBuffer> | undefined => {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '=');
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};
const signed = (dfid: string, exp: number, host: string): Uint8Array<ArrayBuffer> =>
  encoder.encode(`1.${dfid}.${exp}.${host.toLowerCase()}`);

/**
 * @example await signLinkToken({ secret, dfid: 'f3a1…', host: 'checkout.example-pay.com', now: Date.now() }) // → '1.f3a1….1767225720.Xk…'
 */
export async function signLinkToken(o: {
  secret: string;
  dfid: string;
  host: string;
  now: number;
}): Promise<string> {
  const exp = Math.floor(o.now / 1000) + LINK_TTL_SECONDS;
  const sig = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(o.secret),
    signed(o.dfid, exp, o.host),
  );
  return `1.${o.dfid}.${exp}.${b64url(sig)}`;
}

/**
 * The `_dfid` a token carries when it is genuine, unexpired, not issued for further ahead than
 * its lifetime, and minted for `host`; otherwise undefined (never an error: a bad token is ignored).
 *
 * @example await verifyLinkToken(token, { secret, host: 'checkout.example-pay.com', now: Date.now() }) // → 'f3a1…' | undefined
 */
export async function verifyLinkToken(
  token: string,
  o: { secret: string; host: string; now: number },
): Promise<string | undefined> {
  if (token.length > 300) return undefined;
  const m = /^1\.(.+)\.(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return undefined;
  const [, dfid, expText, sigText] = m as unknown as [string, string, string, string];
  const exp = Number(expText);
  const nowS = Math.floor(o.now / 1000);
  if (!DFID.test(dfid) || exp < nowS || exp > nowS + LINK_TTL_SECONDS + 5) return undefined;
  const sig = fromB64url(sigText);
  if (!sig) return undefined;
  const ok = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(o.secret),
    sig,
    signed(dfid, exp, o.host),
  );
  return ok ? dfid : undefined;
}

/**
 * A URL without its `_dfl` parameter (unchanged when it has none or is not a URL).
 *
 * @example withoutLinkToken('https://b.example/?_dfl=1.x.2.y&a=1') // → 'https://b.example/?a=1'
 */
export function withoutLinkToken(url: string): string {
  if (!url.includes(LINK_PARAM)) return url;
  try {
    const u = new URL(url);
    u.searchParams.delete(LINK_PARAM);
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * The `_dfl` value of a URL, if any.
 *
 * @example linkTokenOf('https://b.example/?_dfl=abc') // → 'abc'
 */
export function linkTokenOf(url: string | undefined): string | undefined {
  if (!url || !url.includes(LINK_PARAM)) return undefined;
  try {
    return new URL(url).searchParams.get(LINK_PARAM) ?? undefined;
  } catch {
    return undefined;
  }
}
