/**
 * Custom Webhook (docs/delivery-spec.md), declared: any HTTP endpoint, auth none / Bearer / Basic /
 * HMAC, payload canonical (the envelope as-is) or a Handlebars template, batching as a JSON array.
 * The URL, method, auth kind, HMAC header, extra headers and batching are the integration's
 * settings, which the spec names; the template is this folder's hook.
 *
 * Partial failure convention: a 2xx JSON answer may name rejected events as
 * `{"rejected":[{"event_id"|"index", "reason"}]}`; those fail, the rest are delivered.
 */
import Handlebars from 'handlebars';
import { json } from '../../doubles/index.js';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import { optional, setting } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';

const MAX_TEMPLATE_BYTES = 64 * 1024;
const TOKEN_CHARS = "A-Za-z0-9!#$%&'*+.^_`|~-";

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
        field: 'parameters.payload_template',
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

/** The compiled template of each parsed config whose payload_format is custom. */
const renderers = new WeakMap<object, (event: Envelope) => string>();

/**
 * The payload: canonical → the envelope is the item; custom → the item carries the rendered text
 * (compact when it is JSON), and the body is that text, or the texts as one JSON array.
 */
const hooks: SpecHooks = {
  settings(params) {
    if (params.payload_format !== 'custom') return;
    if (!params.payload_template)
      throw new DataflyError(
        'config_error',
        'payload_template is required when payload_format is custom',
        { field: 'parameters.payload_template' },
      );
    renderers.set(params, compileTemplate(params.payload_template as string));
  },
  item(_item, event, params) {
    const render = renderers.get(params);
    if (!render) return event as unknown as Record<string, unknown>;
    let rendered: string;
    try {
      rendered = render(event);
    } catch (e) {
      return `template failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    try {
      // Compact JSON, so a receiver that re-serialises the parsed body (a Standard Webhooks verifier) gets the signed bytes.
      return { text: JSON.stringify(JSON.parse(rendered)) };
    } catch {
      if (params.batch_enabled === true)
        return 'template output is not JSON (required for batching)';
      return { text: rendered };
    }
  },
  body(body, items, params) {
    if (!renderers.has(params)) return body;
    const texts = items.map((i) => i.text as string);
    return params.batch_enabled === true ? `[${texts.join(',')}]` : texts[0];
  },
};

/** What the registry holds for the Custom Webhook. */
export const webhook = declareVendor(
  {
    id: 'webhook',
    name: 'Custom Webhook',
    category: 'other',
    description: 'Any HTTP endpoint.',
    api: 'HTTP (JSON)',
    // The payload template's language: the one document a webhook's own settings depend on.
    docs: 'https://handlebarsjs.com/guide/',
    status: 'ga',
    keywords: ['http', 'custom', 'hmac', 'handlebars'],
    test_settings: { url: 'https://hooks.example.com/events' },
    settings: [
      setting(
        'url',
        'Endpoint URL',
        'url',
        'The HTTP endpoint events are sent to (HTTPS in production).',
      ),
      optional('method', 'Method', 'select', 'HTTP method.', {
        options: ['POST', 'PUT', 'PATCH'],
        default: 'POST',
      }),
      optional(
        'auth_method',
        'Authentication',
        'select',
        'How the endpoint authenticates requests.',
        {
          options: ['none', 'bearer', 'basic', 'hmac'],
          default: 'none',
        },
      ),
      optional(
        'auth_token',
        'Bearer token',
        'secret',
        'Sent as Authorization: Bearer … (auth_method bearer).',
      ),
      optional('auth_username', 'Username', 'string', 'Basic auth user name (auth_method basic).'),
      optional('auth_password', 'Password', 'secret', 'Basic auth password (auth_method basic).', {
        empty: true,
      }),
      optional(
        'hmac_secret',
        'HMAC secret',
        'secret',
        'Signs the body with HMAC-SHA256 (auth_method hmac).',
      ),
      optional('hmac_header', 'HMAC header', 'string', 'Header carrying sha256=<hex signature>.', {
        default: 'X-Signature-256',
        pattern: { regex: '^[A-Za-z0-9-]+$', message: 'letters, digits and - only' },
      }),
      optional(
        'headers',
        'Extra headers',
        'json',
        'Static headers as a JSON object of name → value.',
        {
          keys: { regex: `^[${TOKEN_CHARS}]+$`, message: 'not a valid header name' },
          values: { regex: '^[\\s\\S]{0,4096}$', message: 'at most 4096 characters' },
        },
      ),
      optional(
        'payload_format',
        'Payload format',
        'select',
        'canonical sends the Datafly event as-is; custom renders payload_template.',
        { options: ['canonical', 'custom'], default: 'canonical' },
      ),
      optional(
        'payload_template',
        'Payload template',
        'string',
        'Handlebars template for the body ({{event}}, {{properties.*}}, …) when payload_format is custom.',
        { max_length: MAX_TEMPLATE_BYTES, empty: true },
      ),
      optional(
        'batch_enabled',
        'Batching',
        'boolean',
        'Send events as a JSON array of up to batch_size.',
        { default: false },
      ),
    ],
    spec: {
      // The integration's `url` is the whole request URL; base_url only documents the shape.
      endpoint: {
        base_url: 'https://hooks.example.com',
        base_url_template: '{{settings.url}}',
        path: '',
        verbatim: true,
      },
      method_setting: 'method',
      auth: {
        kind: 'by_setting',
        setting: 'auth_method',
        options: {
          none: { kind: 'none' },
          bearer: { kind: 'bearer', token: '{{settings.auth_token}}' },
          basic: {
            kind: 'basic',
            username: '{{settings.auth_username}}',
            password: '{{settings.auth_password}}',
          },
          hmac: {
            kind: 'hmac',
            secret: '{{settings.hmac_secret}}',
            header: '{{settings.hmac_header}}',
            prefix: 'sha256=',
          },
        },
      },
      headers: { static: { 'user-agent': 'DataflySignal/1 (+webhook)' }, from_setting: 'headers' },
      // Largest body one request may carry: 1 MiB.
      batching: {
        max_events: 1000,
        max_bytes: 1024 * 1024,
        enabled_by: 'batch_enabled',
        size_setting: 'batch_size',
        size_default: 100,
        split: 'fill',
      },
      rate_limit_rps: 50,
      answer: {
        reason: 'HTTP {{status}}',
        // 408 too is throttling; delivery reads the wait from Retry-After by its own clock.
        throttle_statuses: [408],
        retry_after_clock: 'delivery',
        rows: {
          in: 'success',
          list: 'rejected',
          id: 'event_id',
          index: 'index',
          reason: ['{{row.reason}}', 'rejected by endpoint'],
        },
      },
    },
  },
  // The sandbox and the tests answer every request 200: the endpoint is the customer's.
  { hooks, respond: () => json(200, { ok: true }) },
);
