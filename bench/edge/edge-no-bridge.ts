// Diagnostic variant for the edge benchmark: the same edge app, but the bridge call is answered
// in-process (no network hop), to show how much of the edge's cost is the forward itself.
import { createEdgeApp } from '../../edge/app.js';

export default createEdgeApp({
  fetch: async (_input, init) => {
    const body = JSON.parse(init?.body as string) as { records: unknown[] };
    return Response.json({
      offsets: body.records.map((_, i) => ({
        partition: 0,
        offset: i,
        error_code: null,
        error: null,
      })),
    });
  },
});
