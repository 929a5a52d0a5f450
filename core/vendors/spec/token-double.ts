/**
 * The OAuth 2.0 token endpoint a declaration's auth names, answered by its contract double
 * (RFC 6749 §4.4 client credentials, §6 refresh token, §5 answers): a POST of a form with the
 * declared `grant_type`, the client's id and secret in the form or as HTTP Basic (`client_auth`),
 * and the refresh token for a refresh grant gets `{access_token, token_type, expires_in}`; a
 * request missing any of them gets the RFC's error. Under `endpoint_override` (the sandbox, the
 * tests) delivery asks for tokens at the token URL's path below the override (`tokenUrl`, ./auth.ts),
 * which is where the double answers.
 */
import { randomBytes } from 'node:crypto';
import { json, type Answer, type RecordedRequest } from '../../doubles/index.js';
import { authOptions } from './auth.js';
import type { DeliverySpec } from './schema.js';

type Auth = DeliverySpec['auth'];
type Grant = 'client_credentials' | 'refresh_token';

interface TokenEndpoint {
  grant: Grant;
  clientAuth: 'body' | 'basic';
}

/** Token endpoints by path, of the auth and each of its options (`authOptions`). */
function endpointsOf(auth: Auth): Map<string, TokenEndpoint[]> {
  const out = new Map<string, TokenEndpoint[]>();
  for (const a of authOptions(auth)) {
    if (a.kind !== 'oauth2_client_credentials' && a.kind !== 'oauth2_refresh_token') continue;
    const path = new URL(a.token_url).pathname;
    const grant = a.kind === 'oauth2_refresh_token' ? 'refresh_token' : 'client_credentials';
    out.set(path, [...(out.get(path) ?? []), { grant, clientAuth: a.client_auth }]);
  }
  return out;
}

/** The client id and secret a token request carries the way `clientAuth` says. */
function clientOf(req: RecordedRequest, form: URLSearchParams, clientAuth: 'body' | 'basic') {
  if (clientAuth === 'body') return [form.get('client_id'), form.get('client_secret')];
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const pair = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
  const colon = pair.indexOf(':');
  return colon > 0 ? [pair.slice(0, colon), pair.slice(colon + 1)] : [null, null];
}

/**
 * The answer of the token endpoints `auth` names to `req`, or undefined when `req` is not for one
 * of them (the API's own checks then apply).
 *
 * @example tokenEndpoint(spec.auth)?.(req) // → { status: 200, body: '{"access_token":"…","token_type":"Bearer","expires_in":3600}' }
 */
export function tokenEndpoint(
  auth: Auth,
): ((req: RecordedRequest) => Answer | undefined) | undefined {
  const endpoints = endpointsOf(auth);
  if (endpoints.size === 0) return undefined;
  return (req) => {
    const here = endpoints.get(req.path);
    if (!here || req.method !== 'POST') return undefined;
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return json(400, { error: 'invalid_request', error_description: 'a form body is required' });
    const form = new URLSearchParams(req.body);
    const grant = form.get('grant_type');
    const endpoint = here.find((e) => e.grant === grant);
    if (!endpoint)
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: `grant_type must be ${here.map((e) => e.grant).join(' or ')}`,
      });
    const [id, secret] = clientOf(req, form, endpoint.clientAuth);
    if (!id || !secret)
      return json(401, {
        error: 'invalid_client',
        error_description: `client_id and client_secret are required (${endpoint.clientAuth === 'basic' ? 'HTTP Basic' : 'in the form'})`,
      });
    if (grant === 'refresh_token' && !form.get('refresh_token'))
      return json(400, {
        error: 'invalid_request',
        error_description: 'refresh_token is required',
      });
    return json(200, {
      access_token: `double-${randomBytes(12).toString('hex')}`,
      token_type: 'Bearer',
      expires_in: 3600,
    });
  };
}
