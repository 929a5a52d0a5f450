/**
 * Amazon EventBridge, declared only: `PutEvents` (AWS JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`, SigV4 service `events`) with `{ Entries: [{ Source, DetailType, Detail,
 * EventBusName, Time }] }`, `Detail` the JSON text of the event's full-envelope row, at most 10
 * entries and 256 KB per request; `Entries` lists each entry's result in order (`EventId`, or
 * `ErrorCode`, throttling and internal failures retried). Facts: AWS's EventBridge API reference;
 * docs/vendors/more-vendors-and-catalog.md §18 (evidence R, S). Shared AWS JSON handling:
 * ../kinesis/aws-json.ts.
 */
import { declareVendor } from '../spec/declared.js';
import { ROW_FIELDS, ROW_MAPPING, TEST_KEYS } from '../s3/objects.js';
import { AWS_SETTINGS, awsJsonClassify, awsJsonSpec, blobCheck } from '../kinesis/aws-json.js';

/** What the registry holds for Amazon EventBridge. */
export const eventbridge = declareVendor(
  {
    id: 'eventbridge',
    name: 'Amazon EventBridge',
    category: 'cloud_storage',
    description:
      'Every event onto your EventBridge bus, its detail the full event, for rules to route to Lambda, SQS, Step Functions and more.',
    api: 'EventBridge PutEvents (AWS JSON 1.1, SigV4)',
    docs: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html',
    status: 'ga',
    keywords: ['aws', 'eventbridge', 'event bus', 'lambda', 'serverless', 'routing'],
    logo: { pack: 'logos', name: 'aws-eventbridge' },
    test_settings: { region: 'us-east-1', ...TEST_KEYS },
    settings: [
      ...AWS_SETTINGS,
      {
        key: 'event_bus_name',
        label: 'Event bus',
        type: 'string',
        required: false,
        default: 'default',
        help: 'The bus name or ARN (events:PutEvents on it).',
      },
      {
        key: 'source',
        label: 'Source',
        type: 'string',
        required: false,
        default: 'datafly.signal',
        pattern: {
          regex: '^(?!aws\\.)[A-Za-z0-9._/-]{1,256}$',
          message: 'letters, digits and . _ / -, not starting with aws.',
        },
        help: 'The entries’ Source, which your rules match on.',
      },
    ],
    spec: {
      ...awsJsonSpec({
        service: 'events',
        target: 'AWSEvents.PutEvents',
        wrapper: { Entries: '{{items}}' },
        resultsPath: 'Entries',
        maxEvents: 10,
        maxBytes: 256_000,
      }),
      item: { fields: ROW_FIELDS },
    },
    mapping: {
      fields: [
        { path: 'Source', required: true, auto: true, description: 'The source setting.' },
        {
          path: 'DetailType',
          required: true,
          auto: true,
          description: 'The event’s name after mapping.',
        },
        {
          path: 'Detail',
          required: true,
          auto: true,
          description: 'The event’s full-envelope row as JSON text.',
        },
        {
          path: 'Time',
          required: false,
          auto: true,
          description: 'When the event happened (epoch seconds).',
        },
      ],
      defaults: ROW_MAPPING.defaults,
    },
  },
  {
    hooks: {
      item: (row, event, params) => ({
        Source: params.source,
        DetailType: row.event_name,
        Detail: JSON.stringify(row),
        EventBusName: params.event_bus_name,
        // AWS JSON 1.1 timestamps are epoch seconds.
        Time: Math.floor(Date.parse(event.timestamp) / 1000),
      }),
      classify: awsJsonClassify('Entries'),
    },
    extraCheck: blobCheck('Detail', (v) => v),
  },
);
