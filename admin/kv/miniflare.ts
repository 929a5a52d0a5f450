/**
 * Miniflare's KV for the local stack: either a namespace the local edge already has open
 * (`startLocalEdge(...).keys`), or one opened here on a persistence directory shared with it.
 */
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import type { KeyValueWriter } from './types.js';

/** The part of a KV namespace binding we use (Miniflare's `getKVNamespace` result has it). */
interface KvNamespaceLike {
  put(key: string, value: string): Promise<unknown>;
}

/** @example const kv = miniflareKv(edge.keys); */
export function miniflareKv(namespace: KvNamespaceLike): KeyValueWriter {
  return {
    async put(key, value) {
      await namespace.put(key, value);
    },
  };
}

/**
 * Open a Miniflare KV namespace on disk (same layout as the local edge's `resourcePersistencePath`).
 *
 * @example const { kv, namespace, close } = await openMiniflareKv({ persist: '.datafly/kv' });
 */
export async function openMiniflareKv(options: {
  persist?: string | undefined;
  binding?: string;
}): Promise<{
  kv: KeyValueWriter;
  namespace: Awaited<ReturnType<Miniflare['getKVNamespace']>>;
  close: () => Promise<void>;
}> {
  const binding = options.binding ?? 'PIPELINE_KEYS';
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: 'export default { fetch() { return new Response(null, { status: 404 }); } }',
      kvNamespaces: [binding],
      ...(options.persist ? { resourcePersistencePath: options.persist } : {}),
    }),
  );
  const namespace = await miniflare.getKVNamespace(binding);
  return { kv: miniflareKv(namespace), namespace, close: () => miniflare.dispose() };
}
