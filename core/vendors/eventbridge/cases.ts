/** EventBridge golden cases as data (PutEvents: ./index.ts; rows: ../s3/objects.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';

const SETTINGS = { region: 'eu-west-1', access_key_id: 'AKIDEXAMPLE', secret_access_key: 'secret' };
const p = fullPurchase();
const row = expectedRow(p, 'purchase');

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one entry on the default bus from datafly.signal, its detail type the event name and its detail the full row',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          url: 'https://events.eu-west-1.amazonaws.com/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSEvents.PutEvents',
          },
          event_ids: ['ORD-1001'],
          body: {
            Entries: [
              {
                Source: 'datafly.signal',
                DetailType: 'purchase',
                Detail: JSON.stringify(row),
                EventBusName: 'default',
                Time: Date.parse(p.timestamp) / 1000,
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Eleven events make two requests (ten entries at most), on the bus and source configured',
    settings: { ...SETTINGS, event_bus_name: 'analytics', source: 'acme.web' },
    input: Array.from({ length: 11 }, (_, i) => makeEvent({ event_id: `e${i}` })),
    expected: {
      requests: [0, 1].map((r) => ({
        url: 'https://events.eu-west-1.amazonaws.com/',
        event_ids: Array.from({ length: r === 0 ? 10 : 1 }, (_, i) => `e${r * 10 + i}`),
        body: {
          Entries: Array.from({ length: r === 0 ? 10 : 1 }, (_, i) => {
            const e = makeEvent({ event_id: `e${r * 10 + i}` });
            const detail = JSON.stringify(expectedRow(e, 'Test Event'));
            return {
              Source: 'acme.web',
              DetailType: 'Test Event',
              Detail: detail,
              EventBusName: 'analytics',
              Time: Date.parse(e.timestamp) / 1000,
            };
          }),
        },
      })),
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 200 naming one malformed entry fails it and delivers the others',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 200,
      body: {
        FailedEntryCount: 1,
        Entries: [
          { EventId: '11710aed' },
          { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      {
        event_id: 'b',
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'AWS MalformedDetail: Detail is malformed.',
      },
    ],
  },
];
