/**
 * The edge Worker entry (wrangler.toml `main`). Route groups are mounted in app.ts; the
 * Datafly.js collector route (GET /d.js, edge/collector) is mounted here.
 */
import { createEdgeApp } from './app.js';

const app = createEdgeApp();

export default app;
