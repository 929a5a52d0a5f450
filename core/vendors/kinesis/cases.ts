/** Kinesis Data Streams golden cases as data (PutRecords: ./index.ts; rows: ../s3/objects.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';

const SETTINGS = {
  region: 'eu-central-1',
  stream_name: 'web-events',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
};
const p = fullPurchase();
/** A row as ../s3/objects.ts writes it, base64 of its JSON. */
const b64 = (row: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(row)).toString('base64');
const purchaseRow = expectedRow(p, 'purchase');

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one record on the stream: the base64 of its full row, partitioned by the user id, with the PutRecords target',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          url: 'https://kinesis.eu-central-1.amazonaws.com/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'Kinesis_20131202.PutRecords',
          },
          event_ids: ['ORD-1001'],
          body: {
            StreamName: 'web-events',
            Records: [{ Data: b64(purchaseRow), PartitionKey: 'user-123' }],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous visitor’s page view is keyed by the anonymous id, in the same request as the purchase',
    settings: SETTINGS,
    input: [p, makeEvent({ event_id: 'pv-1', type: 'page', event: 'page_view' })],
    expected: {
      requests: [
        {
          url: 'https://kinesis.eu-central-1.amazonaws.com/',
          event_ids: ['ORD-1001', 'pv-1'],
          body: {
            StreamName: 'web-events',
            Records: [
              { Data: b64(purchaseRow), PartitionKey: 'user-123' },
              {
                Data: b64(
                  expectedRow(
                    makeEvent({ event_id: 'pv-1', type: 'page', event: 'page_view' }),
                    'page_view',
                  ),
                ),
                PartitionKey: 'anon-1',
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 200 naming one throttled record delivers the other and retries the throttled one',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 200,
      body: {
        FailedRecordCount: 1,
        Records: [
          { SequenceNumber: '4959', ShardId: 'shardId-000000000000' },
          {
            ErrorCode: 'ProvisionedThroughputExceededException',
            ErrorMessage: 'Rate exceeded for shard shardId-000000000000',
          },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      {
        event_id: 'b',
        status: 'retry',
        code: 'vendor_throttled',
        reason:
          'AWS ProvisionedThroughputExceededException: Rate exceeded for shard shardId-000000000000',
      },
    ],
  },
  {
    name: 'A 400 ResourceNotFoundException fails the events quoting it',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: {
        __type: 'ResourceNotFoundException',
        message: 'Stream web-events under account 123456789012 not found.',
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason:
          'AWS ResourceNotFoundException: Stream web-events under account 123456789012 not found.',
      },
    ],
  },
  {
    name: 'A 400 LimitExceededException is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { __type: 'LimitExceededException', message: 'Rate exceeded' } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
