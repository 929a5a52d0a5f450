import type { KeyValueWriter } from './types.js';

/** An in-memory KV (tests, `KV_DRIVER=none` keeps the last record per key for inspection). */
export interface MemoryKv extends KeyValueWriter {
  readonly values: Map<string, string>;
}

/** @example const kv = memoryKv(); await kv.put('dk_x', '{}'); kv.values.get('dk_x') */
export function memoryKv(): MemoryKv {
  const values = new Map<string, string>();
  return {
    values,
    put: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}
