// Salesforce Data Cloud's token step: a Salesforce token from the org's My Domain, exchanged for a Data Cloud token.
import { describe, expect, it } from 'vitest';
import { salesforce } from './index.js';

const BASE = { tenant_endpoint: 't1.c360a.salesforce.com', source_name: 's', object_name: 'o' };

function fakeFetch(answers: Record<string, { status: number; body: unknown }>) {
  const calls: { url: string; form: URLSearchParams }[] = [];
  const fetcher = (async (url: string | URL, init?: RequestInit) => {
    calls.push({ url: String(url), form: new URLSearchParams(String(init?.body ?? '')) });
    const a = answers[String(url)] ?? { status: 404, body: {} };
    return new Response(JSON.stringify(a.body), { status: a.status });
  }) as typeof fetch;
  return { calls, fetcher };
}

describe('salesforce authorize', () => {
  it('refreshes on My Domain, then exchanges the token at /services/a360/token', async () => {
    const def = salesforce.definition;
    const settings = def.parseSettings({
      ...BASE,
      my_domain: 'https://acme.my.salesforce.com/',
      client_id: 'cid',
      client_secret: 'csec',
      refresh_token: 'rt',
    });
    const { calls, fetcher } = fakeFetch({
      'https://acme.my.salesforce.com/services/oauth2/token': {
        status: 200,
        body: { access_token: 'core-token', instance_url: 'https://acme.my.salesforce.com' },
      },
      'https://acme.my.salesforce.com/services/a360/token': {
        status: 200,
        body: {
          access_token: 'dc-token',
          expires_in: 7200,
          instance_url: 'https://t1.c360a.salesforce.com',
        },
      },
    });
    const t = await def.authorize!(settings, fetcher);
    expect(t.token).toBe('dc-token');
    expect(calls.map((c) => c.url)).toEqual([
      'https://acme.my.salesforce.com/services/oauth2/token',
      'https://acme.my.salesforce.com/services/a360/token',
    ]);
    expect(Object.fromEntries(calls[0]!.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt',
      client_id: 'cid',
      client_secret: 'csec',
    });
    expect(Object.fromEntries(calls[1]!.form)).toEqual({
      grant_type: 'urn:salesforce:grant-type:external:cdp',
      subject_token: 'core-token',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
  });

  it('uses the client-credentials grant without a refresh token, and a refused exchange is a credential failure', async () => {
    const def = salesforce.definition;
    const settings = def.parseSettings({
      ...BASE,
      my_domain: 'https://acme.my.salesforce.com',
      client_id: 'cid',
      client_secret: 'csec',
    });
    const { calls, fetcher } = fakeFetch({
      'https://acme.my.salesforce.com/services/oauth2/token': {
        status: 200,
        body: { access_token: 'core-token' },
      },
      'https://acme.my.salesforce.com/services/a360/token': {
        status: 400,
        body: { error: 'invalid_grant' },
      },
    });
    await expect(def.authorize!(settings, fetcher)).rejects.toMatchObject({ code: 'vendor_auth' });
    expect(calls[0]!.form.get('grant_type')).toBe('client_credentials');
  });
});
