/** EventBridge golden cases as data (PutEvents: ./index.ts; rows: ../s3/objects.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { region: 'eu-west-1', access_key_id: 'AKIDEXAMPLE', secret_access_key: 'secret' };
const p = fullPurchase();
const row = { event_id: p.event_id, event_name: 'purchase', event: p.event, type: p.type, timestamp: p.timestamp, received_at: p.received_at, anonymous_id: p.anonymous_id, user_id: p.user_id, properties: p.properties, traits: p.traits, context: p.context, source: p.source };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one entry on the default bus from datafly.signal, its detail type the event name and its detail the full row',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          url: 'https://events.eu-west-1.amazonaws.com/',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
          event_ids: ['ORD-1001'],
          body: { Entries: [{ Source: 'datafly.signal', DetailType: 'purchase', Detail: JSON.stringify(row), EventBusName: 'default', Time: Date.parse(p.timestamp) / 1000 }] },
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
            const detail = { event_id: e.event_id, event_name: 'Test Event', event: 'Test Event', type: 'track', timestamp: e.timestamp, received_at: e.received_at, anonymous_id: 'anon-1', properties: {}, traits: {}, context: e.context, source: e.source };
            return { Source: 'acme.web', DetailType: 'Test Event', Detail: JSON.stringify(detail), EventBusName: 'analytics', Time: Date.parse(e.timestamp) / 1000 };
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
    response: { status: 200, body: { FailedEntryCount: 1, Entries: [{ EventId: '11710aed' }, { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }] } },
    expected: [
      { event_id: 'a', status: 'delivered' },
      { event_id: 'b', status: 'failed', code: 'vendor_rejected', reason: 'AWS MalformedDetail: Detail is malformed.' },
    ],
  },
];
