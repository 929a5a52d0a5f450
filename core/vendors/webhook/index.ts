/**
 * Custom Webhook (docs/delivery-spec.md): any HTTP endpoint, auth none / Bearer / Basic / HMAC, payload
 * canonical (the envelope as-is) or a Handlebars template, batching as a JSON array.
 *
 * Partial failure convention: a 2xx JSON answer may name rejected events as
 * `{"rejected":[{"event_id"|"index", "reason"}]}`; those fail, the rest are delivered.
 */
import Handlebars from 'handlebars';
import { z } from 'zod';
import { DataflyError, fieldError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { everyEvent, httpVerdict, jsonBody } from '../outcomes.js';
import { compileAuth, newNonce, type CompiledAuth, type Draft } from '../spec/auth.js';
import { compileRows } from '../spec/interpret.js';
import { Auth } from '../spec/schema.js';
import type { EventOutcome, OutboundRequest, VendorDefinition, VendorResponse } from '../types.js';

const MAX_TEMPLATE_BYTES = 64 * 1024;
/** Default requests/s when the integration sets no `rate_limit_rps`. */
const WEBHOOK_DEFAULT_RPS = 50;
/** Largest body one request may carry. */
const WEBHOOK_MAX_BATCH_BYTES = 1024 * 1024;

const Base = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid header name'),
      z.string().max(4096),
    )
    .default({}),
  auth_method: z.enum(['none', 'bearer', 'basic', 'hmac']).default('none'),
  auth_token: z.string().min(1).optional(),
  auth_username: z.string().min(1).optional(),
  auth_password: z.string().optional(),
  hmac_secret: z.string().min(1).optional(),
  hmac_header: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/)
    .default('X-Signature-256'),
  payload_format: z.enum(['canonical', 'custom']).default('canonical'),
  payload_template: z.string().max(MAX_TEMPLATE_BYTES).optional(),
  batch_enabled: z.boolean().default(false),
  batch_size: z.number().int().min(1).max(1000).default(100),
  rate_limit_rps: z.number().positive().optional(),
});

/** Webhook settings after parsing (the template compiled, the auth ready). */
type WebhookSettings = z.infer<typeof Base> & {
  render?: (event: Envelope) => string;
  auth: CompiledAuth;
};

/**
 * Each `auth_method`: the settings it needs and the Delivery Spec auth that applies them
 * (core/vendors/spec/auth.ts); the HMAC header is the `hmac_header` setting.
 */
const AUTH_METHODS = {
  none: [[], { kind: 'none' }],
  bearer: [['auth_token'], { kind: 'bearer', token: '{{settings.auth_token}}' }],
  basic: [
    ['auth_username', 'auth_password'],
    {
      kind: 'basic',
      username: '{{settings.auth_username}}',
      password: '{{settings.auth_password}}',
    },
  ],
  hmac: [['hmac_secret'], { kind: 'hmac', secret: '{{settings.hmac_secret}}', prefix: 'sha256=' }],
} as const;

/**
 * Compile a payload template, or throw `config_error` naming the line of the first problem.
 *
 * @example compileTemplate('{"e":"{{event}}"}')(event) // → '{"e":"Order Completed"}'
 */
function compileTemplate(source: string): (event: Envelope) => string {
  try {
    // precompile parses eagerly, so syntax errors surface here and not at the first event.
    Handlebars.precompile(source, { noEscape: true, strict: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /line (\d+)/.exec(message)?.[1] ?? / - (\d+):\d+/.exec(message)?.[1];
    const lines = message.split('\n');
    const summary = lines.length > 1 ? lines[lines.length - 1] : lines[0];
    throw new DataflyError(
      'config_error',
      `payload_template does not compile${line ? ` (line ${line})` : ''}: ${summary}`,
      {
        field: 'payload_template',
        details: { line: line ? Number(line) : undefined, error: message },
      },
    );
  }
  const env = Handlebars.create();
  const originals = new WeakMap<object, unknown>();
  env.registerHelper('json', (value: unknown) => {
    if (typeof value === 'string') return `"${value}"`;
    if (value !== null && typeof value === 'object')
      return JSON.stringify(originals.get(value) ?? value);
    return value === undefined ? 'null' : JSON.stringify(value);
  });
  const template = env.compile(source, { noEscape: true });
  return (event) => template(jsonEscaped(event, originals));
}

/** Strings made safe inside JSON string literals; numbers and booleans stay bare. */
function jsonEscaped(value: unknown, originals: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (Array.isArray(value)) {
    const out = value.map((v) => jsonEscaped(v, originals));
    originals.set(out, value);
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonEscaped(v, originals);
    originals.set(out, value);
    return out;
  }
  return value;
}

/**
 * Parse and default a webhook config (throws `config_error` with the field).
 *
 * @example parseWebhookSettings({ url: 'https://hooks.example.com/e' }).auth_method // → 'none'
 */
function parseWebhookSettings(config: unknown): WebhookSettings {
  const parsed = Base.safeParse(config);
  if (!parsed.success) {
    throw fieldError('config_error', parsed.error.issues);
  }
  const [needs, spec] = AUTH_METHODS[parsed.data.auth_method];
  const auth = Auth.parse(
    spec.kind === 'hmac' ? { ...spec, header: parsed.data.hmac_header } : spec,
  );
  const s = { ...parsed.data, auth: compileAuth(auth, 'auth_method') };
  for (const key of needs) {
    if (s[key] === undefined)
      throw new DataflyError(
        'config_error',
        `${key} is required when auth_method is ${s.auth_method}`,
        { field: key },
      );
  }
  if (s.payload_format === 'custom') {
    if (!s.payload_template)
      throw new DataflyError(
        'config_error',
        'payload_template is required when payload_format is custom',
        { field: 'payload_template' },
      );
    return { ...s, render: compileTemplate(s.payload_template) };
  }
  return s;
}

/** The event's payload text, or why it cannot be sent. */
function payloadOf(event: Envelope, s: WebhookSettings): { text: string } | { error: string } {
  if (!s.render) return { text: JSON.stringify(event) };
  let rendered: string;
  try {
    rendered = s.render(event);
  } catch (e) {
    return { error: `template failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    // Compact JSON, so a receiver that re-serialises the parsed body (a Standard Webhooks verifier) gets the signed bytes.
    return { text: JSON.stringify(JSON.parse(rendered)) };
  } catch {
    if (s.batch_enabled) return { error: 'template output is not JSON (required for batching)' };
    return { text: rendered };
  }
}

/** One request: a batch as a JSON array, else the one event's payload; the auth applied to the body. */
function request(events: { id: string; text: string }[], s: WebhookSettings): OutboundRequest {
  const body = s.batch_enabled ? `[${events.map((e) => e.text).join(',')}]` : events[0]!.text;
  const draft: Draft = {
    method: s.method,
    url: new URL(s.url),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'DataflySignal/1 (+webhook)',
      ...s.headers,
    },
    body,
  };
  s.auth.prepare(draft, undefined, { settings: s }, undefined);
  s.auth.sign?.(draft, { settings: s }, Date.now, newNonce);
  return {
    method: s.method,
    url: s.url,
    headers: draft.headers,
    body,
    event_ids: events.map((e) => e.id),
  };
}

/** A 2xx's `rejected` list, naming events by id or by position. */
const rejected = compileRows({
  in: 'success',
  list: 'rejected',
  id: 'event_id',
  index: 'index',
  reason: ['{{row.reason}}', 'rejected by endpoint'],
  others: { outcome: 'ok', code: 'vendor_server_error', reason: '' },
});

/**
 * The generic status rules, but 408 and 429 are throttling whose wait delivery reads from the
 * answer itself; a 2xx may fail the events its `rejected` list names.
 */
function classifyWebhook(response: VendorResponse, req: OutboundRequest): EventOutcome[] {
  const reason = `HTTP ${response.status}`;
  const verdict =
    response.status === 408 || response.status === 429
      ? ({ status: 'retry', code: 'vendor_throttled', reason } as const)
      : httpVerdict(response, reason);
  if (verdict) return everyEvent(req, verdict);
  return (
    rejected(response, req, jsonBody(response.body)) ?? everyEvent(req, { status: 'delivered' })
  );
}

export const webhook: VendorDefinition<WebhookSettings> = {
  id: 'webhook',
  parseSettings: parseWebhookSettings,
  limits: (s) => ({
    maxBatchEvents: s.batch_enabled ? s.batch_size : 1,
    maxBatchBytes: WEBHOOK_MAX_BATCH_BYTES,
    rateLimitRps: s.rate_limit_rps ?? WEBHOOK_DEFAULT_RPS,
  }),
  format(events, s) {
    const ok: { id: string; text: string }[] = [];
    const skipped: { event_id: string; reason: string }[] = [];
    for (const event of events) {
      const p = payloadOf(event, s);
      if ('error' in p) skipped.push({ event_id: event.event_id, reason: p.error });
      else ok.push({ id: event.event_id, text: p.text });
    }
    // Requests of up to batch_size events (one without batching) within the byte cap, in order;
    // an event over the cap goes alone.
    const max = s.batch_enabled ? s.batch_size : 1;
    const requests: OutboundRequest[] = [];
    let chunk: { id: string; text: string }[] = [];
    let bytes = 2;
    for (const e of ok) {
      if (
        chunk.length >= max ||
        (chunk.length > 0 && bytes + e.text.length + 1 > WEBHOOK_MAX_BATCH_BYTES)
      ) {
        requests.push(request(chunk, s));
        chunk = [];
        bytes = 2;
      }
      chunk.push(e);
      bytes += e.text.length + 1;
    }
    if (chunk.length > 0) requests.push(request(chunk, s));
    return { requests, skipped };
  },
  classify: classifyWebhook,
  secretKeys: ['auth_token', 'auth_password', 'hmac_secret'],
};
