/** Snowflake golden cases as data (S3 stage, then Snowpipe insertFiles: ./index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';

const SETTINGS = {
  account: 'acme-analytics',
  user: 'loader',
  private_key: 'not parsed while formatting: the JWT is made by authorize',
  pipe: 'ANALYTICS.RAW.EVENTS_PIPE',
  bucket: 'acme-stage',
  region: 'us-west-2',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
  key_prefix: 'snowpipe/events',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is staged as a gzip NDJSON object under the stage prefix of the pipe’s bucket',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: 'https://acme-stage.s3.us-west-2.amazonaws.com/snowpipe/events/dt=2026-01-01/hour=12/c7060b4c669a474bb9636afb21d725be.ndjson.gz',
          headers: { 'content-encoding': 'gzip', 'content-type': 'application/x-ndjson' },
          event_ids: ['ORD-1001'],
          body: expectedRow(fullPurchase(), 'purchase'),
        },
      ],
    },
  },
  {
    name: 'An account identifier that is a locator with a region is refused: the orgname-accountname form is needed',
    settings: { ...SETTINGS, account: 'xy12345.us-east-2.aws' },
    input: [makeEvent()],
    expected: { error: { code: 'config_error', field: 'parameters.account' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 403 InvalidAccessKeyId from the stage bucket fails the events as a credentials problem',
    request: { event_ids: ['a'] },
    response: {
      status: 403,
      body: '<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>',
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
