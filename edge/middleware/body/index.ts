/**
 * Body intake for POST endpoints: the content type must be JSON or `text/plain` (browsers send
 * `text/plain` to skip the CORS preflight; the body is JSON either way), the size is capped
 * before anything is parsed (Hono's `bodyLimit`), and the raw text is kept in `c.get('rawBody')`
 * for signature checks. `parseJsonBody` turns it into a value or a precise 400.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DataflyError } from '../../../core/errors/index.js';
import type { EdgeEnv } from '../../types.js';

const ACCEPTED_TYPES = /^(text\/plain|application\/json|application\/[a-z0-9.+-]+\+json)\s*(;|$)/i;

/**
 * Middleware: check the content type, cap the size at `maxBytes`, keep the raw text.
 *
 * @example browser.post('/v1/t', body({ maxBytes: LIMITS.eventBytes }), handler)
 */
export function body(options: { maxBytes: number }): MiddlewareHandler<EdgeEnv> {
  const tooLarge = (): never => {
    throw new DataflyError(
      'payload_too_large',
      `request body exceeds the limit of ${options.maxBytes} bytes`,
      { field: '(body)' },
    );
  };
  const limit = bodyLimit({ maxSize: options.maxBytes, onError: tooLarge });
  return async function bodyMiddleware(c, next) {
    const type = c.req.header('content-type');
    if (type !== undefined && !ACCEPTED_TYPES.test(type)) {
      throw new DataflyError(
        'unsupported_media_type',
        `content type ${type.slice(0, 100)} is not accepted; send application/json or text/plain`,
        {
          field: 'Content-Type',
        },
      );
    }
    const read = async (): Promise<void> => {
      c.set('rawBody', await c.req.text());
      await next();
    };
    // A declared length decides at once (the runtime holds the body to it), as in `bodyLimit`;
    // without building the body stream `bodyLimit` looks at first.
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined)
      return limit(c, read);
    if (parseInt(length, 10) > options.maxBytes) tooLarge();
    return read();
  };
}

/**
 * Parse a JSON body; empty or malformed bodies throw `invalid_json` (400) naming the problem.
 *
 * @example parseJsonBody('{"type":"track"}') // → { type: 'track' }
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw new DataflyError('invalid_json', 'request body is empty; expected a JSON object', {
      field: '(body)',
    });
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof SyntaxError ? `: ${e.message.slice(0, 200)}` : '';
    throw new DataflyError('invalid_json', `request body is not valid JSON${detail}`, {
      field: '(body)',
    });
  }
}

/** How much of an unread body an early error answer drains before giving up on the connection. */
const DISCARD_MAX_BYTES = 1024 * 1024;

/**
 * Read and drop what is left of a request body, up to `maxBytes`, before an error is answered:
 * a server that answers without reading the body resets keep-alive connections (the local
 * runtime did after early 401/404/413/415). Bodies beyond the cap are cancelled.
 *
 * @example app.onError(async (err, c) => { await discardBody(c.req.raw); … })
 */
export async function discardBody(request: Request, maxBytes = DISCARD_MAX_BYTES): Promise<void> {
  if (request.bodyUsed || request.body === null) return;
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = request.body.getReader();
  } catch {
    return; // already locked by a reader that stopped early (e.g. the body limit)
  }
  try {
    let read = 0;
    while (read <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}
