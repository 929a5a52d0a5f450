/**
 * Snowflake through Snowpipe, declared only. Each batch is two requests in order (the Delivery
 * Spec's `then` step, docs/warehouses.md):
 * 1. S3 PutObject of the batch as a gzip NDJSON object into the bucket behind the pipe's external
 *    stage (../s3/objects.ts: idempotent name);
 * 2. after a 2xx, Snowpipe REST `insertFiles`: `POST https://<account>.snowflakecomputing.com/v1/data/pipes/<db.schema.pipe>/insertFiles`
 *    with `{"files":[{"path":"<path relative to the stage>"}]}`, authenticated with a key-pair JWT
 *    (RS256, `iss = ACCOUNT.USER.SHA256:<public key fingerprint>`, `sub = ACCOUNT.USER`, at most an
 *    hour; `X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`), signed with `jose`.
 * Facts: docs/vendors/more-vendors-and-catalog.md §14 (evidence V, Snowflake's Snowpipe REST and key-pair
 * authentication docs). Snowpipe is expected to skip a file path already in the pipe's load history,
 * so that a retried batch is not loaded twice (unverified, listed below).
 *
 * Why not Snowpipe Streaming (docs/vendors/more-vendors-and-catalog.md §14b): appending rows needs a channel opened first and each
 * append carries the continuation token the previous append returned, so appends on one channel
 * are strictly sequential and stateful; delivery sends independent requests in parallel from
 * several workers and retries them in any order, which that protocol cannot take without a
 * channel owner. insertFiles is stateless per request and idempotent by file name.
 */
import { declareVendor } from '../spec/declared.js';
import {
  BUCKET_SETTING,
  KEY_SETTINGS,
  OBJECT_NAME,
  objectHooks,
  objectSpec,
  PREFIX_SETTING,
  ROW_MAPPING,
  TEST_KEYS,
} from '../s3/objects.js';
import { testPrivateKey } from './test-key.js';

/** What the registry holds for Snowflake. */
export const snowflake = declareVendor(
  {
    id: 'snowflake',
    name: 'Snowflake',
    category: 'cloud_storage',
    description:
      'Every event as a row in a Snowflake table: batches staged as files in S3, then loaded by Snowpipe.',
    api: 'S3 PutObject + Snowpipe REST insertFiles (key-pair JWT)',
    docs: 'https://docs.snowflake.com/en/user-guide/data-load-snowpipe-rest-apis',
    status: 'ga',
    unverified: [
      'Snowpipe skipping a file path already in the pipe’s load history, so that a retried ' +
        'insertFiles does not load a batch twice ' +
        '(docs/vendors/more-vendors-and-catalog.md §14 marks it unverified)',
    ],
    keywords: ['snowflake', 'snowpipe', 'warehouse', 'key-pair', 'jwt', 'sql', 'data cloud'],
    logo: { pack: 'logos', name: 'snowflake-icon' },
    test_settings: {
      account: 'acme-analytics',
      user: 'DATAFLY_LOADER',
      pipe: 'ANALYTICS.RAW.EVENTS_PIPE',
      bucket: 'datafly-stage-test',
      region: 'us-east-1',
      ...TEST_KEYS,
      // A key made on first use (./test-key.ts): the double verifies the JWT with its public half.
      get private_key(): string {
        return testPrivateKey();
      },
    },
    settings: [
      {
        key: 'account',
        label: 'Account identifier',
        type: 'string',
        pattern: {
          regex: '^[A-Za-z0-9_]+-[A-Za-z0-9_]+$',
          message:
            'orgname-accountname (Snowsight → account → “Copy account identifier”, with a hyphen)',
        },
        help: 'Your account identifier as orgname-accountname; the API host is <identifier>.snowflakecomputing.com.',
      },
      {
        key: 'user',
        label: 'User',
        type: 'string',
        help: 'The Snowflake user whose RSA_PUBLIC_KEY is the key below’s public half.',
      },
      {
        key: 'private_key',
        label: 'Private key (PEM)',
        type: 'secret',
        help: 'The user’s unencrypted PKCS#8 RSA private key (-----BEGIN PRIVATE KEY-----).',
      },
      {
        key: 'pipe',
        label: 'Pipe',
        type: 'string',
        pattern: { regex: '^[^./\\s]+\\.[^./\\s]+\\.[^./\\s]+$', message: 'DATABASE.SCHEMA.PIPE' },
        help: 'The fully qualified pipe (case-sensitive), whose COPY reads the stage below.',
      },
      {
        ...BUCKET_SETTING,
        label: 'Stage bucket',
        help: 'The S3 bucket of the pipe’s external stage.',
      },
      {
        key: 'region',
        label: 'Bucket region',
        type: 'string',
        default: 'us-east-1',
        help: 'The stage bucket’s AWS region.',
      },
      {
        ...KEY_SETTINGS[0]!,
        help: 'An AWS access key allowed s3:PutObject under the stage’s prefix.',
      },
      KEY_SETTINGS[1]!,
      {
        ...PREFIX_SETTING,
        label: 'Stage prefix',
        help: 'The stage URL’s path: the stage is s3://<bucket>/<prefix>/; files are named dt=…/hour=…/<batch id>.ndjson.gz under it.',
      },
    ],
    spec: {
      ...objectSpec({
        base_url: 'https://s3.amazonaws.com',
        base_url_template: 'https://{{settings.bucket}}.s3.{{settings.region}}.amazonaws.com',
        region: '{{settings.region}}',
        testPrefix: false,
      }),
      then: {
        endpoint: {
          base_url: 'https://account.snowflakecomputing.com',
          base_url_template: 'https://{{settings.account}}.snowflakecomputing.com',
          path: '/v1/data/pipes/{{settings.pipe}}/insertFiles',
        },
        method: 'POST',
        auth: {
          kind: 'keypair_jwt',
          private_key: '{{settings.private_key}}',
          issuer:
            '{{settings.account | uppercase}}.{{settings.user | uppercase}}.{{settings.public_key_fingerprint}}',
          subject: '{{settings.account | uppercase}}.{{settings.user | uppercase}}',
          headers: { 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT' },
        },
        body: { files: [{ path: OBJECT_NAME }] },
        // 200 {"requestId":"…","responseCode":"SUCCESS"}; errors {"code":"…","message":"…"}.
        answer: {
          error_message: ['message'],
          reason: ['Snowflake {{body.code}}: {{body.message}}', 'HTTP {{status}}: {{text}}'],
        },
      },
    },
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
