// A KV service for the edge's PIPELINE_KEYS binding when workerd serves the edge without
// Miniflare (bench/edge.bench.ts, dev/local/workerd.test.ts): workerd asks it
// `GET /<url-encoded key>`; it knows one key (bindings KEY and RECORD).
interface KvEnv {
  KEY: string;
  RECORD: string;
}

export default {
  fetch(request: Request, env: KvEnv): Response {
    const url = new URL(request.url);
    const key = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (request.method === 'GET' && key === env.KEY) return new Response(env.RECORD);
    return new Response(null, { status: 404 });
  },
};
