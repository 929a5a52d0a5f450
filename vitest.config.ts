// Two projects: `node` (core, admin, datafly-js unit tests) and `workers` (the edge, run inside
// workerd by @cloudflare/vitest-plugin with the KV binding from wrangler.toml).
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// vitest 5's failure reporter calls Map.groupBy (Node ≥ 21); Node 20 runs here, so supply it
// in the main process or a failing test's report crashes instead of explaining the failure.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
      const groups = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['core/**/*.test.ts', 'admin/**/*.test.ts', 'datafly-js/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { BRIDGE_TOKEN: 'test-bridge-token', BRIDGE_URL: 'http://bridge.test' } },
          }),
        ],
        test: { name: 'workers', include: ['edge/**/*.test.ts'] },
      },
    ],
  },
});
