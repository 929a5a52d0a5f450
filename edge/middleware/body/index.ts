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
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new DataflyError('payload_too_large', `request body exceeds the limit of ${options.maxBytes} bytes`, { field: '(body)' });
    },
  });
  return async function bodyMiddleware(c, next) {
    const type = c.req.header('content-type');
    if (type !== undefined && !ACCEPTED_TYPES.test(type)) {
      throw new DataflyError('unsupported_media_type', `content type ${type.slice(0, 100)} is not accepted; send application/json or text/plain`, {
        field: 'Content-Type',
      });
    }
    return limit(c, async () => {
      c.set('rawBody', await c.req.text());
      await next();
    });
  };
}

/**
 * Parse a JSON body; empty or malformed bodies throw `invalid_json` (400) naming the problem.
 *
 * @example parseJsonBody('{"type":"track"}') // → { type: 'track' }
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new DataflyError('invalid_json', 'request body is empty; expected a JSON object', { field: '(body)' });
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof SyntaxError ? `: ${e.message.slice(0, 200)}` : '';
    throw new DataflyError('invalid_json', `request body is not valid JSON${detail}`, { field: '(body)' });
  }
}
