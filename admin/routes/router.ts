/** One router per route file (docs/style.md 6), each turning validation failures into 400s naming the field. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { DataflyError } from '../../core/errors/index.js';
import type { AdminEnv } from '../context.js';

/**
 * @example export const pipelinesRoutes = newRouter(); pipelinesRoutes.openapi(route, handler);
 */
export function newRouter(): OpenAPIHono<AdminEnv> {
  return new OpenAPIHono<AdminEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      const where = result.target === 'json' ? 'body' : result.target;
      throw new DataflyError(
        'invalid_request',
        `${field || where}: ${issue?.message ?? 'invalid'}`,
        field ? { field } : {},
      );
    },
  });
}
