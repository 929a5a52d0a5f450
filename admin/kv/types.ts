/**
 * The port admin writes pipeline key records through (docs/design.md "Key record"). Two
 * adapters: the Cloudflare KV REST API (production) and Miniflare's KV (local stack, tests).
 */
export interface KeyValueWriter {
  /** Store `value` under `key`, replacing any previous value. */
  put(key: string, value: string): Promise<void>;
}
