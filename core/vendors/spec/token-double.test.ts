// The OAuth 2.0 token endpoint a declaration's auth names, as its contract double answers it
// (token-double.ts), and a vendor whose own double gained it: Adobe's authenticated collection.
import { describe, expect, it } from 'vitest';
import { fullPurchase } from '../testing/events.js';
import { deliverThrough } from '../testing/deliver.js';
import { startDouble } from '../testing/doubles.js';
import { recorded } from '../testing/index.js';
import { DECLARED_VENDORS } from '../registry.js';
import type { Answer } from '../../doubles/index.js';
import { DeliverySpec } from './schema.js';
import { tokenEndpoint } from './token-double.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const authOf = (auth: unknown) =>
  DeliverySpec.parse({ endpoint: { base_url: 'https://api.example.com', path: '/e' }, auth }).auth;
const clientCredentials = authOf({
  kind: 'oauth2_client_credentials',
  token_url: 'https://auth.example.com/oauth/token',
  client_id: '{{settings.id}}',
  client_secret: '{{settings.secret}}',
});
const post = (body: string, headers: Record<string, string> = FORM, url = '/oauth/token') =>
  recorded({ url, method: 'POST', headers, body });
/** An answer's status and parsed body (the token endpoint never hangs or resets). */
const answer = (
  a: Answer | undefined,
): { status: number; body: Record<string, unknown> } | undefined => {
  if (a === undefined) return undefined;
  if (!('status' in a)) throw new Error('the token endpoint answered without a status');
  return { status: a.status, body: JSON.parse(a.body ?? '') as Record<string, unknown> };
};

describe('the token endpoint of a declaration’s OAuth 2.0 auth', () => {
  const token = tokenEndpoint(clientCredentials)!;

  it('issues a bearer token for the declared grant with the client’s id and secret in the form', () => {
    const a = answer(token(post('grant_type=client_credentials&client_id=c&client_secret=s')));
    expect(a).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    expect(a?.body.access_token).toMatch(/^double-[0-9a-f]{24}$/);
  });

  it('refuses what RFC 6749 refuses: another grant, no client secret, a body that is not a form', () => {
    expect(answer(token(post('grant_type=password&client_id=c&client_secret=s')))).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(answer(token(post('grant_type=client_credentials&client_id=c')))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(
      answer(
        token(post('{"grant_type":"client_credentials"}', { 'content-type': 'application/json' })),
      ),
    ).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('leaves every other request to the API’s own checks', () => {
    expect(token(post('grant_type=client_credentials', FORM, '/e'))).toBeUndefined();
    expect(token(recorded({ url: '/oauth/token', method: 'GET' }))).toBeUndefined();
    expect(tokenEndpoint(authOf({ kind: 'bearer', token: '{{settings.t}}' }))).toBeUndefined();
  });

  it('takes the client as HTTP Basic when the auth says so, and a refresh grant needs its refresh token', () => {
    const refresh = tokenEndpoint(
      authOf({
        kind: 'first_of',
        options: [
          {
            when: ['refresh'],
            auth: {
              kind: 'oauth2_refresh_token',
              token_url: 'https://auth.example.com/oauth/token',
              client_id: '{{settings.id}}',
              client_secret: '{{settings.secret}}',
              refresh_token: '{{settings.refresh}}',
              client_auth: 'basic',
            },
          },
          { when: ['none'], auth: { kind: 'none' } },
        ],
      }),
    )!;
    const basic = { ...FORM, authorization: `Basic ${Buffer.from('c:s').toString('base64')}` };
    expect(answer(refresh(post('grant_type=refresh_token&refresh_token=r', basic)))?.status).toBe(
      200,
    );
    expect(answer(refresh(post('grant_type=refresh_token&refresh_token=r')))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(answer(refresh(post('grant_type=refresh_token', basic)))).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });
});

describe('Adobe Experience Platform’s authenticated collection against its double', () => {
  it('gets an IMS token from the double, then sends the events with it, delivered', async () => {
    const d = await startDouble('adobe_aep');
    try {
      const result = await deliverThrough(
        DECLARED_VENDORS.adobe_aep!.definition,
        {
          datastream_id: '11111111-2222-3333-4444-555555555555',
          client_id: 'client-1',
          client_secret: 'secret-1',
          org_id: 'ABCDEF123456@AdobeOrg',
          endpoint_override: d.url,
        },
        [fullPurchase()],
      );
      expect(result.outcomes).toEqual([expect.objectContaining({ status: 'delivered' })]);
      const [tokenRequest, apiRequest] = d.requests;
      expect(tokenRequest).toMatchObject({ method: 'POST', path: '/ims/token/v3' });
      expect(new URLSearchParams(tokenRequest!.body).get('grant_type')).toBe('client_credentials');
      expect(apiRequest!.headers.authorization).toMatch(/^Bearer double-[0-9a-f]{24}$/);
      expect(apiRequest!.headers['x-gw-ims-org-id']).toBe('ABCDEF123456@AdobeOrg');
    } finally {
      await d.close();
    }
  });
});
