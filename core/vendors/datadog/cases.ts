/** Datadog golden cases as data (log shape: see index.ts; unverified). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const MS = Date.parse(FIXED_TIME);

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one log named purchase with the user, client and page attributes, sent with the DD-API-KEY header',
    settings: { api_key: 'dd-key', tags: 'env:prod' },
    input: [fullPurchase({ properties: { order_id: 'ORD-1001', revenue: 59.98 } })],
    expected: {
      requests: [
        {
          url: 'https://http-intake.logs.datadoghq.com/api/v2/logs',
          headers: { 'dd-api-key': 'dd-key' },
          event_ids: ['ORD-1001'],
          body: [
            {
              ddsource: 'datafly',
              service: 'datafly-signal',
              ddtags: 'env:prod',
              message: 'purchase',
              event_id: 'ORD-1001',
              timestamp: MS,
              usr: { id: 'user-123' },
              anonymous_id: 'anon-1',
              network: { client: { ip: '203.0.113.7' } },
              http: {
                useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                url: 'https://shop.example.com/checkout/thanks',
              },
              properties: { order_id: 'ORD-1001', revenue: 59.98 },
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Events on the EU site share one request; without tags none are sent',
    settings: { api_key: 'dd-key', site: 'eu1' },
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        context: { ip: undefined, user_agent: undefined, page: undefined },
      }),
      makeEvent({
        event_id: 'e2',
        event: 'Video Paused',
        context: { ip: undefined, user_agent: undefined, page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://http-intake.logs.datadoghq.eu/api/v2/logs',
          event_ids: ['e1', 'e2'],
          body: [
            {
              ddsource: 'datafly',
              service: 'datafly-signal',
              message: 'Video Played',
              event_id: 'e1',
              timestamp: MS,
              anonymous_id: 'anon-1',
              properties: {},
            },
            {
              ddsource: 'datafly',
              service: 'datafly-signal',
              message: 'Video Paused',
              event_id: 'e2',
              timestamp: MS,
              anonymous_id: 'anon-1',
              properties: {},
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong API key (403) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { errors: ['Forbidden'] } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 403: Forbidden' }],
  },
  {
    name: 'An oversized request (413) is final',
    request: { event_ids: ['a'] },
    response: { status: 413, body: { errors: ['Payload too large'] } },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
