import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, startVendorDouble, type VendorDouble } from '../../doubles/index.js';
import { deliverySpec } from '../delivery_spec/index.js';
import {
  deliverThrough,
  FIXED_TIME,
  fullPurchase,
  makeEvent,
  runClassifyCases,
  runVendorCases,
  type ClassifyCase,
  type VendorCase,
} from '../testing/index.js';
import { oauth1Header, tokenUrl } from './auth.js';
import { parseDeliverySpec } from './define.js';
import { compileSpec } from './interpret.js';
import { deliverySpecJsonSchema } from './schema.js';

const T = Math.floor(Date.parse(FIXED_TIME) / 1000);
const BASE = { base_url: 'https://api.example.com', path: '/v1/{{settings.account}}/events' };
const ITEM = {
  fields: {
    name: '{{vendor_event}}',
    id: '{{event.event_id}}',
    at: '{{event.timestamp | to_unix_seconds}}',
    value: '{{event.properties.revenue}}',
  },
};
const config = (spec: Record<string, unknown>, params: Record<string, unknown> = {}) => ({
  account: 'acc1',
  ...params,
  spec: { endpoint: BASE, item: ITEM, ...spec },
});
const purchase = (id = 'o1', over: Parameters<typeof makeEvent>[0] = {}) =>
  makeEvent({ event_id: id, event: 'Order Completed', properties: { revenue: 10 }, ...over });
const item = (id = 'o1') => ({ name: 'Order Completed', id, at: T, value: 10 });
const PAGE = 'https://shop.example.com/checkout/thanks';
/** A single-event request with the item (plus `extra`, where undefined leaves a field out). */
const sent = (id: string, extra: Record<string, unknown> = {}) => ({
  url: 'https://api.example.com/v1/acc1/events',
  body: JSON.parse(JSON.stringify({ ...item(id), ...extra })) as unknown,
  event_ids: [id],
});

const cases: VendorCase[] = [
  {
    name: 'A single-event spec sends one JSON request per event with the item as the body',
    settings: config({}),
    input: [purchase('o1'), purchase('o2')],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { 'content-type': 'application/json' },
          body: item('o1'),
          event_ids: ['o1'],
        },
        { url: 'https://api.example.com/v1/acc1/events', body: item('o2'), event_ids: ['o2'] },
      ],
    },
  },
  {
    name: 'A batch wrapper carries the items, constant fields and settings, and splits by count',
    settings: config({
      body: { wrapper: { data: '{{items}}', partner: 'datafly', account: '{{settings.account}}' } },
      batching: { max_events: 2 },
    }),
    input: [purchase('o1'), purchase('o2'), purchase('o3')],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          body: { data: [item('o1'), item('o2')], partner: 'datafly', account: 'acc1' },
        },
        {
          url: 'https://api.example.com/v1/acc1/events',
          body: { data: [item('o3')], partner: 'datafly', account: 'acc1' },
        },
      ],
    },
  },
  {
    name: 'Test mode adds its query parameters and body fields; a query template with no value is left out',
    settings: config(
      {
        endpoint: {
          ...BASE,
          query: { v: '2', missing: '{{settings.nothing}}' },
          test_mode: { query: { validate: 'true' }, body: { test_code: '{{settings.test_code}}' } },
        },
      },
      { test_code: 'T1', test_mode: true },
    ),
    input: [purchase()],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events?v=2&validate=true',
          body: { ...item(), test_code: 'T1' },
        },
      ],
    },
  },
  {
    name: 'Test mode may use a whole other path',
    settings: config({
      endpoint: { ...BASE, test_mode: { path: '/v1/{{settings.account}}/events/validate' } },
    }),
    ctx: { testMode: true },
    input: [purchase()],
    expected: {
      requests: [{ url: 'https://api.example.com/v1/acc1/events/validate', body: item() }],
    },
  },
  {
    name: 'A regional host is chosen by its setting, and endpoint_override wins over both',
    settings: config(
      {
        endpoint: {
          ...BASE,
          regions: { setting: 'region', hosts: { eu: 'https://eu.example.com' } },
        },
      },
      { region: 'eu' },
    ),
    input: [purchase()],
    expected: { requests: [{ url: 'https://eu.example.com/v1/acc1/events', body: item() }] },
  },
  {
    name: 'Form encoding sends the wrapper fields with nested values as JSON',
    settings: config({
      body: { encoding: 'form', wrapper: { event: '{{item.name}}', data: '{{item}}' } },
    }),
    input: [purchase()],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `event=Order+Completed&data=${encodeURIComponent(JSON.stringify(item())).replace(/%20/g, '+')}`,
        },
      ],
    },
  },
  {
    name: 'NDJSON sends one item per line',
    settings: config({ body: { encoding: 'ndjson' }, batching: { max_events: 10 } }),
    input: [purchase('o1'), purchase('o2')],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { 'content-type': 'application/x-ndjson' },
          body: `${JSON.stringify(item('o1'))}\n${JSON.stringify(item('o2'))}`,
        },
      ],
    },
  },
  {
    name: 'Events with different grouping keys never share a request',
    settings: config({
      body: { wrapper: { client: '{{event.anonymous_id}}', events: '{{items}}' } },
      batching: { max_events: 10, group_by: '{{event.anonymous_id}}' },
    }),
    input: [
      purchase('o1', { anonymous_id: 'a' }),
      purchase('o2', { anonymous_id: 'b' }),
      purchase('o3', { anonymous_id: 'a' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          body: { client: 'a', events: [item('o1'), item('o3')] },
          event_ids: ['o1', 'o3'],
        },
        {
          url: 'https://api.example.com/v1/acc1/events',
          body: { client: 'b', events: [item('o2')] },
          event_ids: ['o2'],
        },
      ],
    },
  },
  {
    name: 'Eligibility skips an event without the identity the vendor needs, with the declared reason',
    settings: config({
      item: {
        fields: {
          ...ITEM.fields,
          email: '{{event.traits.email}}',
          ip: '{{event.context.ip}}',
          ua: '{{event.context.user_agent}}',
        },
      },
      eligibility: {
        any_of: [['email'], ['ip', 'ua']],
        reason: 'needs an email, or IP with user agent',
      },
    }),
    input: [
      purchase('o1', { context: { ip: undefined } }),
      purchase('o2', { context: { ip: undefined }, traits: { email: 'a@b.c' } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          event_ids: ['o2'],
          body: {
            ...item('o2'),
            email: 'a@b.c',
            ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
          },
        },
      ],
      skipped: [{ event_id: 'o1', reason: 'needs an email, or IP with user agent' }],
    },
  },
  {
    name: 'Eligibility rules are checked in order, only for the items their when and unless match, and the first broken one says why',
    settings: config({
      item: {
        fields: {
          ...ITEM.fields,
          source: '{{event.properties.source}}',
          url: '{{event.context.page.url}}',
        },
      },
      eligibility: [
        { when: { source: 'web' }, any_of: [['url']], reason: 'web events need a url' },
        {
          when: { name: ['Order Completed', 'Refund'] },
          unless: { source: 'store' },
          any_of: [['value']],
          reason: 'orders need a value',
        },
      ],
    }),
    input: [
      purchase('o1', { properties: { source: 'web' }, context: { page: { url: '' } } }),
      purchase('o2', {
        properties: { source: 'web' },
        context: { page: { url: 'https://x.test/' } },
      }),
      purchase('o3', { properties: {}, context: { page: { url: '' } } }),
      purchase('o4', { properties: { source: 'store' } }),
      purchase('o5', { properties: { revenue: 10, source: 'web' } }),
    ],
    expected: {
      requests: [
        sent('o4', { value: undefined, source: 'store', url: PAGE }),
        sent('o5', { source: 'web', url: PAGE }),
      ],
      skipped: [
        { event_id: 'o1', reason: 'web events need a url' },
        { event_id: 'o2', reason: 'orders need a value' },
        { event_id: 'o3', reason: 'orders need a value' },
      ],
    },
  },
  {
    name: 'A rule with any_case matches its when values in any letter case',
    settings: config({
      eligibility: {
        when: { name: 'ORDER COMPLETED' },
        any_case: true,
        any_of: [['value']],
        reason: 'orders need a value',
      },
    }),
    input: [purchase('o1', { properties: {} })],
    expected: { requests: [], skipped: [{ event_id: 'o1', reason: 'orders need a value' }] },
  },
  {
    name: 'A time window skips events older or further ahead than it allows by delivery’s clock, and times that are not numbers',
    settings: config({
      item: { fields: { ...ITEM.fields, at_ms: '{{event.properties.at_ms}}' } },
      eligibility: [
        { window: { path: 'at', unit: 's', max_age_days: 2 }, reason: 'too old' },
        { window: { path: 'at_ms', unit: 'ms', max_ahead_s: 60 }, reason: 'ahead' },
      ],
    }),
    ctx: { now: Date.parse(FIXED_TIME) + 2 * 86_400_000 },
    input: [
      purchase('o1'),
      purchase('o2', { timestamp: new Date(Date.parse(FIXED_TIME) - 1000).toISOString() }),
      purchase('o3', {
        properties: { revenue: 10, at_ms: Date.parse(FIXED_TIME) + 2 * 86_400_000 + 60_000 },
      }),
      purchase('o4', {
        properties: { revenue: 10, at_ms: Date.parse(FIXED_TIME) + 2 * 86_400_000 + 60_001 },
      }),
      purchase('o5', { properties: { revenue: 10, at_ms: 'soon' } }),
    ],
    expected: {
      requests: [
        sent('o1'),
        sent('o3', { at_ms: Date.parse(FIXED_TIME) + 2 * 86_400_000 + 60_000 }),
      ],
      skipped: [
        { event_id: 'o2', reason: 'too old' },
        { event_id: 'o4', reason: 'ahead' },
        { event_id: 'o5', reason: 'ahead' },
      ],
    },
  },
  {
    name: 'Without delivery’s clock a time window is not checked',
    settings: config({
      eligibility: { window: { path: 'at', unit: 's', max_age_days: 1 }, reason: 'too old' },
    }),
    input: [purchase('o1', { timestamp: '2001-01-01T00:00:00.000Z' })],
    expected: { requests: [sent('o1', { at: 978_307_200 })] },
  },
  {
    name: 'Static and event-derived headers are sent, lower-cased',
    settings: config({
      headers: {
        static: { 'X-Api-Version': '7' },
        from_event: { 'X-Forwarded-For': '{{event.context.ip}}' },
      },
    }),
    input: [purchase()],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { 'x-api-version': '7', 'x-forwarded-for': '203.0.113.7' },
          body: item(),
        },
      ],
    },
  },
  {
    name: 'Bearer auth puts the token in the named header with its prefix',
    settings: config(
      { auth: { kind: 'bearer', token: '{{settings.token}}', header: 'Access-Token', prefix: '' } },
      { token: 'tok' },
    ),
    input: [purchase()],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { 'access-token': 'tok' },
          body: item(),
        },
      ],
    },
  },
  {
    name: 'Basic auth encodes user and password',
    settings: config(
      {
        auth: {
          kind: 'basic',
          username: '{{settings.username}}',
          password: '{{settings.password}}',
        },
      },
      { username: 'u', password: 'p' },
    ),
    input: [purchase()],
    expected: {
      requests: [
        {
          url: 'https://api.example.com/v1/acc1/events',
          headers: { authorization: 'Basic dTpw' },
          body: item(),
        },
      ],
    },
  },
  {
    name: 'An API key may travel in the query',
    settings: config(
      { auth: { kind: 'api_key', in: 'query', name: 'api_secret', value: '{{settings.api_key}}' } },
      { api_key: 'k1' },
    ),
    input: [purchase()],
    expected: {
      requests: [{ url: 'https://api.example.com/v1/acc1/events?api_secret=k1', body: item() }],
    },
  },
  {
    name: 'An API key may travel in the body',
    settings: config(
      {
        auth: { kind: 'api_key', in: 'body', name: 'access_token', value: '{{settings.api_key}}' },
      },
      { api_key: 'k1' },
    ),
    input: [purchase()],
    expected: {
      requests: [
        { url: 'https://api.example.com/v1/acc1/events', body: { ...item(), access_token: 'k1' } },
      ],
    },
  },
  {
    name: 'A request larger than max_bytes is halved until each part fits',
    settings: config({
      body: { wrapper: { data: '{{items}}' } },
      batching: { max_events: 10, max_bytes: 256 },
    }),
    input: [purchase('o1'), purchase('o2'), purchase('o3'), purchase('o4')],
    expected: {
      requests: [
        { url: 'https://api.example.com/v1/acc1/events', body: { data: [item('o1'), item('o2')] } },
        { url: 'https://api.example.com/v1/acc1/events', body: { data: [item('o3'), item('o4')] } },
      ],
    },
  },
  {
    name: 'A spec whose token URL is not a URL is refused naming the path',
    settings: config({
      auth: {
        kind: 'oauth2_client_credentials',
        token_url: 'nope',
        client_id: 'a',
        client_secret: 'b',
      },
    }),
    input: [],
    expected: { error: { code: 'config_error', field: 'spec.auth.token_url' } },
  },
  {
    name: 'An unknown auth kind is refused naming the path',
    settings: config({ auth: { kind: 'magic' } }),
    input: [],
    expected: { error: { code: 'config_error', field: 'spec.auth.kind' } },
  },
  {
    name: 'An unknown template reference is refused naming where it is',
    settings: config({ item: { fields: { x: '{{secret.x}}' } } }),
    input: [],
    expected: { error: { code: 'config_error', field: 'spec.item.fields.x' } },
  },
  {
    name: 'A path needing a pipeline parameter that was never resolved fails naming the path',
    settings: config({ endpoint: { ...BASE, path: '/v1/{{pipeline_param.account}}' } }),
    input: [purchase()],
    expected: { error: { code: 'config_error', field: 'spec.endpoint.path' } },
  },
];

runVendorCases(deliverySpec, cases);

const specWith = (answer: Record<string, unknown>) =>
  deliverySpec.parseSettings(config({ answer }));
const classifyWith = (answer: Record<string, unknown>) => ({
  ...deliverySpec,
  classify: (
    res: Parameters<typeof deliverySpec.classify>[0],
    req: Parameters<typeof deliverySpec.classify>[1],
  ) => deliverySpec.classify(res, req, specWith(answer)),
});
const three = { event_ids: ['e1', 'e2', 'e3'] };

runClassifyCases(
  classifyWith({
    per_event: {
      path: 'results',
      match: 'index',
      error_field: 'error',
      message_field: 'error.message',
    },
  }),
  [
    {
      name: 'Per-event results by index fail only the events with an error',
      request: three,
      response: { status: 200, body: { results: [{}, { error: { message: 'bad value' } }, {}] } },
      expected: [
        { status: 'delivered' },
        { event_id: 'e2', status: 'failed', code: 'vendor_rejected', reason: 'bad value' },
        { status: 'delivered' },
      ],
    },
    {
      name: 'A 500 is retried as a server error',
      request: three,
      response: { status: 500, body: '' },
      expected: Array(3).fill({ status: 'retry', code: 'vendor_server_error' }),
    },
    {
      name: 'A 429 honours Retry-After',
      request: { event_ids: ['e1'] },
      response: { status: 429, headers: { 'retry-after': '7' }, body: '' },
      expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 7000 }],
    },
    {
      name: 'A 400 names the message from the error body',
      request: { event_ids: ['e1'] },
      response: { status: 400, body: { error: { message: 'missing field' } } },
      expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: missing field' }],
    },
  ] satisfies ClassifyCase[],
);

runClassifyCases(
  classifyWith({
    rows: {
      in: 'rejected',
      list: 'error.details[].violations',
      index: 'field',
      pattern: 'events\\[(\\d+)\\]',
      id: 'event_id',
      reason: '{{row.field}}: {{row.why}}',
      retry_if: { path: 'why', values: ['held back'], reason: 'held back by another event' },
      others: { outcome: 'retry', code: 'upstream_unavailable' },
    },
  }),
  [
    {
      name: 'A 4xx naming events by position and by id fails those, retries the held back and the rest',
      request: { event_ids: ['e1', 'e2', 'e3', 'e4'] },
      response: {
        status: 400,
        body: {
          error: {
            details: [
              { violations: [{ field: 'events[1].value', why: 'bad' }] },
              { violations: [{ event_id: 'e3', why: 'held back' }, { field: 'events[1].x' }] },
            ],
          },
        },
      },
      expected: [
        { event_id: 'e1', status: 'retry', code: 'upstream_unavailable' },
        {
          event_id: 'e2',
          status: 'failed',
          code: 'vendor_rejected',
          reason: 'events[1].value: bad',
        },
        { event_id: 'e3', status: 'retry', reason: 'held back by another event' },
        { event_id: 'e4', status: 'retry', code: 'upstream_unavailable' },
      ],
    },
    {
      name: 'A 4xx naming no event is left to the status rules',
      request: { event_ids: ['e1', 'e2'] },
      response: { status: 400, body: { error: { details: [] } } },
      expected: [
        { status: 'failed', code: 'vendor_rejected' },
        { status: 'failed', code: 'vendor_rejected' },
      ],
    },
    {
      name: 'A 401 is never read for rows',
      request: { event_ids: ['e1'] },
      response: {
        status: 401,
        body: { error: { details: [{ violations: [{ field: 'events[0]' }] }] } },
      },
      expected: [{ status: 'failed', code: 'vendor_auth' }],
    },
  ] satisfies ClassifyCase[],
);

runClassifyCases(
  classifyWith({
    rows: { in: 'success', list: 'message', pattern: 'Row (\\d+): ([^\\n]+)', whole: true },
  }),
  [
    {
      name: 'Lines of a 2xx text naming rows fail those rows with their reasons',
      request: { event_ids: ['e1', 'e2'] },
      response: { status: 200, body: { message: 'Row 1: too old\nRow 7: out of range' } },
      expected: [{ status: 'delivered' }, { status: 'failed', reason: 'too old' }],
    },
    {
      name: 'A problem naming no row fails every event (whole)',
      request: { event_ids: ['e1', 'e2'] },
      response: { status: 200, body: { message: 'request invalid' } },
      expected: [{ status: 'failed', reason: 'HTTP 200: event rejected' }, { status: 'failed' }],
    },
  ] satisfies ClassifyCase[],
);

runClassifyCases(
  classifyWith({
    per_event: {
      path: 'events',
      match: 'id',
      id_field: 'event_id',
      status_field: 'status',
      ok_values: ['ok'],
      message_field: 'reason',
    },
    body_codes: [
      { path: 'code', values: [40100], outcome: 'reauth' },
      { path: 'code', values: [40016], outcome: 'throttle' },
      { path: 'code', values: [50000], outcome: 'retry' },
      { path: 'code', values: [40002], outcome: 'reject' },
    ],
    error_message: ['msg'],
  }),
  [
    {
      name: 'Per-event results by id fail the named event whatever the order',
      request: three,
      response: {
        status: 200,
        body: {
          events: [
            { event_id: 'e3', status: 'ok' },
            { event_id: 'e1', status: 'invalid', reason: 'too old' },
            { event_id: 'e2', status: 'ok' },
          ],
        },
      },
      expected: [
        { event_id: 'e1', status: 'failed', reason: 'too old' },
        { event_id: 'e2', status: 'delivered' },
        { event_id: 'e3', status: 'delivered' },
      ],
    },
    {
      name: 'An in-body code inside a 200 can mean re-authenticate',
      request: { event_ids: ['e1'] },
      response: { status: 200, body: { code: 40100, msg: 'token expired' } },
      expected: [{ status: 'failed', code: 'vendor_auth', reason: 'code 40100: token expired' }],
    },
    {
      name: 'An in-body throttle code is retried as throttled with Retry-After',
      request: { event_ids: ['e1'] },
      response: { status: 200, headers: { 'retry-after': '3' }, body: { code: 40016 } },
      expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 3000 }],
    },
    {
      name: 'An in-body server code is retried',
      request: { event_ids: ['e1'] },
      response: { status: 200, body: { code: 50000 } },
      expected: [{ status: 'retry', code: 'vendor_server_error' }],
    },
    {
      name: 'An in-body rejection code fails every event of the request',
      request: { event_ids: ['e1', 'e2'] },
      response: { status: 200, body: { code: 40002, msg: 'bad' } },
      expected: [
        { status: 'failed', code: 'vendor_rejected' },
        { status: 'failed', code: 'vendor_rejected' },
      ],
    },
  ],
);

describe('request signing', () => {
  it('HMAC signs the exact body with the named algorithm, encoding, header and prefix', () => {
    const s = deliverySpec.parseSettings(
      config(
        {
          auth: {
            kind: 'hmac',
            secret: '{{settings.hmac_secret}}',
            algorithm: 'sha512',
            encoding: 'base64',
            header: 'X-Sig',
            prefix: 'v1=',
          },
        },
        { hmac_secret: 'sek' },
      ),
    );
    const [req] = deliverySpec.format([purchase()], s, { testMode: false }).requests;
    expect(req!.headers['x-sig']).toBe(
      `v1=${createHmac('sha512', 'sek').update(req!.body!).digest('base64')}`,
    );
  });

  it('OAuth 1.0a HMAC-SHA1 reproduces the signature of the published X (Twitter) example', () => {
    const url = new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true');
    url.searchParams.set('status', 'Hello Ladies + Gentlemen, a signed OAuth request!');
    const header = oauth1Header(
      { method: 'POST', url },
      {
        consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
        consumer_secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
        token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
        token_secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      },
      1318622958,
      'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    );
    expect(header).toContain('oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"');
  });

  it('an OAuth 1.0a spec signs each request with the delivery clock', () => {
    const s = deliverySpec.parseSettings(
      config(
        {
          auth: {
            kind: 'oauth1',
            consumer_key: '{{settings.consumer_key}}',
            consumer_secret: '{{settings.consumer_secret}}',
            token: '{{settings.token}}',
            token_secret: '{{settings.token_secret}}',
          },
        },
        { consumer_key: 'ck', consumer_secret: 'cs', token: 't', token_secret: 'ts' },
      ),
    );
    const [req] = deliverySpec.format([purchase()], s, {
      testMode: false,
      now: 1_700_000_000_000,
    }).requests;
    const params = [
      'oauth_consumer_key="ck"',
      'oauth_nonce="[0-9a-f]{32}"',
      'oauth_signature_method="HMAC-SHA1"',
      'oauth_timestamp="1700000000"',
      'oauth_token="t"',
      'oauth_version="1\\.0"',
      'oauth_signature="[^"]+"',
    ];
    expect(req!.headers.authorization).toMatch(new RegExp(`^OAuth ${params.join(', ')}$`));
  });
});

describe('OAuth 2.0 token auth', () => {
  let double: VendorDouble;
  beforeAll(async () => {
    double = await startVendorDouble({
      respond: (req) => {
        if (req.path === '/token') {
          const form = new URLSearchParams(req.body);
          if (form.get('client_secret') !== 'cs' && req.headers.authorization !== 'Basic Y2lkOmNz')
            return {
              status: 401,
              headers: { 'content-type': 'application/json' },
              body: '{"error":"invalid_client"}',
            };
          return answers.ok({ access_token: `at-${form.get('grant_type')}`, expires_in: 60 })(req);
        }
        return req.headers.authorization?.startsWith('Bearer at-')
          ? { status: 200, headers: {}, body: '{}' }
          : { status: 401, headers: {}, body: '{"message":"no token"}' };
      },
    });
  });
  afterAll(() => double.close());

  const oauth = (auth: Record<string, unknown>, params: Record<string, unknown> = {}) => ({
    ...config(
      {
        auth: {
          client_id: '{{settings.client_id}}',
          client_secret: '{{settings.client_secret}}',
          token_url: `${double.url}/token`,
          ...auth,
        },
      },
      { client_id: 'cid', client_secret: 'cs', ...params },
    ),
    endpoint_override: double.url,
  });

  it('client credentials fetch a token that the requests carry as Bearer', async () => {
    const r = await deliverThrough(
      deliverySpec,
      oauth({ kind: 'oauth2_client_credentials', scope: 'events' }),
      [fullPurchase()],
    );
    expect(r.requests[0]!.headers.authorization).toBe('Bearer at-client_credentials');
    expect(r.outcomes).toMatchObject([{ status: 'delivered' }]);
    expect(
      new URLSearchParams(double.requests.find((q) => q.path === '/token')!.body).get('scope'),
    ).toBe('events');
  });

  it('client credentials may be sent as HTTP Basic', async () => {
    const r = await deliverThrough(
      deliverySpec,
      oauth({ kind: 'oauth2_client_credentials', client_auth: 'basic' }),
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([{ status: 'delivered' }]);
  });

  it('a refresh token is exchanged for an access token', async () => {
    const r = await deliverThrough(
      deliverySpec,
      oauth(
        { kind: 'oauth2_refresh_token', refresh_token: '{{settings.refresh_token}}' },
        { refresh_token: 'rt' },
      ),
      [fullPurchase()],
    );
    expect(r.requests[0]!.headers.authorization).toBe('Bearer at-refresh_token');
  });

  it('a refused token request is an auth failure naming only the OAuth error', async () => {
    const s = deliverySpec.parseSettings(
      oauth({ kind: 'oauth2_client_credentials' }, { client_secret: 'wrong-secret' }),
    );
    await expect(deliverySpec.authorize!(s, fetch)).rejects.toMatchObject({
      code: 'vendor_auth',
      message: 'token request refused: invalid_client',
    });
  });
});

describe('JSON Schema', () => {
  it('exports the spec for editors with every top-level part', () => {
    const schema = deliverySpecJsonSchema() as {
      properties: Record<string, unknown>;
      required?: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'endpoint',
        'method',
        'auth',
        'body',
        'item',
        'headers',
        'eligibility',
        'batching',
        'rate_limit_rps',
        'answer',
      ]),
    );
    expect(schema.required).toEqual(['endpoint']);
    expect(JSON.stringify(schema)).toContain('oauth2_client_credentials');
    const eligibility = JSON.stringify(schema.properties.eligibility);
    for (const key of [
      'when',
      'unless',
      'any_case',
      'any_of',
      'window',
      'max_age_days',
      'max_ahead_s',
    ])
      expect(eligibility).toContain(`"${key}"`);
  });
});

describe('answer.retry_rejected_batch_one_by_one', () => {
  const batched = (oneByOne: boolean) =>
    deliverySpec.parseSettings(
      config({
        body: { wrapper: { data: '{{items}}' } },
        batching: { max_events: 10 },
        answer: { retry_rejected_batch_one_by_one: oneByOne },
      }),
    );
  const events = [purchase('a'), purchase('b'), purchase('c')];
  const refused = { status: 400, headers: {}, body: '{"message":"invalid value"}' };

  it('A refused batch is retried, and its events then go one per request until each has its own answer.', () => {
    const s = batched(true);
    const [first] = deliverySpec.format(events, s, { testMode: false }).requests;
    expect(first?.event_ids).toEqual(['a', 'b', 'c']);
    const outcomes = deliverySpec.classify(refused, first!, s);
    expect(outcomes).toMatchObject(
      ['a', 'b', 'c'].map((event_id) => ({ event_id, status: 'retry', code: 'vendor_rejected' })),
    );
    expect(outcomes[0]).toMatchObject({
      reason: expect.stringContaining('HTTP 400: invalid value'),
    });
    const again = deliverySpec.format([...events, purchase('d')], s, { testMode: false }).requests;
    expect(again.map((r) => r.event_ids)).toEqual([['a'], ['b'], ['c'], ['d']]);
    // Alone, a refusal is final.
    const alone = again.find((r) => r.event_ids[0] === 'b')!;
    expect(deliverySpec.classify(refused, alone, s)).toMatchObject([
      { event_id: 'b', status: 'failed', code: 'vendor_rejected' },
    ]);
    // Each mark is used once: the same events batch together again afterwards.
    expect(
      deliverySpec.format(events, s, { testMode: false }).requests.map((r) => r.event_ids),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('Without the switch a refused batch fails every event; auth refusals and throttling are never split.', () => {
    const off = batched(false);
    const [req] = deliverySpec.format(events, off, { testMode: false }).requests;
    expect(deliverySpec.classify(refused, req!, off).map((o) => o.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    const on = batched(true);
    expect(deliverySpec.classify({ status: 401, headers: {}, body: '' }, req!, on)).toMatchObject([
      { status: 'failed', code: 'vendor_auth' },
      {},
      {},
    ]);
    expect(deliverySpec.classify({ status: 429, headers: {}, body: '' }, req!, on)).toMatchObject([
      { status: 'retry', code: 'vendor_throttled' },
      {},
      {},
    ]);
    expect(deliverySpec.format(events, on, { testMode: false }).requests).toHaveLength(1);
  });
});

describe('auth first_of', () => {
  const auth = {
    kind: 'first_of',
    options: [
      {
        when: ['api_key'],
        auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key', value: '{{settings.api_key}}' },
      },
      {
        when: ['username', 'password'],
        auth: {
          kind: 'basic',
          username: '{{settings.username}}',
          password: '{{settings.password}}',
        },
      },
    ],
  };
  const headersWith = (params: Record<string, unknown>) =>
    deliverySpec.format([purchase()], deliverySpec.parseSettings(config({ auth }, params)), {
      testMode: false,
    }).requests[0]!.headers;

  it('The first option whose settings are all set is used.', () => {
    expect(headersWith({ api_key: 'k1', username: 'u', password: 'p' })).toMatchObject({
      'x-api-key': 'k1',
    });
    const basic = headersWith({ username: 'u', password: 'p' });
    expect(basic).toMatchObject({
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(basic['x-api-key']).toBeUndefined();
  });

  it('An option inside first_of is checked on save, naming its path.', () => {
    expect(() =>
      deliverySpec.parseSettings(
        config(
          { auth: { kind: 'first_of', options: [{ when: ['token'], auth: { kind: 'bearer' } }] } },
          { token: 't' },
        ),
      ),
    ).toThrow(
      expect.objectContaining({ code: 'config_error', field: 'spec.auth.options[0].auth.token' }),
    );
  });
});

describe('token endpoint under an endpoint override', () => {
  it('keeps the declared token URL without an override and moves its path under one', () => {
    expect(tokenUrl('https://api.amazon.com/auth/o2/token', undefined)).toBe(
      'https://api.amazon.com/auth/o2/token',
    );
    expect(tokenUrl('https://api.amazon.com/auth/o2/token', '')).toBe(
      'https://api.amazon.com/auth/o2/token',
    );
    expect(
      tokenUrl('https://api.amazon.com/auth/o2/token', 'http://127.0.0.1:9/vendors/amazon_ads/'),
    ).toBe('http://127.0.0.1:9/vendors/amazon_ads/auth/o2/token');
  });
});

describe('parts chosen by the integration’s settings', () => {
  const URL_ = 'https://Hooks.Example.com/in/?k=1';
  const spec = {
    endpoint: { ...BASE, base_url_template: '{{settings.url}}', path: '', verbatim: true },
    method_setting: 'method',
    auth: {
      kind: 'by_setting',
      setting: 'auth_method',
      options: {
        none: { kind: 'none' },
        bearer: { kind: 'bearer', token: '{{settings.token}}' },
        hmac: {
          kind: 'hmac',
          secret: '{{settings.hmac_secret}}',
          header: '{{settings.sig_header}}',
          prefix: 'sha256=',
        },
      },
    },
    headers: { static: { 'user-agent': 'me/1' }, from_setting: 'headers' },
    batching: {
      max_events: 50,
      max_bytes: 300,
      enabled_by: 'batch_enabled',
      size_setting: 'batch_size',
      size_default: 3,
      split: 'fill',
    },
    answer: { throttle_statuses: [408] },
  };
  const settings = (params: Record<string, unknown>) =>
    deliverySpec.parseSettings(config(spec, { url: URL_, auth_method: 'none', ...params }));
  const format = (params: Record<string, unknown>, n = 1) =>
    deliverySpec.format(
      Array.from({ length: n }, (_, i) => purchase(`o${i + 1}`)),
      settings(params),
      { testMode: false },
    ).requests;

  it('The URL setting is sent exactly as given; the method is a setting’s value', () => {
    const [req] = format({ method: 'PUT' });
    expect([req!.method, req!.url]).toEqual(['PUT', URL_]);
    expect(format({})[0]!.method).toBe('POST');
  });

  it('A settings object adds headers as given, after the static ones, before auth', () => {
    const [req] = format({
      auth_method: 'bearer',
      token: 't1',
      headers: { 'X-Team': 'growth', 'user-agent': 'theirs', authorization: 'x' },
    });
    expect(req!.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'theirs',
      'X-Team': 'growth',
      authorization: 'Bearer t1',
    });
  });

  it('A select setting picks the auth; the HMAC header’s name is a template', () => {
    const [req] = format({ auth_method: 'hmac', hmac_secret: 'k', sig_header: 'X-Hook-Sig' });
    expect(req!.headers['x-hook-sig']).toBe(
      `sha256=${createHmac('sha256', 'k').update(req!.body!).digest('hex')}`,
    );
    expect(format({})[0]!.headers.authorization).toBeUndefined();
  });

  it.each([
    [{ auth_method: 'bearer' }, 'parameters.token', 'token is required when auth_method is bearer'],
    [
      { auth_method: 'oauth' },
      'parameters.auth_method',
      'auth_method must be one of none, bearer, hmac',
    ],
    [{ method: 'GET' }, 'parameters.method', 'method must be one of POST, PUT, PATCH'],
    [{ batch_size: 51 }, 'parameters.batch_size', 'batch_size must be a whole number from 1 to 50'],
  ])(
    'Settings the spec cannot work with are refused naming them (%j)',
    (params, field, message) => {
      expect(() => settings(params)).toThrow(
        expect.objectContaining({ code: 'config_error', field, message }),
      );
    },
  );

  it('A boolean setting switches batching (array body), a number setting sizes it', () => {
    expect(format({}, 2).map((r) => JSON.parse(r.body!) as unknown)).toEqual([
      item('o1'),
      item('o2'),
    ]);
    expect(format({ batch_enabled: true }, 4).map((r) => r.event_ids)).toEqual([
      ['o1', 'o2', 'o3'],
      ['o4'],
    ]);
    const two = format({ batch_enabled: true, batch_size: 2 }, 3);
    expect(two.map((r) => r.event_ids)).toEqual([['o1', 'o2'], ['o3']]);
    expect(JSON.parse(two[0]!.body!)).toEqual([item('o1'), item('o2')]);
    expect(
      deliverySpec.limits(settings({ batch_enabled: true, batch_size: 2 })).maxBatchEvents,
    ).toBe(2);
    expect(deliverySpec.limits(settings({})).maxBatchEvents).toBe(1);
  });

  it('split: fill puts as many events in each request as fit, in order', () => {
    // Four items make 257 bytes, five 321: halving six would have sent 3 + 3.
    const reqs = format({ batch_enabled: true, batch_size: 6 }, 6);
    expect(reqs.map((r) => r.event_ids)).toEqual([
      ['o1', 'o2', 'o3', 'o4'],
      ['o5', 'o6'],
    ]);
    for (const r of reqs) expect(Buffer.byteLength(r.body!)).toBeLessThanOrEqual(300);
  });

  it('throttle_statuses answer as throttling, with the wait from Retry-After', () => {
    const [req] = format({});
    expect(
      deliverySpec.classify(
        { status: 408, headers: { 'retry-after': '4' }, body: '' },
        req!,
        settings({}),
      ),
    ).toEqual([
      {
        event_id: 'o1',
        status: 'retry',
        code: 'vendor_throttled',
        reason: 'HTTP 408',
        retryAfterMs: 4000,
      },
    ]);
    // retry_after_clock: delivery leaves the wait to delivery, which reads the header by its clock.
    const byDelivery = deliverySpec.parseSettings(
      config(
        { ...spec, answer: { throttle_statuses: [408], retry_after_clock: 'delivery' } },
        {
          url: URL_,
          auth_method: 'none',
        },
      ),
    );
    expect(
      deliverySpec.classify(
        { status: 429, headers: { 'retry-after': '4' }, body: '' },
        req!,
        byDelivery,
      ),
    ).toEqual([{ event_id: 'o1', status: 'retry', code: 'vendor_throttled', reason: 'HTTP 429' }]);
  });

  it('exports these parts in the JSON Schema', () => {
    const schema = JSON.stringify(deliverySpecJsonSchema());
    for (const key of [
      'method_setting',
      'from_setting',
      'by_setting',
      'enabled_by',
      'size_setting',
      'split',
      'verbatim',
      'throttle_statuses',
      'retry_after_clock',
    ])
      expect(schema).toContain(`"${key}"`);
  });
});

describe('a body hook’s text', () => {
  it('is sent as it is (not JSON) and is what an HMAC signs', () => {
    const compiled = compileSpec(
      parseDeliverySpec({
        endpoint: BASE,
        item: ITEM,
        auth: { kind: 'hmac', secret: 'k', header: 'x-sig' },
      }),
      { hooks: { body: (_body, items) => `order ${String(items[0]!.id)}` } },
    );
    const s = deliverySpec.parseSettings(config({}));
    const [req] = compiled.format([purchase('o9')], s, { testMode: false }).requests;
    expect(req!.body).toBe('order o9');
    expect(req!.headers['x-sig']).toBe(createHmac('sha256', 'k').update('order o9').digest('hex'));
  });
});
