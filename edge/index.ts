/**
 * The edge Worker entry (wrangler.toml `main`). Route groups are mounted in app.ts; the
 * Datafly.js collector route (GET /d.js, edge/collector) is mounted here.
 */
import { createEdgeApp } from './app.js';
import { collector } from './collector/index.js';

const app = createEdgeApp();
app.route('/', collector);

export default app;
