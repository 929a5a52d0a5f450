/** Data Firehose golden cases as data (PutRecordBatch: ./index.ts; rows: ../s3/objects.ts). */
import { fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';

const SETTINGS = {
  region: 'us-west-2',
  delivery_stream_name: 'events-to-s3',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
};
const p = fullPurchase();
const row = expectedRow(p, 'purchase');

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one record: the base64 of its full row and a newline, with the PutRecordBatch target',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          url: 'https://firehose.us-west-2.amazonaws.com/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'Firehose_20150804.PutRecordBatch',
          },
          event_ids: ['ORD-1001'],
          body: {
            DeliveryStreamName: 'events-to-s3',
            Records: [{ Data: Buffer.from(`${JSON.stringify(row)}\n`).toString('base64') }],
          },
        },
      ],
    },
  },
  {
    name: 'A stream name with a space is refused naming the setting',
    settings: { ...SETTINGS, delivery_stream_name: 'events to s3' },
    input: [p],
    expected: { error: { code: 'config_error' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 200 with one ServiceUnavailableException record retries that record only',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 200,
      body: {
        FailedPutCount: 1,
        RequestResponses: [
          { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
          { RecordId: 'r2' },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'retry', code: 'vendor_throttled' },
      { event_id: 'b', status: 'delivered' },
    ],
  },
];
