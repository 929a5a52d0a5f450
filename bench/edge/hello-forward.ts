// Diagnostic baseline for the edge benchmark: hello-world Hono plus the one thing the edge must
// do per event — read the body and POST it to the bridge — with nothing else (no key check,
// cookies, validation). Separates the runtime's subrequest cost from the edge's own code.
import { Hono } from 'hono';

const app = new Hono<{ Bindings: { BRIDGE_URL: string } }>();
app.post('/v1/t', async (c) => {
  const value = JSON.parse(await c.req.text()) as unknown;
  const res = await fetch(`${c.env.BRIDGE_URL}/topics/raw-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.kafka.json.v2+json' },
    body: JSON.stringify({ records: [{ key: 'k', value }] }),
  });
  await res.json();
  return c.json({ ok: true });
});

export default app;
