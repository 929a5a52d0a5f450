import { describe, expect, it } from 'vitest';
import { recorded } from '../testing/index.js';
import { ServiceAccount, serviceAccountJwt } from './google-oauth.js';
import {
  createTokenIssuer,
  googleApiResponder,
  googleError,
  testServiceAccount,
} from './google-token-double.js';
import { json } from '../../doubles/index.js';

const scope = 'https://www.googleapis.com/auth/datamanager';
const aud = 'http://double/token';
const sa = testServiceAccount(aud);
const account = ServiceAccount.parse(sa.json);
const now = 1767268800;
const grant = (assertion: string) =>
  recorded({
    url: '/token',
    body: `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${assertion}`,
  });

describe('token endpoint double', () => {
  const issuer = createTokenIssuer({ scope, publicKey: sa.publicKey, now: () => now * 1000 });
  const cases = [
    {
      name: 'A correctly signed assertion gets a token.',
      assertion: serviceAccountJwt(account, scope, now),
      status: 200,
    },
    {
      name: 'An assertion for another scope is refused.',
      assertion: serviceAccountJwt(account, 'https://www.googleapis.com/auth/other', now),
      status: 400,
    },
    {
      name: 'An assertion for another audience is refused.',
      assertion: serviceAccountJwt(
        { ...account, token_uri: 'https://elsewhere/token' },
        scope,
        now,
      ),
      status: 400,
    },
    {
      name: 'An expired assertion is refused.',
      assertion: serviceAccountJwt(account, scope, now - 7200),
      status: 400,
    },
    {
      name: 'An assertion signed by another key is refused.',
      assertion: serviceAccountJwt(ServiceAccount.parse(testServiceAccount(aud).json), scope, now),
      status: 400,
    },
    { name: 'A malformed assertion is refused.', assertion: 'a.b', status: 400 },
  ];
  it.each(cases)('$name', ({ assertion, status }) => {
    const answer = issuer.handle(grant(assertion), aud);
    expect('status' in answer ? answer.status : 0).toBe(status);
  });

  it('An issued token is accepted as a bearer until it expires.', () => {
    let t = now * 1000;
    const short = createTokenIssuer({ scope, lifetime: 60, now: () => t });
    const answer = short.handle(grant(serviceAccountJwt(account, scope, now)), aud);
    const token = (
      JSON.parse('body' in answer ? (answer.body ?? '{}') : '{}') as { access_token: string }
    ).access_token;
    expect(short.checkBearer(`Bearer ${token}`)).toBeUndefined();
    t += 61_000;
    expect(short.checkBearer(`Bearer ${token}`)).toBe('access token expired');
    expect(short.checkBearer('Bearer forged')).toBe('unknown access token');
  });
});

describe('a Google API behind the token endpoint double', () => {
  const { respond, issuer } = googleApiResponder(
    scope,
    /^\/v1\/things\/(\w+)$/,
    { publicKey: sa.publicKey, now: () => now * 1000 },
    () => 'http://double',
    (_req, m) => json(200, { thing: m[1] }),
  );
  const body = (a: ReturnType<typeof respond>) =>
    JSON.parse('body' in a ? (a.body ?? '{}') : '{}') as {
      thing?: string;
      error?: { code: number; status: string; errors: { reason: string }[] };
    };
  const token = (
    body(respond(grant(serviceAccountJwt(account, scope, now)))) as { access_token?: string }
  ).access_token;

  it('Serves the token endpoint, then answers requests at its path with an issued bearer.', () => {
    expect(issuer.issued()).toBe(1);
    const ok = respond(
      recorded({ url: '/v1/things/a1', headers: { authorization: `Bearer ${token}` } }),
    );
    expect(body(ok).thing).toBe('a1');
  });

  it('Refuses another path or method (404) and a bearer it never issued (401) in Google’s shape.', () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const req of [
      recorded({ url: '/v1/other', headers: auth }),
      recorded({ method: 'GET', url: '/v1/things/a1', headers: auth }),
    ])
      expect(body(respond(req)).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const forged = respond(
      recorded({ url: '/v1/things/a1', headers: { authorization: 'Bearer x' } }),
    );
    expect(body(forged).error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ reason: 'authError' }],
    });
  });

  it('Writes a field problem as a BadRequest field violation.', () => {
    expect(
      body(googleError(400, 'INVALID_ARGUMENT', 'bad', { field: 'events[0].x' })),
    ).toMatchObject({
      error: { details: [{ fieldViolations: [{ field: 'events[0].x', description: 'bad' }] }] },
    });
  });
});
