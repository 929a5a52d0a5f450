/** BigQuery golden cases. */
import { fullPurchase, makeEvent, type ClassifyCase, type VendorCase } from '../testing/index.js';
import { testAccount } from '../google_ads/cases.js';

const settings = {
  project_id: 'my-project',
  dataset_id: 'signal',
  table_id: 'events',
  service_account_json: testAccount(),
};
const URL =
  'https://bigquery.googleapis.com/bigquery/v2/projects/my-project/datasets/signal/tables/events/insertAll';
const T = '2026-01-01T12:00:00.000Z';
// Key order as the envelope schema emits it.
const ctxJson = JSON.stringify({
  page: {
    url: 'https://shop.example.com/checkout/thanks',
    path: '/checkout/thanks',
    title: 'Thanks',
    referrer: 'https://shop.example.com/cart',
  },
  ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
});
const core = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  insertId: id,
  json: {
    event_name: name,
    event_id: id,
    type: 'track',
    anonymous_id: 'anon-1',
    timestamp: T,
    received_at: T,
    pipeline_id: 'pl_1',
    page_url: 'https://shop.example.com/checkout/thanks',
    properties: '{}',
    traits: '{}',
    context: ctxJson,
    ...extra,
  },
});

export const bigqueryCases: VendorCase[] = [
  {
    name: 'A purchase becomes one row keyed by its event id with typed revenue, currency and order id.',
    settings,
    ctx: { accessToken: 'ya29.t' },
    input: [fullPurchase({ traits: {}, user_id: undefined, context: {} })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer ya29.t' },
          body: {
            skipInvalidRows: true,
            ignoreUnknownValues: false,
            rows: [
              core('ORD-1001', 'purchase', {
                properties: JSON.stringify({
                  order_id: 'ORD-1001',
                  revenue: 59.98,
                  currency: 'USD',
                  products: [
                    {
                      product_id: 'SKU-1',
                      name: 'Tee',
                      price: 29.99,
                      quantity: 2,
                      brand: 'Acme',
                      category: 'Apparel',
                    },
                  ],
                }),
                order_id: 'ORD-1001',
                revenue: 59.98,
                currency: 'USD',
              }),
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Unmapped events pass through under their own names and share one request with the page view.',
    settings,
    input: [
      makeEvent({ event: 'Video Played', event_id: 'v1' }),
      makeEvent({ type: 'page', event_id: 'p1' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            skipInvalidRows: true,
            ignoreUnknownValues: false,
            rows: [
              core('v1', 'Video Played'),
              core('p1', 'page_view', { type: 'page', page_title: 'Thanks' }),
            ],
          },
          event_ids: ['v1', 'p1'],
        },
      ],
    },
  },
  {
    name: 'Test mode writes to the _test table through templateSuffix.',
    settings: { ...settings, test_mode: true },
    input: [
      makeEvent({
        event: 'Lead Generated',
        event_id: 'l1',
        properties: { value: '3', currency: 'gbp' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            skipInvalidRows: true,
            ignoreUnknownValues: false,
            templateSuffix: '_test',
            rows: [
              core('l1', 'lead', {
                properties: '{"value":"3","currency":"gbp"}',
                value: 3,
                currency: 'GBP',
              }),
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Six hundred events are split into requests of 500 and 100 rows.',
    settings: { ...settings, global: [{ source: 'event_id', target: 'event_id' }] },
    input: Array.from({ length: 600 }, (_, i) => makeEvent({ event: 'tick', event_id: `t${i}` })),
    expected: {
      requests: [
        {
          url: URL,
          body: {
            skipInvalidRows: true,
            ignoreUnknownValues: false,
            rows: Array.from({ length: 500 }, (_, i) => ({
              insertId: `t${i}`,
              json: { event_name: 'tick', event_id: `t${i}` },
            })),
          },
        },
        {
          url: URL,
          body: {
            skipInvalidRows: true,
            ignoreUnknownValues: false,
            rows: Array.from({ length: 100 }, (_, i) => ({
              insertId: `t${i + 500}`,
              json: { event_name: 'tick', event_id: `t${i + 500}` },
            })),
          },
        },
      ],
    },
  },
  {
    name: 'A dataset id with a dot is a config error.',
    settings: { ...settings, dataset_id: 'a.b' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.dataset_id' } },
  },
  {
    name: 'A missing service account is a config error.',
    settings: { ...settings, service_account_json: undefined },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.service_account_json' } },
  },
];

export const bigqueryClassifyCases: ClassifyCase[] = [
  {
    name: 'A 200 without insertErrors delivers every row.',
    request: { event_ids: ['a', 'b'] },
    response: { status: 200, body: { kind: 'bigquery#tableDataInsertAllResponse' } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'insertErrors fail the named row, stopped rows are retried and the rest are delivered.',
    request: { event_ids: ['a', 'b', 'c'] },
    response: {
      status: 200,
      body: {
        insertErrors: [
          { index: 0, errors: [{ reason: 'stopped' }] },
          {
            index: 1,
            errors: [
              {
                reason: 'invalid',
                location: 'revenue',
                message: 'Cannot convert value to floating point.',
              },
            ],
          },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'retry', code: 'vendor_server_error' },
      {
        event_id: 'b',
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'invalid at revenue: Cannot convert value to floating point.',
      },
      { event_id: 'c', status: 'delivered' },
    ],
  },
  {
    name: 'A 403 rateLimitExceeded is throttling, not an auth failure.',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { error: { errors: [{ reason: 'rateLimitExceeded' }] } } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
  {
    name: 'A 403 quotaExceeded waits ten minutes.',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { error: { errors: [{ reason: 'quotaExceeded' }] } } },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 600000 }],
  },
  {
    name: 'A 403 accessDenied is an auth failure.',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { error: { errors: [{ reason: 'accessDenied' }] } } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 404 for a missing table is permanent.',
    request: { event_ids: ['a'] },
    response: { status: 404, body: { error: { errors: [{ reason: 'notFound' }] } } },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
  {
    name: 'A 503 backendError is retried.',
    request: { event_ids: ['a'] },
    response: { status: 503, body: { error: { errors: [{ reason: 'backendError' }] } } },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
];
