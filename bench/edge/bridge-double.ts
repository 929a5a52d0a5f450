// A Kafka-REST-shaped bridge double for the edge benchmark: acknowledges every record.
export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/topics/raw-events'))
      return new Response('not found', { status: 404 });
    const body = (await request.json()) as { records: unknown[] };
    const offsets = body.records.map((_, i) => ({
      partition: 0,
      offset: i,
      error_code: null,
      error: null,
    }));
    return Response.json({ offsets });
  },
};
