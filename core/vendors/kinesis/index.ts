/**
 * Amazon Kinesis Data Streams, declared only: `PutRecords` (AWS JSON 1.1, `X-Amz-Target:
 * Kinesis_20131202.PutRecords`, SigV4 service `kinesis`) with `{ StreamName, Records: [{ Data, PartitionKey }] }`,
 * `Data` the base64 of the event's full-envelope row, at most 500 records and 5 MB per request;
 * the answer lists each record's result in order (`SequenceNumber`, or `ErrorCode` such as
 * `ProvisionedThroughputExceededException`, retried). Facts: AWS's Kinesis API reference;
 * docs/vendors/more-vendors-and-catalog.md §18 (evidence R, S, P). Shared AWS JSON handling: ./aws-json.ts.
 */
import { declareVendor } from '../spec/declared.js';
import { ROW_FIELDS, ROW_MAPPING, TEST_KEYS } from '../s3/objects.js';
import {
  AWS_SETTINGS,
  awsJsonClassify,
  awsJsonSpec,
  blobCheck,
  blobOf,
  partitionKeyOf,
} from './aws-json.js';

/** What the registry holds for Kinesis Data Streams. */
export const kinesis = declareVendor(
  {
    id: 'kinesis',
    name: 'Amazon Kinesis Data Streams',
    category: 'cloud_storage',
    description:
      'Every event as a JSON record on your Kinesis data stream, keyed by the person so their events stay in order.',
    api: 'Kinesis PutRecords (AWS JSON 1.1, SigV4)',
    docs: 'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html',
    status: 'ga',
    keywords: ['aws', 'kinesis', 'stream', 'streaming', 'real-time', 'records'],
    logo: { pack: 'logos', name: 'aws-kinesis' },
    test_settings: { region: 'us-east-1', stream_name: 'datafly-events-test', ...TEST_KEYS },
    settings: [
      ...AWS_SETTINGS,
      {
        key: 'stream_name',
        label: 'Stream name',
        type: 'string',
        pattern: {
          regex: '^[a-zA-Z0-9_.-]{1,128}$',
          message: 'a stream name (letters, digits, _ . -)',
        },
        help: 'The data stream the records go to (kinesis:PutRecords on it).',
      },
    ],
    spec: {
      ...awsJsonSpec({
        service: 'kinesis',
        target: 'Kinesis_20131202.PutRecords',
        wrapper: { StreamName: '{{settings.stream_name}}', Records: '{{items}}' },
        resultsPath: 'Records',
        maxEvents: 500,
        maxBytes: 4_500_000,
      }),
      item: { fields: ROW_FIELDS },
    },
    mapping: {
      fields: [
        {
          path: 'Data',
          required: true,
          auto: true,
          description: 'Base64 of the event’s full-envelope row (JSON).',
        },
        {
          path: 'PartitionKey',
          required: true,
          auto: true,
          description: 'The user id, else the anonymous id, else the event id.',
        },
      ],
      defaults: ROW_MAPPING.defaults,
    },
  },
  {
    hooks: {
      item: (row, event) => ({ Data: blobOf(row, false), PartitionKey: partitionKeyOf(event) }),
      classify: awsJsonClassify('Records'),
    },
    extraCheck: blobCheck('Data'),
  },
);
