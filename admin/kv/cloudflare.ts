/**
 * Workers KV through the Cloudflare REST API:
 * `PUT {base}/client/v4/accounts/{account}/storage/kv/namespaces/{ns}/values/{key}` with a
 * bearer API token (scope: Workers KV Storage Edit). The token never appears in errors.
 */
import { DataflyError } from '../../core/errors/index.js';
import type { KeyValueWriter } from './types.js';

interface CloudflareKvOptions {
  accountId: string;
  namespaceId: string;
  apiToken: string;
  /** Default `https://api.cloudflare.com` (tests point it at a local double). */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * @example const kv = cloudflareKv({ accountId, namespaceId, apiToken }); await kv.put('dk_…', json);
 */
export function cloudflareKv(options: CloudflareKvOptions): KeyValueWriter {
  const base = (options.baseUrl ?? 'https://api.cloudflare.com').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const prefix = `${base}/client/v4/accounts/${encodeURIComponent(options.accountId)}/storage/kv/namespaces/${encodeURIComponent(options.namespaceId)}/values/`;
  return {
    async put(key, value) {
      let response: Response;
      try {
        response = await doFetch(prefix + encodeURIComponent(key), {
          method: 'PUT',
          headers: { authorization: `Bearer ${options.apiToken}`, 'content-type': 'text/plain' },
          body: value,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new DataflyError('upstream_unavailable', 'Cloudflare KV is unreachable', {
          cause: e,
        });
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new DataflyError(
          'upstream_unavailable',
          `Cloudflare KV refused the key record write (HTTP ${response.status})`,
        );
      }
      await response.body?.cancel();
    },
  };
}
