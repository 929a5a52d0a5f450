import { describe, expect, it } from 'vitest';
import { bridgeDouble, errorOf, post, seedKey, send, testApp } from '../../testing/index.js';

describe('body intake', () => {
  it.each<{
    name: string;
    body: string;
    headers: Record<string, string>;
    status: number;
    code: string;
    message: RegExp;
  }>([
    {
      name: 'malformed JSON is refused as invalid_json',
      body: '{"event":',
      headers: {},
      status: 400,
      code: 'invalid_json',
      message: /not valid JSON/,
    },
    {
      name: 'an empty body is refused as invalid_json',
      body: '',
      headers: {},
      status: 400,
      code: 'invalid_json',
      message: /empty/,
    },
    {
      name: 'a JSON string instead of an object is refused',
      body: '"hello"',
      headers: {},
      status: 400,
      code: 'invalid_request',
      message: /expected a JSON object/,
    },
    {
      name: 'a body over 32 KB is refused as payload_too_large',
      body: JSON.stringify({ event: 'X', properties: { blob: 'x'.repeat(33 * 1024) } }),
      headers: {},
      status: 413,
      code: 'payload_too_large',
      message: /32768 bytes/,
    },
    {
      name: 'a form-encoded body is refused as unsupported_media_type',
      body: 'event=X',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json or text\/plain/,
    },
  ])('$name', async ({ body, headers, status, code, message }) => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    const res = await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, body, headers),
    );
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(bridge.requests).toHaveLength(0);
  });

  it('enforces the size limit on a streamed body without Content-Length', async () => {
    const { keyId } = await seedKey();
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const req = new Request(`https://data.shop.example/v1/t?k=${keyId}`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'text/plain' },
    });
    const res = await send(testApp(), req);
    expect(res.status).toBe(413);
  });

  it('accepts application/json with a charset and vendor +json types', async () => {
    const { keyId } = await seedKey();
    for (const type of ['application/json; charset=utf-8', 'application/vnd.datafly+json']) {
      const res = await send(
        testApp({ fetch: bridgeDouble().fetch }),
        post(`/v1/t?k=${keyId}`, { event: 'X' }, { 'content-type': type }),
      );
      expect(res.status).toBe(200);
    }
  });
});
