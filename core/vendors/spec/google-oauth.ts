/**
 * Google OAuth2 for server-to-server vendors (Google Ads Data Manager, BigQuery; the Delivery Spec's
 * `google_service_account` auth kind): a
 * service-account JWT (RS256, signed with node:crypto) exchanged at the account's `token_uri`,
 * or a refresh-token grant; tokens cached per credential+scope and refreshed a minute before
 * they expire. The doubles issue tokens at their own `/token`.
 */
import { createSign } from 'node:crypto';
import { z } from 'zod';
import { fetchOAuth2Token } from './oauth2.js';

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** A service-account key file (the fields we use). */
export const ServiceAccount = z.looseObject({
  client_email: z.string().min(3),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
  private_key_id: z.string().optional(),
  token_uri: z.url().default(GOOGLE_TOKEN_URI),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** The `service_account_json` setting: the key file as a JSON string or object. */
export const ServiceAccountSetting = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}, ServiceAccount);

/** Refresh-token credentials (user OAuth client). */
interface RefreshCredentials {
  client_id: string;
  client_secret: string;
  refresh_token: string;
  token_uri?: string;
}

type GoogleCredentials =
  | { kind: 'service_account'; account: ServiceAccount }
  | { kind: 'refresh_token'; creds: RefreshCredentials };

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/**
 * A signed RS256 JWT assertion for the jwt-bearer grant.
 *
 * @example
 * serviceAccountJwt(account, 'https://www.googleapis.com/auth/bigquery.insertdata', 1767268800)
 */
export function serviceAccountJwt(
  account: ServiceAccount,
  scope: string,
  nowSeconds: number,
): string {
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    ...(account.private_key_id ? { kid: account.private_key_id } : {}),
  };
  const claims = {
    iss: account.client_email,
    scope,
    aud: account.token_uri,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(account.private_key);
  return `${unsigned}.${b64url(signature)}`;
}

/**
 * Exchange credentials for an access token (one network call, no cache).
 *
 * @example
 * await fetchGoogleToken({ kind: 'service_account', account }, scope, fetch, Date.now())
 */
async function fetchGoogleToken(
  c: GoogleCredentials,
  scope: string,
  fetcher: typeof fetch,
  nowMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const uri =
    c.kind === 'service_account' ? c.account.token_uri : (c.creds.token_uri ?? GOOGLE_TOKEN_URI);
  const form =
    c.kind === 'service_account'
      ? new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: serviceAccountJwt(c.account, scope, Math.floor(nowMs / 1000)),
        })
      : new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: c.creds.client_id,
          client_secret: c.creds.client_secret,
          refresh_token: c.creds.refresh_token,
        });
  return fetchOAuth2Token(uri, form, {}, fetcher, nowMs);
}

/** Refresh this long before expiry. */
const REFRESH_MARGIN_MS = 60_000;

interface TokenCache {
  /** A valid token for these credentials and scope, fetched only when missing or about to expire. */
  get(
    c: GoogleCredentials,
    scope: string,
    fetcher: typeof fetch,
  ): Promise<{ token: string; expiresAt: number }>;
}

/**
 * A token cache keyed by credential identity + scope; concurrent callers share one fetch.
 *
 * @example
 * const cache = createTokenCache(() => Date.now());
 * const { token } = await cache.get(creds, scope, fetch);
 */
export function createTokenCache(now: () => number): TokenCache {
  const entries = new Map<string, Promise<{ token: string; expiresAt: number }>>();
  return {
    async get(c, scope, fetcher) {
      const client =
        c.kind === 'service_account'
          ? `${c.account.client_email}|${c.account.token_uri}`
          : `${c.creds.client_id}|${c.creds.token_uri ?? ''}`;
      const key = `${client}|${scope}`;
      const hit = entries.get(key);
      if (hit) {
        const v = await hit.catch(() => undefined);
        if (v && v.expiresAt - REFRESH_MARGIN_MS > now()) return v;
        if (entries.get(key) !== hit) return this.get(c, scope, fetcher);
      }
      const p = fetchGoogleToken(c, scope, fetcher, now());
      entries.set(key, p);
      p.catch(() => entries.delete(key));
      return p;
    },
  };
}

/** The process-wide cache vendor definitions use. */
export const googleTokens = createTokenCache(() => Date.now());
