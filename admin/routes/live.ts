/**
 * `GET /v1/admin/live` — the live debugger's WebSocket (docs/live-debugger.md). Viewer role or
 * above; filters `pipeline_id` (required, in the caller's organisation), `integration_id`,
 * `event`, `user`, `status` in the query, and changeable later with a `{"type":"filter",…}`
 * message. Personal data arrives raw only for the admin role; everyone else sees it masked.
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server';
import { DataflyError, fieldError } from '../../core/errors/index.js';
import { requireRole } from '../auth/index.js';
import type { AdminDeps } from '../context.js';
import { findPipeline } from '../domain/views.js';
import { LiveFilters, type LiveSession, type LiveSocket } from '../live/session.js';
import { newRouter } from './router.js';

/** The subprotocol the server answers with (a browser must also offer `bearer.<token>`). */
export const LIVE_PROTOCOL = 'datafly-live';

function parseFilters(input: unknown): LiveFilters {
  const parsed = LiveFilters.safeParse(input);
  if (parsed.success) return parsed.data;
  throw fieldError('invalid_request', parsed.error.issues, { fallback: 'pipeline_id' });
}

/** ws's WebSocket as the session's socket. */
function asLiveSocket(raw: WebSocketLike): LiveSocket {
  const ws = raw as WebSocketLike & { bufferedAmount: number; terminate(): void };
  return {
    send: (text) => ws.send(text),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
  };
}

export const liveRoutes = newRouter();

liveRoutes.get(
  '/live',
  requireRole('viewer'),
  async (c, next) => {
    if (!c.var.deps.live)
      throw new DataflyError(
        'upstream_unavailable',
        'the live debugger is not running in this admin process',
      );
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new DataflyError(
        'invalid_request',
        'GET /v1/admin/live is a WebSocket: send Upgrade: websocket (the page is at /live)',
        { field: 'upgrade' },
      );
    }
    const filters = parseFilters(c.req.query());
    await findPipeline(c.var.deps.database.db, c.var.caller.orgId, filters.pipeline_id);
    await next();
  },
  upgradeWebSocket((c) => {
    const deps: AdminDeps = c.var.deps;
    const live = deps.live!;
    const caller = c.var.caller;
    const raw = caller.role === 'admin';
    const initial = LiveFilters.parse(c.req.query());
    let session: LiveSession | undefined;
    let ready: Promise<LiveSession> | undefined;

    async function onClientMessage(s: LiveSession, text: string): Promise<void> {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        s.message({
          type: 'error',
          code: 'invalid_json',
          message: 'messages are JSON: {"type":"filter", "pipeline_id": …}',
        });
        return;
      }
      const type =
        typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
      if (type !== 'filter') {
        s.message({
          type: 'error',
          code: 'invalid_request',
          field: 'type',
          message: 'type: expected "filter"',
        });
        return;
      }
      try {
        const { type: _type, ...rest } = body as Record<string, unknown>;
        const filters = parseFilters({ pipeline_id: s.filters.pipeline_id, ...rest });
        await findPipeline(deps.database.db, caller.orgId, filters.pipeline_id);
        await live.refilter(s, filters);
        s.message({ type: 'filters', filters });
      } catch (e) {
        const err =
          e instanceof DataflyError
            ? e
            : new DataflyError('internal', 'could not change the filters');
        s.message({ type: 'error', ...err.toJSON().error });
      }
    }

    return {
      onOpen(_event, ws) {
        ready = live.open(asLiveSocket(ws.raw!), initial, raw).then((s) => {
          session = s;
          s.message({
            type: 'hello',
            filters: s.filters,
            personal_data: raw ? 'raw' : 'masked',
            limits: {
              queue: s.limits.maxQueue,
              session_minutes: Math.round(s.limits.sessionMs / 60_000),
            },
          });
          return s;
        });
        ready.catch(() => ws.close(1011, 'could not start tracing for the pipeline'));
      },
      onMessage(event) {
        const text = typeof event.data === 'string' ? event.data : '';
        void ready?.then((s) => onClientMessage(s, text)).catch(() => undefined);
      },
      onClose() {
        if (session) session.closedByPeer();
        else void ready?.then((s) => s.closedByPeer()).catch(() => undefined);
      },
    };
  }),
);
