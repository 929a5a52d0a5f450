import { describe, expect, it } from 'vitest';
import { DataflyError } from '../../errors/index.js';
import { orderEvent } from '../../testkit/delivery-fixtures.js';
import { webhook } from './index.js';

const URL_ = 'https://hooks.example.com/events';
const format = (config: Record<string, unknown>, n = 1) =>
  webhook.format(
    Array.from({ length: n }, (_, i) => orderEvent(i + 1)),
    webhook.parseSettings({ url: URL_, ...config }),
    { testMode: false },
  );

describe('webhook format', () => {
  const cases = [
    {
      name: 'canonical payload sends the envelope as JSON with no auth header',
      config: {},
      header: 'authorization',
      expected: undefined,
    },
    {
      name: 'bearer auth sends the token',
      config: { auth_method: 'bearer', auth_token: 'tok_1' },
      header: 'authorization',
      expected: 'Bearer tok_1',
    },
    {
      name: 'basic auth sends base64 user:password',
      config: { auth_method: 'basic', auth_username: 'u', auth_password: 'p' },
      header: 'authorization',
      expected: 'Basic dTpw',
    },
    {
      name: 'HMAC auth puts sha256=<hex> in a configurable header',
      config: { auth_method: 'hmac', hmac_secret: 's', hmac_header: 'X-Hook-Sig' },
      header: 'x-hook-sig',
      expected: /^sha256=[0-9a-f]{64}$/,
    },
    {
      name: 'static headers are sent',
      config: { headers: { 'X-Team': 'growth' } },
      header: 'X-Team',
      expected: 'growth',
    },
  ];
  it.each(cases)('$name', ({ config, header, expected }) => {
    const { requests } = format(config);
    expect(requests).toHaveLength(1);
    const value = requests[0]!.headers[header];
    if (expected instanceof RegExp) expect(value).toMatch(expected);
    else expect(value).toBe(expected);
    expect(JSON.parse(requests[0]!.body!)).toMatchObject({ event_id: 'evt-0001' });
  });

  it('renders a custom template with the seed variables, JSON-escaping strings', () => {
    const template =
      '{"e":"{{event}}","t":"{{type}}","u":"{{user_id}}","a":"{{anonymous_id}}",' +
      '"ts":"{{timestamp}}","url":"{{context.page.url}}","title":"{{context.page.title}}",' +
      '"ip":"{{context.ip}}","ua":"{{context.user_agent}}","cur":"{{properties.currency}}",' +
      '"total":{{properties.total}},"props":{{json properties}} }';
    const { requests } = webhook.format(
      [orderEvent(1, { event: 'He said "hi"\n' })],
      webhook.parseSettings({ url: URL_, payload_format: 'custom', payload_template: template }),
      { testMode: false },
    );
    expect(JSON.parse(requests[0]!.body!)).toEqual({
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
    });
  });

  it('batches events as one JSON array of up to batch_size per request', () => {
    const { requests } = format({ batch_enabled: true, batch_size: 2 }, 5);
    expect(requests.map((r) => r.event_ids.length)).toEqual([2, 2, 1]);
    expect(
      (JSON.parse(requests[0]!.body!) as { event_id: string }[]).map((e) => e.event_id),
    ).toEqual(['evt-0001', 'evt-0002']);
  });

  it('skips an event whose template output is not JSON when batching', () => {
    const { requests, skipped } = webhook.format(
      [orderEvent(1)],
      webhook.parseSettings({
        url: URL_,
        batch_enabled: true,
        payload_format: 'custom',
        payload_template: '{{event}}',
      }),
      { testMode: false },
    );
    expect(requests).toHaveLength(0);
    expect(skipped).toEqual([
      { event_id: 'evt-0001', reason: 'template output is not JSON (required for batching)' },
    ]);
  });
});

describe('webhook config validation', () => {
  const cases = [
    {
      name: 'a template that does not compile is refused with its line',
      config: { url: URL_, payload_format: 'custom', payload_template: '{\n"a": "{{event}"\n}' },
      field: 'payload_template',
      message: /line 2/,
    },
    {
      name: 'an unclosed block is refused',
      config: { url: URL_, payload_format: 'custom', payload_template: '{{#if event}}x' },
      field: 'payload_template',
      message: /does not compile/,
    },
    {
      name: 'custom payload needs a template',
      config: { url: URL_, payload_format: 'custom' },
      field: 'payload_template',
      message: /required/,
    },
    {
      name: 'bearer auth needs a token',
      config: { url: URL_, auth_method: 'bearer' },
      field: 'auth_token',
      message: /required/,
    },
    {
      name: 'hmac auth needs a secret',
      config: { url: URL_, auth_method: 'hmac' },
      field: 'hmac_secret',
      message: /required/,
    },
    { name: 'the URL must be http(s)', config: { url: 'ftp://x' }, field: 'url', message: /http/ },
  ];
  it.each(cases)('$name', ({ config, field, message }) => {
    let error: unknown;
    try {
      webhook.parseSettings(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataflyError);
    expect((error as DataflyError).code).toBe('config_error');
    expect((error as DataflyError).field).toBe(field);
    expect((error as DataflyError).message).toMatch(message);
  });
});

describe('webhook classify', () => {
  const req = {
    method: 'POST' as const,
    url: URL_,
    headers: {},
    body: '[]',
    event_ids: ['a', 'b'],
  };
  const cases = [
    {
      name: '2xx delivers every event',
      status: 200,
      body: '{"ok":true}',
      expected: ['delivered', 'delivered'],
    },
    {
      name: 'a 2xx naming a rejected index fails only that event',
      status: 200,
      body: '{"rejected":[{"index":1,"reason":"bad"}]}',
      expected: ['delivered', 'failed'],
    },
    { name: '429 is retried', status: 429, body: '', expected: ['retry', 'retry'] },
    { name: '408 is retried', status: 408, body: '', expected: ['retry', 'retry'] },
    { name: '5xx is retried', status: 503, body: '', expected: ['retry', 'retry'] },
    {
      name: '401 is a permanent auth failure',
      status: 401,
      body: '',
      expected: ['failed', 'failed'],
    },
    { name: '400 is permanent', status: 400, body: '', expected: ['failed', 'failed'] },
  ];
  it.each(cases)('$name', ({ status, body, expected }) => {
    expect(webhook.classify({ status, headers: {}, body }, req).map((o) => o.status)).toEqual(
      expected,
    );
  });
});
