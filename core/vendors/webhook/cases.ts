/** Custom Webhook golden cases as data (settings, payloads and answers: see index.ts). */
import { createHmac } from 'node:crypto';
import { orderEvent } from '../../testkit/delivery-fixtures.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL_ = 'https://hooks.example.com/events';
const ONE = [orderEvent(1)];
/** The canonical payload: the envelope, compact. */
const envelope = (n: number): unknown => JSON.parse(JSON.stringify(orderEvent(n)));
const hmac = (secret: string): string =>
  `sha256=${createHmac('sha256', secret)
    .update(JSON.stringify(orderEvent(1)))
    .digest('hex')}`;
const sent = (headers: Record<string, string>, method: 'POST' | 'PUT' = 'POST') => ({
  requests: [{ method, url: URL_, headers, body: envelope(1), event_ids: ['evt-0001'] }],
});

export const cases: VendorCase[] = [
  {
    name: 'The canonical payload is the envelope as JSON, with the content type and the Datafly user agent and no auth header',
    settings: { url: URL_ },
    input: ONE,
    expected: sent({
      'content-type': 'application/json',
      'user-agent': 'DataflySignal/1 (+webhook)',
    }),
  },
  {
    name: 'Bearer auth sends the token',
    settings: { url: URL_, auth_method: 'bearer', auth_token: 'tok_1' },
    input: ONE,
    expected: sent({ authorization: 'Bearer tok_1' }),
  },
  {
    name: 'Basic auth sends base64 of user:password, and the password may be empty',
    settings: { url: URL_, auth_method: 'basic', auth_username: 'u', auth_password: '' },
    input: ONE,
    expected: sent({ authorization: 'Basic dTo=' }),
  },
  {
    name: 'HMAC auth signs the body as sha256=<hex> in X-Signature-256 by default',
    settings: { url: URL_, auth_method: 'hmac', hmac_secret: 's' },
    input: ONE,
    expected: sent({ 'x-signature-256': hmac('s') }),
  },
  {
    name: 'HMAC auth uses the configured header, and PUT is sent when the method says so',
    settings: {
      url: URL_,
      method: 'PUT',
      auth_method: 'hmac',
      hmac_secret: 'k',
      hmac_header: 'X-Hook-Sig',
    },
    input: ONE,
    expected: sent({ 'x-hook-sig': hmac('k') }, 'PUT'),
  },
  {
    name: 'Extra headers are sent with their names as given',
    settings: { url: URL_, headers: { 'X-Team': 'growth', 'user-agent': 'mine' } },
    input: ONE,
    expected: sent({ 'X-Team': 'growth', 'user-agent': 'mine' }),
  },
  {
    name: 'The URL is sent exactly as configured, trailing slash and letter case kept',
    settings: { url: 'https://Hooks.Example.com/in/?q=1' },
    input: ONE,
    expected: {
      requests: [{ url: 'https://Hooks.Example.com/in/?q=1', body: envelope(1) }],
    },
  },
  {
    name: 'A custom template renders the seed variables with strings JSON-escaped and objects through the json helper',
    settings: {
      url: URL_,
      payload_format: 'custom',
      payload_template:
        '{"e":"{{event}}","t":"{{type}}","u":"{{user_id}}","a":"{{anonymous_id}}",' +
        '"ts":"{{timestamp}}","url":"{{context.page.url}}","title":"{{context.page.title}}",' +
        '"ip":"{{context.ip}}","ua":"{{context.user_agent}}","cur":"{{properties.currency}}",' +
        '"total":{{properties.total}},"props":{{json properties}} }',
    },
    input: [orderEvent(1, { event: 'He said "hi"\n' })],
    expected: {
      requests: [
        {
          url: URL_,
          body: {
            e: 'He said "hi"\n',
            t: 'track',
            u: 'user-1',
            a: 'anon-1',
            ts: '2026-11-22T10:00:00.000Z',
            url: 'https://shop.example.com/checkout',
            title: 'Checkout',
            ip: '203.0.113.7',
            ua: 'Mozilla/5.0',
            cur: 'EUR',
            total: 42.5,
            props: { total: 42.5, currency: 'EUR' },
          },
        },
      ],
    },
  },
  {
    name: 'A template whose output is not JSON is sent as its text when not batching',
    settings: {
      url: URL_,
      payload_format: 'custom',
      payload_template: 'Order {{event}} for {{user_id}}',
    },
    input: ONE,
    expected: { requests: [{ url: URL_, body: 'Order Order Completed for user-1' }] },
  },
  {
    name: 'Batching sends JSON arrays of up to batch_size events',
    settings: { url: URL_, batch_enabled: true, batch_size: 2 },
    input: [1, 2, 3, 4, 5].map((n) => orderEvent(n)),
    expected: {
      requests: [
        { url: URL_, body: [envelope(1), envelope(2)], event_ids: ['evt-0001', 'evt-0002'] },
        { url: URL_, body: [envelope(3), envelope(4)], event_ids: ['evt-0003', 'evt-0004'] },
        { url: URL_, body: [envelope(5)], event_ids: ['evt-0005'] },
      ],
    },
  },
  {
    name: 'An event whose template output is not JSON is skipped when batching',
    settings: {
      url: URL_,
      batch_enabled: true,
      payload_format: 'custom',
      payload_template: '{{event}}',
    },
    input: ONE,
    expected: {
      requests: [],
      skipped: [
        { event_id: 'evt-0001', reason: 'template output is not JSON (required for batching)' },
      ],
    },
  },
  {
    name: 'An event the template fails on is skipped with the template’s error',
    settings: { url: URL_, payload_format: 'custom', payload_template: '{{nohelper 1 2}}' },
    input: ONE,
    expected: {
      requests: [],
      skipped: [{ event_id: 'evt-0001', reason: 'template failed: Missing helper: "nohelper"' }],
    },
  },
  {
    name: 'An endpoint override (sandbox, doubles) replaces the URL, as for every vendor',
    settings: { url: URL_, endpoint_override: 'http://127.0.0.1:9/' },
    input: ONE,
    expected: { requests: [{ url: 'http://127.0.0.1:9', body: envelope(1) }] },
  },
  ...(
    [
      [
        'A template that does not compile is refused',
        { payload_format: 'custom', payload_template: '{\n"a": "{{event}"\n}' },
        'payload_template',
      ],
      ['A custom payload needs a template', { payload_format: 'custom' }, 'payload_template'],
      ['Bearer auth needs a token', { auth_method: 'bearer' }, 'auth_token'],
      [
        'Basic auth needs a user name',
        { auth_method: 'basic', auth_password: 'p' },
        'auth_username',
      ],
      ['HMAC auth needs a secret', { auth_method: 'hmac' }, 'hmac_secret'],
      [
        'A header name with a space is refused',
        { headers: { 'bad header': 'x' } },
        'headers.bad header',
      ],
      [
        'A batch size over 1000 is refused',
        { batch_enabled: true, batch_size: 1001 },
        'batch_size',
      ],
    ] as const
  ).map(([name, settings, field]): VendorCase => ({
    name,
    settings: { url: URL_, ...settings },
    input: ONE,
    expected: { error: { code: 'config_error', field: `parameters.${field}` } },
  })),
  {
    name: 'The URL must be http(s)',
    settings: { url: 'ftp://hooks.example.com/x' },
    input: ONE,
    expected: { error: { code: 'config_error', field: 'parameters.url' } },
  },
];

const two = { event_ids: ['a', 'b'] };

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 2xx delivers every event',
    request: two,
    response: { status: 200, body: { ok: true } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'A 2xx naming rejected events by index or by event id fails only those, with their reason',
    request: { event_ids: ['a', 'b', 'c'] },
    response: { status: 200, body: { rejected: [{ index: 1, reason: 'bad' }, { event_id: 'c' }] } },
    expected: [
      { status: 'delivered' },
      { status: 'failed', code: 'vendor_rejected', reason: 'bad' },
      { status: 'failed', code: 'vendor_rejected', reason: 'rejected by endpoint' },
    ],
  },
  {
    name: '408 is throttling like 429, its wait left to delivery (Retry-After by delivery’s clock)',
    request: { event_ids: ['a'] },
    response: { status: 408, headers: { 'retry-after': '30' } },
    expected: [{ status: 'retry', code: 'vendor_throttled', reason: 'HTTP 408' }],
  },
  {
    name: 'A 5xx is retried',
    request: two,
    response: { status: 503, body: { error: { message: 'down' } } },
    expected: [
      { status: 'retry', code: 'vendor_server_error', reason: 'HTTP 503' },
      { status: 'retry', code: 'vendor_server_error', reason: 'HTTP 503' },
    ],
  },
  {
    name: 'A 401 is an auth failure',
    request: { event_ids: ['a'] },
    response: { status: 401 },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401' }],
  },
  {
    name: 'Another 4xx fails as rejected, its reason the status alone',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: { message: 'bad request' } } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400' }],
  },
];
