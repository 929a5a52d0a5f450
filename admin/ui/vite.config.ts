/**
 * The Management UI build (`npm run build`): React + Vite into `admin/ui/dist`, served by the
 * admin service at `/`. Fails when the JavaScript the first page loads is over the budget.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { initialLoadBudget } from './budget';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), initialLoadBudget(200 * 1024)],
  // The budget plugin enforces the initial-load limit; the lazy builder chunk may be larger.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/v1': `http://127.0.0.1:${process.env.ADMIN_PORT ?? '8084'}` } },
});
