/** Splunk HEC golden cases as data (event shape and codes: see index.ts; unverified). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SEC = Date.parse(FIXED_TIME) / 1000;
const NO_CONTEXT = { page: undefined, ip: undefined, user_agent: undefined };

export const cases: VendorCase[] = [
  {
    name: 'Events are one JSON object per line to the deployment’s collector, with the token as Splunk authorization',
    settings: {
      hec_url: 'https://splunk.acme.io:8088/services/collector/event',
      token: 'hec-tok',
      index: 'web',
    },
    input: [
      fullPurchase({ context: NO_CONTEXT, properties: { order_id: 'ORD-1001' } }),
      makeEvent({ event_id: 'e2', event: 'Video Played', context: NO_CONTEXT }),
    ],
    expected: {
      requests: [
        {
          url: 'https://splunk.acme.io:8088/services/collector/event',
          headers: { authorization: 'Splunk hec-tok', 'content-type': 'application/x-ndjson' },
          event_ids: ['ORD-1001', 'e2'],
          body: [
            JSON.stringify({
              time: SEC,
              source: 'datafly-signal',
              sourcetype: '_json',
              index: 'web',
              event: {
                event: 'purchase',
                event_id: 'ORD-1001',
                user_id: 'user-123',
                anonymous_id: 'anon-1',
                properties: { order_id: 'ORD-1001' },
                context: {},
              },
            }),
            JSON.stringify({
              time: SEC,
              source: 'datafly-signal',
              sourcetype: '_json',
              index: 'web',
              event: {
                event: 'Video Played',
                event_id: 'e2',
                anonymous_id: 'anon-1',
                properties: {},
                context: {},
              },
            }),
          ].join('\n'),
        },
      ],
    },
  },
  {
    name: 'An HEC URL that is not https is refused',
    settings: { hec_url: 'http://splunk.acme.io:8088', token: 'hec-tok' },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.hec_url' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A busy server (code 9) is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: { text: 'Server is busy', code: 9 } },
    expected: [{ status: 'retry' }],
  },
  {
    name: 'An invalid token (403, code 4) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { text: 'Invalid token', code: 4 } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 403: Invalid token' }],
  },
  {
    name: 'A 200 with code 0 is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { text: 'Success', code: 0 } },
    expected: [{ status: 'delivered' }],
  },
];
