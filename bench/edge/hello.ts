// The baseline: a hello-world Hono Worker, served by the same workerd as the edge.
import { Hono } from 'hono';

const app = new Hono();
app.post('/v1/t', (c) => c.text('Hello Hono!'));

export default app;
