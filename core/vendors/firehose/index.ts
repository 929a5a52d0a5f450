/**
 * Amazon Data Firehose, declared only: `PutRecordBatch` (AWS JSON 1.1, `X-Amz-Target:
 * Firehose_20150804.PutRecordBatch`, SigV4 service `firehose`) with `{ DeliveryStreamName, Records: [{ Data }] }`,
 * `Data` the base64 of the event's full-envelope row plus a newline (so a stream delivering to
 * S3 writes NDJSON), at most 500 records and 4 MiB per request; `RequestResponses` lists each
 * record's result in order (`RecordId`, or `ErrorCode`, throttling and internal ones retried).
 * Facts: AWS's Firehose API reference; docs/vendors/more-vendors-and-catalog.md §18 (evidence R).
 * Shared AWS JSON handling: ../kinesis/aws-json.ts.
 */
import { declareVendor } from '../spec/declared.js';
import { ROW_FIELDS, ROW_MAPPING, TEST_KEYS } from '../s3/objects.js';
import {
  AWS_SETTINGS,
  awsJsonClassify,
  awsJsonSpec,
  blobCheck,
  blobOf,
} from '../kinesis/aws-json.js';

/** What the registry holds for Amazon Data Firehose. */
export const firehose = declareVendor(
  {
    id: 'firehose',
    name: 'Amazon Data Firehose',
    category: 'cloud_storage',
    description:
      'Every event as a JSON line into your Firehose stream, which delivers them to S3, Redshift, OpenSearch or Iceberg.',
    api: 'Firehose PutRecordBatch (AWS JSON 1.1, SigV4)',
    docs: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html',
    status: 'ga',
    keywords: ['aws', 'firehose', 'kinesis firehose', 'stream', 'delivery stream', 's3', 'iceberg'],
    logo: { pack: 'logos', name: 'aws-kinesis' },
    test_settings: {
      region: 'us-east-1',
      delivery_stream_name: 'datafly-events-test',
      ...TEST_KEYS,
    },
    settings: [
      ...AWS_SETTINGS,
      {
        key: 'delivery_stream_name',
        label: 'Firehose stream name',
        type: 'string',
        pattern: {
          regex: '^[a-zA-Z0-9_.-]{1,64}$',
          message: 'a stream name (letters, digits, _ . -)',
        },
        help: 'The Firehose stream (firehose:PutRecordBatch on it).',
      },
    ],
    spec: {
      ...awsJsonSpec({
        service: 'firehose',
        target: 'Firehose_20150804.PutRecordBatch',
        wrapper: { DeliveryStreamName: '{{settings.delivery_stream_name}}', Records: '{{items}}' },
        resultsPath: 'RequestResponses',
        maxEvents: 500,
        maxBytes: 4_000_000,
      }),
      item: { fields: ROW_FIELDS },
    },
    mapping: {
      fields: [
        {
          path: 'Data',
          required: true,
          auto: true,
          description: 'Base64 of the event’s full-envelope row (JSON) and a newline.',
        },
      ],
      defaults: ROW_MAPPING.defaults,
    },
  },
  {
    hooks: {
      item: (row) => ({ Data: blobOf(row, true) }),
      classify: awsJsonClassify('RequestResponses'),
    },
    extraCheck: blobCheck('Data'),
  },
);
