/**
 * Auth kinds, implemented once and named by specs. Two families:
 * - request auth applied while formatting (none, bearer, basic, API key in header/query/body,
 *   HMAC request signing, OAuth 1.0a HMAC-SHA1), all synchronous;
 * - token auth (OAuth 2.0 client credentials and refresh token, Google service account) through
 *   the definition's `authorize`, whose token delivery caches, refreshes a minute before expiry
 *   and drops after a `vendor_auth` answer (a 401), then hands to `format` as `accessToken`.
 *
 * OAuth 1.0a is RFC 5849 §3.4 signing over node:crypto: the npm `oauth-1.0a` package has had no
 * release since 2019, and the signature is one HMAC over a normalised string.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DataflyError } from '../../errors/index.js';
import { googleTokens, ServiceAccountSetting } from './google-oauth.js';
import { fetchOAuth2Token } from './oauth2.js';
import type { Auth, SingleAuth } from './schema.js';
import { appendQuery, compileTemplate, type TemplateScope } from './template.js';

/** A request being built: auth may add headers, query parameters or body fields. */
export interface Draft {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Set before `sign`: the encoded body. */
  body?: string;
}

export interface CompiledAuth {
  /** Secret material this auth reads, for scrubbing. */
  kind: Auth['kind'];
  /** Add credentials before the body is encoded (headers, query, body field). */
  prepare(draft: Draft, bodyFields: Record<string, unknown> | undefined, scope: TemplateScope, accessToken: string | undefined): void;
  /** Sign the finished request (HMAC, OAuth 1.0a). */
  sign?(draft: Draft, scope: TemplateScope, now: () => number, nonce: () => string): void;
  /** Token auth: fetch an access token. */
  authorize?(scope: TemplateScope, fetcher: typeof fetch, now: number): Promise<{ token: string; expiresAt: number }>;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean));

/** RFC 3986 percent-encoding (OAuth 1.0a §3.6): everything but unreserved characters. */
export const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The OAuth 1.0a `Authorization` header value (HMAC-SHA1) for a request whose body is JSON (so
 * only the query and oauth_* parameters are signed, RFC 5849 §3.4.1.3.1).
 *
 * @example oauth1Header({ method: 'POST', url: new URL('https://ads-api.x.com/12/measurement/conversions/p1') }, creds, 1700000000, 'abc')
 */
export function oauth1Header(
  req: { method: string; url: URL },
  c: { consumer_key: string; consumer_secret: string; token: string; token_secret: string },
  timestamp: number,
  nonce: string,
): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: c.consumer_key,
    oauth_nonce: nonce,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(timestamp),
    oauth_token: c.token,
    oauth_version: '1.0',
  };
  const params: [string, string][] = [...req.url.searchParams.entries(), ...Object.entries(oauth)].map(([k, v]) => [rfc3986(k), rfc3986(v)]);
  params.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  const base = `${req.url.origin.toLowerCase()}${req.url.pathname}`;
  const text = [req.method.toUpperCase(), rfc3986(base), rfc3986(params.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
  const signature = createHmac('sha1', `${rfc3986(c.consumer_secret)}&${rfc3986(c.token_secret)}`).update(text).digest('base64');
  const all = { ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(all)
    .map(([k, v]) => `${rfc3986(k)}="${rfc3986(v)}"`)
    .join(', ')}`;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Compile a spec's auth block (templates resolved per request against the settings).
 *
 * @example compileAuth({ kind: 'bearer', token: '{{settings.access_token}}', header: 'authorization', prefix: 'Bearer ' }, 'spec.auth')
 */
export function compileAuth(auth: Auth | SingleAuth, field: string): CompiledAuth {
  const t = (template: string, name: string) => {
    const c = compileTemplate(template, `${field}.${name}`);
    return (scope: TemplateScope): string => str(c(scope));
  };
  switch (auth.kind) {
    case 'none':
      return { kind: auth.kind, prepare: () => undefined };
    case 'bearer': {
      const token = t(auth.token, 'token');
      return { kind: auth.kind, prepare: (d, _b, s) => void (d.headers[auth.header.toLowerCase()] = `${auth.prefix}${token(s)}`) };
    }
    case 'basic': {
      const [user, pass] = [t(auth.username, 'username'), t(auth.password, 'password')];
      return { kind: auth.kind, prepare: (d, _b, s) => void (d.headers.authorization = basic(user(s), pass(s))) };
    }
    case 'api_key': {
      const value = t(auth.value, 'value');
      return {
        kind: auth.kind,
        prepare: (d, bodyFields, s) => {
          const v = `${auth.prefix}${value(s)}`;
          if (auth.in === 'header') d.headers[auth.name.toLowerCase()] = v;
          else if (auth.in === 'query') appendQuery(d.url, [[auth.name, v]]);
          else if (bodyFields) bodyFields[auth.name] = v;
        },
      };
    }
    case 'hmac': {
      const secret = t(auth.secret, 'secret');
      return {
        kind: auth.kind,
        prepare: () => undefined,
        sign: (d, s) => {
          d.headers[auth.header.toLowerCase()] = `${auth.prefix}${createHmac(auth.algorithm, secret(s)).update(d.body ?? '').digest(auth.encoding)}`;
        },
      };
    }
    case 'oauth1': {
      const [ck, cs, tk, ts] = [t(auth.consumer_key, 'consumer_key'), t(auth.consumer_secret, 'consumer_secret'), t(auth.token, 'token'), t(auth.token_secret, 'token_secret')];
      return {
        kind: auth.kind,
        prepare: () => undefined,
        sign: (d, s, now, nonce) => {
          d.headers.authorization = oauth1Header(d, { consumer_key: ck(s), consumer_secret: cs(s), token: tk(s), token_secret: ts(s) }, Math.floor(now() / 1000), nonce());
        },
      };
    }
    case 'oauth2_client_credentials':
    case 'oauth2_refresh_token': {
      const [id, secret] = [t(auth.client_id, 'client_id'), t(auth.client_secret, 'client_secret')];
      const refresh = auth.kind === 'oauth2_refresh_token' ? t(auth.refresh_token, 'refresh_token') : undefined;
      return {
        kind: auth.kind,
        prepare: (d, _b, _s, token) => {
          if (token) d.headers.authorization = `Bearer ${token}`;
        },
        authorize: (s, fetcher, now) => {
          const form = new URLSearchParams(refresh ? { grant_type: 'refresh_token', refresh_token: refresh(s) } : { grant_type: 'client_credentials' });
          if (auth.kind === 'oauth2_client_credentials' && auth.scope) form.set('scope', auth.scope);
          const headers: Record<string, string> = {};
          if (auth.client_auth === 'basic') headers.authorization = basic(rfc3986(id(s)), rfc3986(secret(s)));
          else {
            form.set('client_id', id(s));
            form.set('client_secret', secret(s));
          }
          return fetchOAuth2Token(auth.token_url, form, headers, fetcher, now);
        },
      };
    }
    case 'first_of': {
      const options = auth.options.map((o, i) => ({ when: o.when, auth: compileAuth(o.auth, `${field}.options[${i}].auth`) }));
      // The first option whose settings are all set; the last one when none is (its own checks then name what is missing).
      const pick = (s: TemplateScope): CompiledAuth => (options.find((o) => o.when.every((k) => present(s.settings[k]))) ?? options[options.length - 1]!).auth;
      const signs = options.some((o) => o.auth.sign);
      const tokens = options.some((o) => o.auth.authorize);
      return {
        kind: auth.kind,
        prepare: (d, b, s, token) => pick(s).prepare(d, b, s, token),
        ...(signs ? { sign: (d: Draft, s: TemplateScope, now: () => number, nonce: () => string) => pick(s).sign?.(d, s, now, nonce) } : {}),
        ...(tokens
          ? {
              authorize: (s: TemplateScope, fetcher: typeof fetch, now: number) => {
                const a = pick(s).authorize;
                return a ? a(s, fetcher, now) : Promise.resolve({ token: '', expiresAt: Number.MAX_SAFE_INTEGER });
              },
            }
          : {}),
      };
    }
    case 'google_service_account': {
      const key = compileTemplate(auth.key, `${field}.key`);
      return {
        kind: auth.kind,
        prepare: (d, _b, _s, token) => {
          if (token) d.headers.authorization = `Bearer ${token}`;
        },
        authorize: (s, fetcher) => {
          const account = ServiceAccountSetting.safeParse(key(s));
          if (!account.success) return Promise.reject(new DataflyError('config_error', `${field}.key: not a service-account key`, { field: `${field}.key` }));
          // The process-wide cache Google vendors share: one token per key and scope until it nears expiry.
          return googleTokens.get({ kind: 'service_account', account: account.data }, auth.scopes.join(' '), fetcher);
        },
      };
    }
  }
}

/** A fresh OAuth nonce. */
export const newNonce = (): string => randomBytes(16).toString('hex');
