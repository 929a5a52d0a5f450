/**
 * Auth kinds, implemented once and named by specs. Two families:
 * - request auth applied while formatting (none, bearer, basic, API key in header/query/body,
 *   HMAC request signing, OAuth 1.0a HMAC-SHA1), all synchronous;
 * - token auth (OAuth 2.0 client credentials and refresh token, Google service account) through
 *   the definition's `authorize`, whose token delivery caches, refreshes a minute before expiry
 *   and drops after a `vendor_auth` answer (a 401), then hands to `format` as `accessToken`.
 *
 * AWS SigV4 signs in `seal`, just before sending (the `aws4fetch` library is asynchronous and a
 * signature is valid for 15 minutes); key-pair JWT (Snowflake) is token auth whose token is
 * self-signed with `jose`, no token endpoint.
 *
 * OAuth 1.0a is RFC 5849 §3.4 signing over node:crypto: the npm `oauth-1.0a` package has had no
 * release since 2019, and the signature is one HMAC over a normalised string.
 */
import { createHash, createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';
import { importPKCS8, SignJWT } from 'jose';
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

/** A request about to go out: its final body (bytes when compressed). */
export interface WireDraft {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** `20130524T000000Z` for an epoch-ms time (SigV4's `x-amz-date`). */
const amzDate = (ms: number): string => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');

/**
 * Sign a request with AWS SigV4 (through `aws4fetch`); S3 requests get the body's SHA-256 as
 * `x-amz-content-sha256` so the payload is signed too. Returns the headers to send.
 *
 * @example await sigv4Headers({ method: 'PUT', url, headers, body }, { accessKeyId, secretAccessKey, region: 'us-east-1', service: 's3' }, Date.now())
 */
export async function sigv4Headers(
  wire: WireDraft,
  c: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string | undefined;
    region: string;
    service: string;
  },
  now: number,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...wire.headers };
  if (c.service === 's3')
    headers['x-amz-content-sha256'] = createHash('sha256')
      .update(wire.body ?? '')
      .digest('hex');
  const signer = new AwsV4Signer({
    method: wire.method,
    url: wire.url,
    headers,
    ...(wire.body === undefined ? {} : { body: wire.body as BodyInit }),
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    region: c.region,
    service: c.service,
    datetime: amzDate(now),
  });
  const signed = await signer.sign();
  const out: Record<string, string> = {};
  signed.headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/** Snowflake's public key fingerprint: `SHA256:` + base64 of the SHA-256 of the DER public key (docs/vendors/more-vendors-and-catalog.md §14). */
export function publicKeyFingerprint(privateKeyPem: string): string {
  const der = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

export interface CompiledAuth {
  /** Secret material this auth reads, for scrubbing. */
  kind: Auth['kind'];
  /** Add credentials before the body is encoded (headers, query, body field). */
  prepare(
    draft: Draft,
    bodyFields: Record<string, unknown> | undefined,
    scope: TemplateScope,
    accessToken: string | undefined,
  ): void;
  /** Sign the finished request (HMAC, OAuth 1.0a). */
  sign?(draft: Draft, scope: TemplateScope, now: () => number, nonce: () => string): void;
  /** Sign the wire request just before it is sent (AWS SigV4): sets headers on `wire`. */
  seal?(wire: WireDraft, scope: TemplateScope, now: number): Promise<void>;
  /** Token auth: fetch an access token. */
  authorize?(
    scope: TemplateScope,
    fetcher: typeof fetch,
    now: number,
  ): Promise<{ token: string; expiresAt: number }>;
}

const str = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v as string | number | boolean);

/** RFC 3986 percent-encoding (OAuth 1.0a §3.6): everything but unreserved characters. */
const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

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
  const params: [string, string][] = [
    ...req.url.searchParams.entries(),
    ...Object.entries(oauth),
  ].map(([k, v]) => [rfc3986(k), rfc3986(v)]);
  params.sort(([ak, av], [bk, bv]) =>
    ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1,
  );
  const base = `${req.url.origin.toLowerCase()}${req.url.pathname}`;
  const text = [
    req.method.toUpperCase(),
    rfc3986(base),
    rfc3986(params.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const signature = createHmac('sha1', `${rfc3986(c.consumer_secret)}&${rfc3986(c.token_secret)}`)
    .update(text)
    .digest('base64');
  const all = { ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(all)
    .map(([k, v]) => `${rfc3986(k)}="${rfc3986(v)}"`)
    .join(', ')}`;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * The token endpoint to use: the declared one, or, when the integration points the API at a
 * sandbox or a double (`endpoint_override`), the same path under that override, so OAuth vendors
 * get their tokens from the double that serves their API.
 *
 * @example tokenUrl('https://api.amazon.com/auth/o2/token', 'http://127.0.0.1:9/vendors/amazon_ads') // → 'http://127.0.0.1:9/vendors/amazon_ads/auth/o2/token'
 */
export function tokenUrl(declared: string, override: unknown): string {
  if (typeof override !== 'string' || override === '') return declared;
  return override.replace(/\/+$/, '') + new URL(declared).pathname;
}

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
      return {
        kind: auth.kind,
        prepare: (d, _b, s) =>
          void (d.headers[auth.header.toLowerCase()] = `${auth.prefix}${token(s)}`),
      };
    }
    case 'basic': {
      const [user, pass] = [t(auth.username, 'username'), t(auth.password, 'password')];
      return {
        kind: auth.kind,
        prepare: (d, _b, s) => void (d.headers.authorization = basic(user(s), pass(s))),
      };
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
    case 'aws_sigv4': {
      const [id, secret, region] = [
        t(auth.access_key_id, 'access_key_id'),
        t(auth.secret_access_key, 'secret_access_key'),
        t(auth.region, 'region'),
      ];
      const session = auth.session_token ? t(auth.session_token, 'session_token') : undefined;
      return {
        kind: auth.kind,
        prepare: () => undefined,
        seal: async (w, s, now) => {
          const [accessKeyId, secretAccessKey, r] = [id(s), secret(s), region(s)];
          if (!accessKeyId || !secretAccessKey || !r)
            throw new DataflyError(
              'config_error',
              `${field}: the AWS access key, secret and region are required`,
              { field },
            );
          w.headers = await sigv4Headers(
            w,
            {
              accessKeyId,
              secretAccessKey,
              sessionToken: session?.(s),
              region: r,
              service: auth.service,
            },
            now,
          );
        },
      };
    }
    case 'keypair_jwt': {
      const [key, iss, sub] = [
        t(auth.private_key, 'private_key'),
        compileTemplate(auth.issuer, `${field}.issuer`),
        compileTemplate(auth.subject, `${field}.subject`),
      ];
      return {
        kind: auth.kind,
        prepare: (d, _b, _s, token) => {
          if (token) d.headers.authorization = `Bearer ${token}`;
          for (const [k, v] of Object.entries(auth.headers)) d.headers[k.toLowerCase()] = v;
        },
        authorize: async (s, _fetcher, now) => {
          const pem = key(s).replace(/\\n/g, '\n');
          let fingerprint: string;
          let signingKey: CryptoKey;
          try {
            fingerprint = publicKeyFingerprint(pem);
            signingKey = await importPKCS8(pem, 'RS256');
          } catch {
            throw new DataflyError(
              'config_error',
              `${field}.private_key: not an unencrypted PKCS#8 RSA private key (PEM)`,
              { field: `${field}.private_key` },
            );
          }
          const scope: TemplateScope = {
            settings: { ...s.settings, public_key_fingerprint: fingerprint },
          };
          const iat = Math.floor(now / 1000);
          const token = await new SignJWT({})
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .setIssuer(str(iss(scope)))
            .setSubject(str(sub(scope)))
            .setIssuedAt(iat)
            .setExpirationTime(iat + auth.lifetime_s)
            .sign(signingKey);
          return { token, expiresAt: (iat + auth.lifetime_s) * 1000 };
        },
      };
    }
    case 'hmac': {
      const [secret, header] = [t(auth.secret, 'secret'), t(auth.header, 'header')];
      return {
        kind: auth.kind,
        prepare: () => undefined,
        sign: (d, s) => {
          d.headers[header(s).toLowerCase()] = `${auth.prefix}${createHmac(
            auth.algorithm,
            secret(s),
          )
            .update(d.body ?? '')
            .digest(auth.encoding)}`;
        },
      };
    }
    case 'oauth1': {
      const [ck, cs, tk, ts] = [
        t(auth.consumer_key, 'consumer_key'),
        t(auth.consumer_secret, 'consumer_secret'),
        t(auth.token, 'token'),
        t(auth.token_secret, 'token_secret'),
      ];
      return {
        kind: auth.kind,
        prepare: () => undefined,
        sign: (d, s, now, nonce) => {
          d.headers.authorization = oauth1Header(
            d,
            { consumer_key: ck(s), consumer_secret: cs(s), token: tk(s), token_secret: ts(s) },
            Math.floor(now() / 1000),
            nonce(),
          );
        },
      };
    }
    case 'oauth2_client_credentials':
    case 'oauth2_refresh_token': {
      const [id, secret] = [t(auth.client_id, 'client_id'), t(auth.client_secret, 'client_secret')];
      const refresh =
        auth.kind === 'oauth2_refresh_token' ? t(auth.refresh_token, 'refresh_token') : undefined;
      return {
        kind: auth.kind,
        prepare: (d, _b, _s, token) => {
          if (token) d.headers.authorization = `Bearer ${token}`;
        },
        authorize: (s, fetcher, now) => {
          const form = new URLSearchParams(
            refresh
              ? { grant_type: 'refresh_token', refresh_token: refresh(s) }
              : { grant_type: 'client_credentials' },
          );
          if (auth.kind === 'oauth2_client_credentials' && auth.scope)
            form.set('scope', auth.scope);
          const headers: Record<string, string> = {};
          if (auth.client_auth === 'basic')
            headers.authorization = basic(rfc3986(id(s)), rfc3986(secret(s)));
          else {
            form.set('client_id', id(s));
            form.set('client_secret', secret(s));
          }
          return fetchOAuth2Token(
            tokenUrl(auth.token_url, s.settings.endpoint_override),
            form,
            headers,
            fetcher,
            now,
          );
        },
      };
    }
    case 'first_of': {
      const options = auth.options.map((o, i) => ({
        when: o.when,
        auth: compileAuth(o.auth, `${field}.options[${i}].auth`),
      }));
      // The first option whose settings are all set; the last one when none is (its own checks then name what is missing).
      return chosen(
        auth.kind,
        options.map((o) => o.auth),
        (s) =>
          (
            options.find((o) => o.when.every((k) => present(s.settings[k]))) ??
            options[options.length - 1]!
          ).auth,
      );
    }
    case 'by_setting': {
      const options = new Map(
        Object.entries(auth.options).map(([value, a]) => [
          value,
          compileAuth(a, `${field}.options.${value}`),
        ]),
      );
      // An unknown value is refused when the settings are parsed (`settingsProblems`); `none` until then.
      const none = compileAuth({ kind: 'none' }, field);
      return chosen(auth.kind, [...options.values()], (s) => {
        const v = s.settings[auth.setting];
        return (typeof v === 'string' && options.get(v)) || none;
      });
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
          if (!account.success)
            return Promise.reject(
              new DataflyError('config_error', `${field}.key: not a service-account key`, {
                field: `${field}.key`,
              }),
            );
          // The process-wide cache Google vendors share: one token per key and scope until it nears expiry.
          return googleTokens.get(
            { kind: 'service_account', account: account.data },
            auth.scopes.join(' '),
            fetcher,
          );
        },
      };
    }
  }
}

/** An auth that delegates each step to one of `options`, the one `pick` chooses for the settings. */
function chosen(
  kind: Auth['kind'],
  options: readonly CompiledAuth[],
  pick: (s: TemplateScope) => CompiledAuth,
): CompiledAuth {
  return {
    kind,
    prepare: (d, b, s, token) => pick(s).prepare(d, b, s, token),
    ...(options.some((o) => o.seal)
      ? {
          seal: (w: WireDraft, s: TemplateScope, now: number) =>
            pick(s).seal?.(w, s, now) ?? Promise.resolve(),
        }
      : {}),
    ...(options.some((o) => o.sign)
      ? {
          sign: (d: Draft, s: TemplateScope, now: () => number, nonce: () => string) =>
            pick(s).sign?.(d, s, now, nonce),
        }
      : {}),
    ...(options.some((o) => o.authorize)
      ? {
          authorize: (s: TemplateScope, fetcher: typeof fetch, now: number) => {
            const a = pick(s).authorize;
            return a
              ? a(s, fetcher, now)
              : Promise.resolve({ token: '', expiresAt: Number.MAX_SAFE_INTEGER });
          },
        }
      : {}),
  };
}

/**
 * Why a `by_setting` auth cannot work with these settings: its setting's value names no option, or
 * the chosen option reads a setting that is not set. `[field, message]`, or undefined.
 *
 * @example
 * bySettingProblem({ kind: 'by_setting', setting: 'auth_method', options }, { auth_method: 'bearer' })
 *   // → ['auth_token', 'auth_token is required when auth_method is bearer']
 */
export function bySettingProblem(
  auth: Auth,
  settings: Record<string, unknown>,
): [string, string] | undefined {
  if (auth.kind !== 'by_setting') return undefined;
  const value = settings[auth.setting];
  const option = typeof value === 'string' ? auth.options[value] : undefined;
  if (!option)
    return [auth.setting, `${auth.setting} must be one of ${Object.keys(auth.options).join(', ')}`];
  for (const [, key] of JSON.stringify(option).matchAll(/\{\{\s*settings\.(\w+)/g))
    if (settings[key!] === undefined)
      return [key!, `${key} is required when ${auth.setting} is ${value as string}`];
  return undefined;
}

/**
 * The single auths an auth may use: itself, or each option of a `first_of` or `by_setting`.
 *
 * @example authOptions({ kind: 'first_of', options: [{ when: ['key'], auth: sa }, { when: ['token'], auth: bearer }] }) // → [sa, bearer]
 */
export function authOptions(auth: Auth): SingleAuth[] {
  if (auth.kind === 'first_of') return auth.options.map((o) => o.auth);
  if (auth.kind === 'by_setting') return Object.values(auth.options);
  return [auth];
}

/** A fresh OAuth nonce. */
export const newNonce = (): string => randomBytes(16).toString('hex');
