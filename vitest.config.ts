// Two projects: `node` (core, admin, datafly-js unit tests) and `workers` (the edge, run inside
// workerd by @cloudflare/vitest-plugin with the KV binding from wrangler.toml).
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: [
            'core/**/*.test.ts',
            'admin/**/*.test.ts',
            'datafly-js/**/*.test.ts',
            'scripts/**/*.test.ts',
            'dev/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // vitest's own runner imports node:inspector inside the test Worker; the flag exists for
            // the tests only (wrangler.toml has none, and `npm run edge:check` builds without it).
            miniflare: {
              compatibilityFlags: ['nodejs_compat'],
              bindings: { BRIDGE_TOKEN: 'test-bridge-token', BRIDGE_URL: 'http://bridge.test' },
            },
          }),
        ],
        test: { name: 'workers', include: ['edge/**/*.test.ts'] },
      },
    ],
  },
});
