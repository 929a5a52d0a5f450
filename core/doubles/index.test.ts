import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answers, startVendorDouble, type VendorDouble } from './index.js';

let double: VendorDouble;
beforeEach(async () => {
  double = await startVendorDouble();
});
afterEach(async () => {
  await double.close();
});

const post = (body: string, path = '/events?x=1'): Promise<Response> =>
  fetch(double.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test': 'a' },
    body,
  });

describe('vendor double', () => {
  it('records method, path, query, headers and body and answers 200 by default', async () => {
    const res = await post('{"a":1}');
    expect(res.status).toBe(200);
    const [req] = await double.waitForRequests(1);
    expect(req).toMatchObject({ method: 'POST', path: '/events', body: '{"a":1}', json: { a: 1 } });
    expect(req!.query.get('x')).toBe('1');
    expect(req!.headers['x-test']).toBe('a');
  });

  const cases = [
    {
      name: 'a status answer returns that status',
      responder: answers.status(400),
      status: 400,
      retryAfter: null,
    },
    {
      name: 'a 5xx answer returns 503',
      responder: answers.status(503),
      status: 503,
      retryAfter: null,
    },
    {
      name: 'a 429 answer carries Retry-After in seconds',
      responder: answers.tooManyRequests(7),
      status: 429,
      retryAfter: '7',
    },
    {
      name: 'a 429 answer carries Retry-After as an HTTP date',
      responder: answers.tooManyRequests('Wed, 21 Oct 2026 07:28:00 GMT'),
      status: 429,
      retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT',
    },
  ];
  it.each(cases)('$name', async ({ responder, status, retryAfter }) => {
    double.respond(responder);
    const res = await post('{}');
    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
  });

  it('uses a queued one-shot answer before the default', async () => {
    double.once(answers.status(500));
    expect((await post('{}')).status).toBe(500);
    expect((await post('{}')).status).toBe(200);
  });

  it('names the rejected items of a JSON array batch', async () => {
    double.respond(answers.rejectEvents((_item, i) => i === 1, 'bad value'));
    const res = await post(
      JSON.stringify([{ event_id: 'e0' }, { event_id: 'e1' }, { event_id: 'e2' }]),
    );
    expect(await res.json()).toEqual({
      ok: false,
      rejected: [{ index: 1, event_id: 'e1', reason: 'bad value' }],
    });
  });

  it('hangs until the client gives up', async () => {
    double.respond(answers.hang());
    await expect(fetch(double.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('resets the connection as a network error', async () => {
    double.respond(answers.reset());
    await expect(fetch(double.url)).rejects.toThrow();
  });
});
