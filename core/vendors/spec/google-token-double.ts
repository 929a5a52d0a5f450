/**
 * Google's OAuth2 token endpoint as a double, shared by the Data Manager and BigQuery doubles:
 * `POST /token` checks the jwt-bearer assertion (RS256, audience, expiry, scope; the signature
 * against a public key when given) or a refresh-token grant, and issues tokens the API double
 * then requires as `Authorization: Bearer`. `googleApiResponder` puts an API behind it: the token
 * endpoint, the API's path and method, the bearer check and Google's error bodies
 * (`googleError`), so a Google vendor's double holds only its own API's checks.
 */
import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  json,
  startVendorDouble,
  type Answer,
  type RecordedRequest,
  type VendorDouble,
} from '../../doubles/index.js';
import type { SpecDouble } from './double.js';

/** What a Google API double is started with: the key assertions are verified with, its clock. */
export interface GoogleDoubleOptions {
  /** Verify assertion signatures with this key (tests hand in the key pair's public half). */
  publicKey?: KeyObject | string;
  now?: () => number;
}

interface TokenIssuerOptions extends GoogleDoubleOptions {
  /** Scope the assertion must carry. */
  scope: string;
  /** Seconds each token lives (default 3600). */
  lifetime?: number;
}

export interface TokenIssuer {
  /** Answer for `POST /token`. */
  handle(req: RecordedRequest, audience: string): Answer;
  /** Undefined when the bearer header holds a live issued token, else the problem. */
  checkBearer(header: string | undefined): string | undefined;
  /** How many tokens were issued (tests assert caching). */
  issued(): number;
}

const decode = (part: string): unknown =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * A token issuer.
 *
 * @example
 * const issuer = createTokenIssuer({ scope: 'https://www.googleapis.com/auth/datamanager' });
 */
export function createTokenIssuer(opts: TokenIssuerOptions): TokenIssuer {
  const now = opts.now ?? Date.now;
  const lifetime = opts.lifetime ?? 3600;
  const live = new Map<string, number>();
  let count = 0;
  const issue = (): Answer => {
    count += 1;
    const token = `ya29.double-${count}`;
    live.set(token, now() + lifetime * 1000);
    return json(200, { access_token: token, expires_in: lifetime, token_type: 'Bearer' });
  };
  return {
    issued: () => count,
    checkBearer(header) {
      const m = /^Bearer (\S+)$/.exec(header ?? '');
      if (!m) return 'missing Authorization: Bearer';
      const exp = live.get(m[1]!);
      if (exp === undefined) return 'unknown access token';
      if (exp <= now()) return 'access token expired';
      return undefined;
    },
    handle(req, audience) {
      if (req.method !== 'POST') return json(405, { error: 'invalid_request' });
      const form = new URLSearchParams(req.body);
      const grant = form.get('grant_type');
      if (grant === 'refresh_token') {
        return form.get('client_id') && form.get('client_secret') && form.get('refresh_token')
          ? issue()
          : json(400, { error: 'invalid_request' });
      }
      if (grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return json(400, { error: 'unsupported_grant_type' });
      const parts = (form.get('assertion') ?? '').split('.');
      if (parts.length !== 3)
        return json(400, { error: 'invalid_grant', error_description: 'malformed assertion' });
      try {
        const header = decode(parts[0]!) as { alg?: string };
        const claims = decode(parts[1]!) as {
          iss?: string;
          aud?: string;
          scope?: string;
          iat?: number;
          exp?: number;
        };
        if (header.alg !== 'RS256')
          return json(400, { error: 'invalid_grant', error_description: 'alg must be RS256' });
        if (claims.aud !== audience)
          return json(400, {
            error: 'invalid_grant',
            error_description: `aud must be ${audience}`,
          });
        if (!claims.iss || !claims.scope?.split(' ').includes(opts.scope))
          return json(400, { error: 'invalid_scope' });
        const t = Math.floor(now() / 1000);
        if (
          typeof claims.iat !== 'number' ||
          typeof claims.exp !== 'number' ||
          claims.exp <= t ||
          claims.exp - claims.iat > 3600 ||
          claims.iat > t + 300
        ) {
          return json(400, { error: 'invalid_grant', error_description: 'bad iat/exp' });
        }
        if (
          opts.publicKey &&
          !createVerify('RSA-SHA256')
            .update(`${parts[0]}.${parts[1]}`)
            .verify(opts.publicKey, Buffer.from(parts[2]!, 'base64url'))
        ) {
          return json(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
        }
      } catch {
        return json(400, { error: 'invalid_grant', error_description: 'undecodable assertion' });
      }
      return issue();
    },
  };
}

/**
 * A throwaway service account for doubles, tests and the local sandbox: a fresh RSA key pair
 * and a key file whose `token_uri` points at a double's `/token` (never a real credential).
 *
 * @example
 * const sa = testServiceAccount(`${double.url}/token`);
 * // settings: { service_account_json: JSON.stringify(sa.json) }; double: { publicKey: sa.publicKey }
 */
export function testServiceAccount(tokenUri: string): {
  json: { type: string; client_email: string; private_key: string; token_uri: string };
  publicKey: KeyObject;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    json: {
      type: 'service_account',
      client_email: 'signal@sandbox.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      token_uri: tokenUri,
    },
    publicKey,
  };
}

/**
 * The double of a vendor whose answers need its own URL (a token issuer's audience is
 * `${url}/token`), from `make`, which gets the URL once known and returns the responder beside
 * whatever state it keeps: `check` answers on a shared server (the sandbox; audience `/token`),
 * `start(opts)` runs it on a random port of its own.
 *
 * @example export const googleAdsDouble = ownUrlDouble(googleAdsResponder); (await googleAdsDouble.start()).issuer.issued()
 */
export function ownUrlDouble<
  O extends GoogleDoubleOptions,
  T extends { respond: (req: RecordedRequest) => Answer },
>(
  make: (opts: O, base: () => string) => T,
): SpecDouble & { start: (opts?: O) => Promise<VendorDouble & Omit<T, 'respond'>> } {
  return {
    check: make({} as O, () => '').respond,
    inBodyProblems: () => [],
    start: async (opts?: O) => {
      let url = '';
      const { respond, ...state } = make(opts ?? ({} as O), () => url);
      const d = await startVendorDouble({ respond });
      url = d.url;
      return Object.assign(d, state);
    },
  };
}

/**
 * A Google API error answer: `{ error: { code, message, status, errors: [{ reason }], details } }`,
 * `reason` as BigQuery names it (default the status), a `field` as a `BadRequest` field violation
 * (the Data Manager API's).
 *
 * @example googleError(400, 'INVALID_ARGUMENT', 'bad time', { field: 'events[0].eventTimestamp' })
 */
export function googleError(
  status: number,
  code: string,
  message: string,
  more: { reason?: string; field?: string } = {},
): Answer {
  const violations = more.field ? [{ field: more.field, description: message }] : undefined;
  return json(status, {
    error: {
      code: status,
      message,
      status: code,
      errors: [{ reason: more.reason ?? code, message, domain: 'global' }],
      details: violations
        ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations }]
        : [],
    },
  });
}

/**
 * A Google API double: `POST /token` issues tokens for `scope` (audience `${base}/token`); other
 * requests must be POSTs to `path` (else 404) with a bearer it issued (else 401), and `api`
 * answers them.
 *
 * @example googleApiResponder(SCOPE, /^\/v1\/events:ingest$/, {}, () => url, () => json(200, {}))
 */
export function googleApiResponder(
  scope: string,
  path: RegExp,
  opts: GoogleDoubleOptions,
  base: () => string,
  api: (req: RecordedRequest, match: RegExpExecArray) => Answer,
): { respond: (req: RecordedRequest) => Answer; issuer: TokenIssuer } {
  const issuer = createTokenIssuer({ scope, ...opts });
  const respond = (req: RecordedRequest): Answer => {
    if (req.path === '/token') return issuer.handle(req, `${base()}/token`);
    const m = path.exec(req.path);
    if (req.method !== 'POST' || !m)
      return googleError(404, 'NOT_FOUND', `Not found: ${req.path}`, { reason: 'notFound' });
    const auth = issuer.checkBearer(req.headers.authorization);
    return auth ? googleError(401, 'UNAUTHENTICATED', auth, { reason: 'authError' }) : api(req, m);
  };
  return { respond, issuer };
}
