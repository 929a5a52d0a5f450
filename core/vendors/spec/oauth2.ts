/**
 * The OAuth 2.0 token request every token-based auth kind shares: client credentials and refresh
 * tokens in Delivery Specs, and Google's service-account and refresh-token exchanges.
 */
import { z } from 'zod';
import { DataflyError } from '../../errors/index.js';

const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
});

/**
 * POST an OAuth 2.0 token request (RFC 6749 §4.4 / §6); 5xx/429 → retryable, other refusals →
 * `vendor_auth` naming only the OAuth error code (never the request's secrets).
 *
 * @example await fetchOAuth2Token('https://auth.test/token', new URLSearchParams({ grant_type: 'client_credentials' }), {}, fetch, Date.now())
 */
export async function fetchOAuth2Token(
  url: string,
  form: URLSearchParams,
  headers: Record<string, string>,
  fetcher: typeof fetch,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  let res: Response;
  try {
    res = await fetcher(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...headers,
      },
      body: form.toString(),
    });
  } catch (e) {
    throw new DataflyError('network', 'token endpoint unreachable', { cause: e });
  }
  const text = await res.text();
  if (res.status >= 500 || res.status === 429)
    throw new DataflyError('upstream_unavailable', `token endpoint answered ${res.status}`);
  if (!res.ok) {
    const err = /"error"\s*:\s*"([A-Za-z_]+)"/.exec(text)?.[1] ?? `HTTP ${res.status}`;
    throw new DataflyError('vendor_auth', `token request refused: ${err}`);
  }
  let parsed: z.infer<typeof TokenAnswer>;
  try {
    parsed = TokenAnswer.parse(JSON.parse(text));
  } catch (e) {
    throw new DataflyError('vendor_auth', 'token endpoint answered without an access_token', {
      cause: e,
    });
  }
  return { token: parsed.access_token, expiresAt: now + parsed.expires_in * 1000 };
}
