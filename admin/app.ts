/**
 * The admin HTTP app: Hono + zod-openapi under `/v1/admin`, bearer auth on everything except
 * the OpenAPI document, one `app.route` line per route group, errors mapped once.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { DataflyError, toDataflyError } from '../core/errors/index.js';
import { authenticate } from './auth/index.js';
import { inspectInput } from './input/index.js';
import { logoSvg } from './logos/index.js';
import { sqlState } from './domain/db-errors.js';
import type { AdminDeps, AdminEnv } from './context.js';
import { catalogRoutes } from './routes/catalog.js';
import { keysRoutes } from './routes/keys.js';
import { mappingSchemaRoutes } from './routes/mapping-schema/index.js';
import { liveRoutes } from './routes/live.js';
import { identitiesRoutes } from './routes/identities.js';
import { integrationOpsRoutes } from './routes/integration-ops/index.js';
import { orgRoutes } from './routes/org.js';
import { pipelineIntegrationsRoutes } from './routes/pipeline-integrations.js';
import { pipelinesRoutes } from './routes/pipelines.js';
import { previewRoutes } from './routes/preview/index.js';
import { templatesRoutes } from './routes/templates.js';

const BASE_PATH = '/v1/admin';

/**
 * @example const app = createAdminApp(adminDeps({ database, kv })); await app.request('/v1/admin/pipelines', { headers })
 */
export function createAdminApp(deps: AdminDeps) {
  const app = new OpenAPIHono<AdminEnv>().basePath(BASE_PATH);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Datafly Signal Management API', version: '1.0.0' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
  });
  // Brand logos are public marks: served before the bearer check so `<img>` can load them.
  app.get('/logos/:file', async (c) => {
    const vendor = /^([a-z0-9_]{1,64})\.svg$/.exec(c.req.param('file'))?.[1];
    const svg = vendor ? await logoSvg(vendor) : null;
    if (!svg) throw new DataflyError('not_found', 'no logo for that vendor');
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new DataflyError('payload_too_large', 'request body over 1 MB', { field: '(body)' });
      },
    }),
  );
  app.use('*', authenticate(), inspectInput());

  app.route('/', catalogRoutes);
  app.route('/', templatesRoutes);
  app.route('/', pipelinesRoutes);
  app.route('/', pipelineIntegrationsRoutes);
  app.route('/', keysRoutes);
  app.route('/', orgRoutes);
  app.route('/', integrationOpsRoutes);
  app.route('/', previewRoutes);
  app.route('/', mappingSchemaRoutes);
  app.route('/', liveRoutes);
  app.route('/', identitiesRoutes);

  app.notFound((c) =>
    c.json(new DataflyError('not_found', `no route ${c.req.method} ${c.req.path}`).toJSON(), 404),
  );
  app.onError((e, c) => {
    const error = e instanceof HTTPException ? fromHttpException(e) : toDataflyError(e);
    // Name and SQLSTATE only: driver messages can quote query parameters (secrets).
    if (error.code === 'internal')
      console.error(
        'admin: unexpected error',
        e instanceof Error ? e.name : typeof e,
        sqlState(e) ?? '',
      );
    return c.json(error.toJSON(), error.status as 400);
  });
  return app;
}

/** Hono's own refusals (body parsing, media type) in the error taxonomy. */
function fromHttpException(e: HTTPException): DataflyError {
  switch (e.status) {
    case 400:
      return new DataflyError('invalid_json', 'request body is not valid JSON', {
        field: '(body)',
      });
    case 413:
      return new DataflyError('payload_too_large', 'request body too large', { field: '(body)' });
    case 415:
      return new DataflyError(
        'unsupported_media_type',
        'send the body as Content-Type: application/json',
        { field: 'Content-Type' },
      );
    default:
      return new DataflyError('invalid_request', e.message);
  }
}
