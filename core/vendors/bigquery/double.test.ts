import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  recorded,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { googleError } from '../spec/google-token-double.js';
import { testAccount, testKeys } from '../google_ads/cases.js';
import { bigqueryDouble, bigqueryResponder } from './double.js';
import { bigquery } from './index.js';

const { respond, issuer } = bigqueryResponder({}, () => 'http://double');
const answer = issuer.handle(
  recorded({
    url: '/token',
    body: 'grant_type=refresh_token&client_id=a&client_secret=b&refresh_token=c',
  }),
  'http://double/token',
);
const token = (
  JSON.parse('body' in answer ? (answer.body ?? '{}') : '{}') as { access_token: string }
).access_token;
const auth = { authorization: `Bearer ${token}` };
const path = '/bigquery/v2/projects/p/datasets/d/tables/t/insertAll';
const row = (json: Record<string, unknown>, insertId = 'e1') => ({ insertId, json });

const cases: DoubleCase[] = [
  {
    name: 'A row matching the schema is accepted without insertErrors.',
    url: path,
    headers: auth,
    body: { rows: [row({ event_id: 'e1', revenue: 1.5, timestamp: '2026-01-01T00:00:00Z' })] },
    expected: { status: 200, bodyIncludes: 'tableDataInsertAllResponse"}' },
  },
  {
    name: 'A request without a bearer is refused.',
    url: path,
    body: { rows: [row({})] },
    expected: { status: 401 },
  },
  {
    name: 'A wrong path is a 404.',
    url: '/bigquery/v2/projects/p/tables/t/insertAll',
    headers: auth,
    body: { rows: [] },
    expected: { status: 404 },
  },
  {
    name: 'An empty rows list is refused.',
    url: path,
    headers: auth,
    body: { rows: [] },
    expected: { status: 400 },
  },
  {
    name: 'A string in a FLOAT column is an insert error at that column.',
    url: path,
    headers: auth,
    body: { rows: [row({ revenue: 'lots' })] },
    expected: { status: 200, bodyIncludes: '"location":"revenue"' },
  },
  {
    name: 'An unknown column is an insert error unless ignoreUnknownValues.',
    url: path,
    headers: auth,
    body: { rows: [row({ nope: 1 })] },
    expected: { status: 200, bodyIncludes: 'no such field' },
  },
  {
    name: 'An unknown column is accepted with ignoreUnknownValues.',
    url: path,
    headers: auth,
    body: { ignoreUnknownValues: true, rows: [row({ nope: 1 })] },
    expected: { status: 200, bodyIncludes: 'tableDataInsertAllResponse"}' },
  },
  {
    name: 'Without skipInvalidRows the good rows are reported stopped.',
    url: path,
    headers: auth,
    body: { rows: [row({ revenue: 'x' }, 'a'), row({ revenue: 1 }, 'b')] },
    expected: { status: 200, bodyIncludes: '"reason":"stopped"' },
  },
  {
    name: 'A bad timestamp is an insert error.',
    url: path,
    headers: auth,
    body: { rows: [row({ timestamp: 'yesterday' })] },
    expected: { status: 200, bodyIncludes: 'timestamp' },
  },
];

runDoubleCases('bigquery', respond, cases);

describe('bigquery through its double', () => {
  let d: Awaited<ReturnType<typeof bigqueryDouble.start>>;
  const settings = () => ({
    project_id: 'my-project',
    dataset_id: 'signal',
    table_id: 'events',
    endpoint_override: d.url,
    service_account_json: testAccount(`${d.url}/token`),
  });
  beforeAll(async () => {
    d = await bigqueryDouble.start({ publicKey: testKeys.publicKey });
  });
  afterAll(() => d.close());

  it('The double stores what format produces for the default events, and a resend with the same insertIds is deduplicated.', async () => {
    const events = [
      fullPurchase(),
      makeEvent({ type: 'page', event_id: 'p1' }),
      makeEvent({
        event: 'Product Added',
        event_id: 'a1',
        properties: { product_id: 7, price: 2 },
      }),
      makeEvent({ event: 'Signed Up', event_id: 's1' }),
    ];
    const r = await deliverThrough(bigquery.definition, settings(), events);
    expect(r.outcomes.map((o) => o.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    await deliverThrough(bigquery.definition, settings(), events);
    expect(d.tables.get('my-project.signal.events')?.map((row) => row.event_name)).toEqual([
      'purchase',
      'page_view',
      'add_to_cart',
      'Signed Up',
    ]);
    expect(d.issuer.issued()).toBe(1);
  });

  it('A row the table refuses fails alone and the good rows land.', async () => {
    const r = await deliverThrough(
      bigquery.definition,
      {
        ...settings(),
        events: {
          purchase: {
            vendor_event: 'purchase',
            match: ['Order Completed'],
            mappings: [{ source: 'properties.revenue', target: 'revenue' }],
          },
        },
      },
      [
        fullPurchase({ event_id: 'bad', properties: { revenue: 'lots' } }),
        makeEvent({ event: 'x', event_id: 'good' }),
      ],
    );
    expect(r.outcomes).toMatchObject([
      { event_id: 'bad', status: 'failed', code: 'vendor_rejected' },
      { event_id: 'good', status: 'delivered' },
    ]);
  });

  it('Injected rate limiting is a throttled retry.', async () => {
    d.once(() =>
      googleError(403, 'PERMISSION_DENIED', 'Exceeded rate limits', {
        reason: 'rateLimitExceeded',
      }),
    );
    const r = await deliverThrough(bigquery.definition, settings(), [
      makeEvent({ event: 'x', event_id: 'z' }),
    ]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_throttled' }]);
  });
});
