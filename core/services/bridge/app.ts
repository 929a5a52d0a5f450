/**
 * The bridge's HTTP surface: the Confluent REST Proxy v2 produce call (docs/design.md "Edge →
 * bridge"), so Confluent's proxy or Redpanda's can stand in for it.
 *
 *   POST /topics/{topic}   Content-Type: application/vnd.kafka.json.v2+json (or application/json)
 *   {"records":[{"key":"anon-1","value":{…},"partition":0?}]}
 *   → 200 {"key_schema_id":null,"value_schema_id":null,"offsets":[{"partition":0,"offset":42,"error_code":null,"error":null}]}
 *
 * Errors use Confluent's shape `{"error_code":40401,"message":"…"}` (plus our `error` object):
 * 401/40101 bad token, 404/40401 topic not allowed, 413/41301 body too large, 415/41501 not a
 * JSON embedded format, 422/42201 bad body, 503/50301 the broker did not acknowledge.
 * String keys are stored as-is (not JSON-quoted); values are stored as JSON text.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { DataflyError, type ErrorCode } from '../../errors/index.js';
import type { Bus, ProduceRecord } from '../../bus/types.js';
import type { Logger } from '../../log/index.js';
import { bridgeMetrics, metricsResponse } from '../../metrics/index.js';
import type { Batcher } from './batcher.js';

interface BridgeAppDeps {
  bus: Bus;
  batcher: Batcher;
  token: string;
  topics: readonly string[];
  maxBodyBytes: number;
  /** How long a produce may take before the answer is 503 (the edge gives up at 5 s). */
  deadlineMs?: number;
  /** True once the bridge can reach Kafka (`/readyz`). */
  ready?: () => boolean;
  log: Logger;
}

type Status = 401 | 404 | 413 | 415 | 422 | 500 | 503;

function confluentError(
  c: Context,
  status: Status,
  errorCode: number,
  code: ErrorCode,
  message: string,
  field?: string,
) {
  return c.json(
    { error_code: errorCode, message, error: { code, message, ...(field ? { field } : {}) } },
    status,
  );
}

const ACCEPTED_TYPES = new Set(['application/vnd.kafka.json.v2+json', 'application/json']);

const ProduceRequest = z.object({
  records: z
    .array(
      z.object({
        key: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
        value: z.unknown().refine((v) => v !== undefined, 'value is required'),
        partition: z.number().int().min(0).optional(),
      }),
    )
    .min(1, 'records must not be empty')
    .max(10_000, 'at most 10000 records per request'),
});

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Build the bridge's Hono app.
 *
 * @example
 * const app = createBridgeApp({ bus, batcher: createBatcher(bus), token, topics: ['raw-events'], maxBodyBytes: 1 << 20, log });
 * const res = await app.request('/topics/raw-events', { method: 'POST', headers, body });
 */
export function createBridgeApp(deps: BridgeAppDeps): Hono {
  const allowed = new Set(deps.topics);
  const tokenDigest = digest(deps.token);
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) =>
    (deps.ready?.() ?? true) ? c.json({ ready: true }) : c.json({ ready: false }, 503),
  );
  app.get('/metrics', () => metricsResponse());

  app.use('/topics/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), tokenDigest)) {
      return confluentError(
        c,
        401,
        40101,
        'unauthorized',
        'Unauthorized: a valid bearer token is required.',
      );
    }
    await next();
  });

  app.get('/topics', (c) => c.json([...allowed]));

  app.post(
    '/topics/:topic',
    async (c, next) => {
      if (!allowed.has(c.req.param('topic')))
        return confluentError(c, 404, 40401, 'not_found', 'Topic not found.', 'topic');
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED_TYPES.has(type)) {
        return confluentError(
          c,
          415,
          41501,
          'unsupported_media_type',
          'Content-Type must be application/vnd.kafka.json.v2+json or application/json.',
          'content-type',
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) =>
        confluentError(
          c,
          413,
          41301,
          'payload_too_large',
          `Request body larger than ${deps.maxBodyBytes} bytes.`,
        ),
    }),
    async (c) => {
      const topic = c.req.param('topic');
      let json: unknown;
      try {
        json = JSON.parse(await c.req.text());
      } catch {
        return confluentError(c, 422, 42201, 'invalid_json', 'Request body is not valid JSON.');
      }
      const parsed = ProduceRequest.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.') || undefined;
        return confluentError(
          c,
          422,
          42201,
          'unprocessable',
          `Invalid produce request: ${issue.message}${field ? ` at ${field}` : ''}.`,
          field,
        );
      }
      const records = parsed.data.records;
      const toRecord = (r: (typeof records)[number]): ProduceRecord => ({
        key: r.key === undefined || r.key === null ? null : String(r.key),
        value: JSON.stringify(r.value),
        ...(r.partition === undefined ? {} : { partition: r.partition }),
      });

      // Records without a partition go through the micro-batcher; the rare explicit-partition
      // record is sent on its own so that a partition that does not exist fails only itself.
      const offsets: {
        partition: number | null;
        offset: number | null;
        error_code: number | null;
        error: string | null;
      }[] = new Array(records.length);
      const batchedIdx: number[] = [];
      const explicit: Promise<void>[] = [];
      records.forEach((r, i) => {
        if (r.partition === undefined) {
          batchedIdx.push(i);
          return;
        }
        explicit.push(
          deps.bus.produce(topic, [toRecord(r)]).then(
            ([o]) => {
              offsets[i] = {
                partition: o!.partition,
                offset: Number(o!.offset),
                error_code: null,
                error: null,
              };
            },
            (error: unknown) => {
              if (error instanceof DataflyError && error.code === 'not_found') {
                offsets[i] = {
                  partition: r.partition!,
                  offset: null,
                  error_code: 40402,
                  error: 'Partition not found.',
                };
                return;
              }
              throw error;
            },
          ),
        );
      });
      try {
        const [batched] = await Promise.all([
          batchedIdx.length > 0
            ? deps.batcher.produce(
                topic,
                batchedIdx.map((i) => toRecord(records[i]!)),
                deps.deadlineMs,
              )
            : Promise.resolve([]),
          ...explicit,
        ]);
        batched.forEach((o, j) => {
          offsets[batchedIdx[j]!] = {
            partition: o.partition,
            offset: Number(o.offset),
            error_code: null,
            error: null,
          };
        });
      } catch (error) {
        deps.log('warn', 'produce failed', {
          topic,
          records: records.length,
          error: error instanceof Error ? error.message : String(error),
        });
        bridgeMetrics.records.inc({ topic, result: 'error' }, records.length);
        // A full queue or a passed deadline: the client retries after a second.
        c.header('Retry-After', '1');
        if (error instanceof DataflyError && error.code === 'rate_limited') {
          return confluentError(
            c,
            503,
            50302,
            'rate_limited',
            'The bridge is at capacity while Kafka catches up; retry later.',
          );
        }
        return confluentError(
          c,
          503,
          50301,
          'upstream_unavailable',
          'Kafka did not acknowledge the records; retry later.',
        );
      }
      const failed = offsets.filter((o) => o.error_code !== null).length;
      bridgeMetrics.records.inc({ topic, result: 'ok' }, records.length - failed);
      if (failed > 0) bridgeMetrics.records.inc({ topic, result: 'error' }, failed);
      return c.json({ key_schema_id: null, value_schema_id: null, offsets });
    },
  );

  app.notFound((c) => confluentError(c, 404, 40400, 'not_found', 'Not found.'));
  app.onError((error, c) => {
    deps.log('error', 'unhandled error', { error: error.message });
    return confluentError(c, 500, 50001, 'internal', 'Internal error.');
  });
  return app;
}
