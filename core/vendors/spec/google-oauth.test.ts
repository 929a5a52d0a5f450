import { createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataflyError } from '../../errors/index.js';
import { testAccount, testKeys } from '../google_ads/cases.js';
import { createTokenCache, serviceAccountJwt, ServiceAccount } from './google-oauth.js';

const account = ServiceAccount.parse(testAccount('https://token.test/token'));
const scope = 'https://www.googleapis.com/auth/datamanager';

/** A token endpoint stub counting calls; answers with the given lifetime. */
function tokenEndpoint(lifetime = 3600, status = 200) {
  const calls: URLSearchParams[] = [];
  const fetcher = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(new URLSearchParams(String(init?.body)));
    return new Response(
      status === 200
        ? JSON.stringify({ access_token: `tok-${calls.length}`, expires_in: lifetime })
        : JSON.stringify({ error: 'invalid_grant' }),
      { status },
    );
  }) as typeof fetch;
  return { calls, fetcher };
}

describe('Google service-account OAuth', () => {
  it('The JWT is RS256-signed by the account key with the scope, audience and a one-hour expiry.', () => {
    const jwt = serviceAccountJwt(account, scope, 1767268800);
    const [h, c, s] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(c, 'base64url').toString())).toEqual({
      iss: account.client_email,
      scope,
      aud: 'https://token.test/token',
      iat: 1767268800,
      exp: 1767272400,
    });
    expect(
      createVerify('RSA-SHA256')
        .update(`${h}.${c}`)
        .verify(testKeys.publicKey, Buffer.from(s, 'base64url')),
    ).toBe(true);
  });

  it('A cached token is reused until a minute before it expires, then refreshed.', async () => {
    let now = 1_000_000;
    const cache = createTokenCache(() => now);
    const { calls, fetcher } = tokenEndpoint(3600);
    const c = { kind: 'service_account', account } as const;
    expect((await cache.get(c, scope, fetcher)).token).toBe('tok-1');
    now += 3_500_000;
    expect((await cache.get(c, scope, fetcher)).token).toBe('tok-1');
    now += 50_000;
    expect((await cache.get(c, scope, fetcher)).token).toBe('tok-2');
    expect(calls.map((p) => p.get('grant_type'))).toEqual([
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ]);
  });

  it('Concurrent callers share one token request.', async () => {
    const cache = createTokenCache(() => 0);
    const { calls, fetcher } = tokenEndpoint();
    const c = { kind: 'service_account', account } as const;
    const tokens = await Promise.all([
      cache.get(c, scope, fetcher),
      cache.get(c, scope, fetcher),
      cache.get(c, scope, fetcher),
    ]);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('A refresh-token credential uses the refresh_token grant.', async () => {
    const cache = createTokenCache(() => 0);
    const { calls, fetcher } = tokenEndpoint();
    await cache.get(
      {
        kind: 'refresh_token',
        creds: { client_id: 'cid', client_secret: 'cs', refresh_token: 'rt' },
      },
      scope,
      fetcher,
    );
    expect(Object.fromEntries(calls[0]!)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'cs',
      refresh_token: 'rt',
    });
  });

  it('A refused grant is a vendor_auth error that does not echo the assertion, and is not cached.', async () => {
    const cache = createTokenCache(() => 0);
    const bad = tokenEndpoint(3600, 400);
    const err = await cache
      .get({ kind: 'service_account', account }, scope, bad.fetcher)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataflyError);
    expect(err).toMatchObject({
      code: 'vendor_auth',
      message: 'token request refused: invalid_grant',
    });
    const good = tokenEndpoint();
    expect((await cache.get({ kind: 'service_account', account }, scope, good.fetcher)).token).toBe(
      'tok-1',
    );
  });
});
