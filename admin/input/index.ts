/**
 * Input checks at the admin door, before any route reads the request: no NUL character in the
 * path, the query or a JSON body (PostgreSQL text and jsonb cannot store U+0000 and answered
 * 500), JSON bodies parsed once with a 400 naming the problem, and nesting no deeper than
 * `MAX_JSON_DEPTH` (a recursive consumer further on would overflow its stack).
 */
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../core/errors/index.js';
import { checkJson, MAX_JSON_DEPTH } from '../../core/json/index.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const NUL = 'a NUL character (U+0000) is not accepted';

/**
 * Middleware: refuse NUL characters anywhere in the request target and hostile JSON bodies.
 *
 * @example app.use('*', authenticate(), inspectInput())
 */
export function inspectInput(): MiddlewareHandler {
  return async function inspectInputMiddleware(c, next) {
    const url = new URL(c.req.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      throw new DataflyError('invalid_request', 'the path has a malformed percent-encoding', {
        field: '(path)',
      });
    }
    if (path.includes('\u0000'))
      throw new DataflyError('invalid_request', `${NUL} in the path`, { field: '(path)' });
    for (const [name, value] of url.searchParams) {
      if (name.includes('\u0000') || value.includes('\u0000')) {
        throw new DataflyError(
          'invalid_request',
          `${NUL} in query parameter ${name.replaceAll('\u0000', '\\u0000').slice(0, 100)}`,
          { field: name.replaceAll('\u0000', '\\u0000').slice(0, 100) },
        );
      }
    }
    const type = c.req.header('content-type');
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      type !== undefined &&
      JSON_TYPE.test(type)
    ) {
      const text = await c.req.text();
      if (text.trim() !== '') {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          const detail = e instanceof SyntaxError ? `: ${e.message.slice(0, 200)}` : '';
          throw new DataflyError('invalid_json', `request body is not valid JSON${detail}`, {
            field: '(body)',
          });
        }
        const problem = checkJson(value, { maxDepth: MAX_JSON_DEPTH, noNul: true });
        if (problem)
          throw new DataflyError('invalid_request', `${problem.field}: ${problem.message}`, {
            field: problem.field,
          });
      }
    }
    await next();
  };
}
