/**
 * Amazon Redshift through S3 and COPY, declared only. Each batch is two requests in order (the
 * Delivery Spec's `then` step, docs/warehouses.md):
 * 1. S3 PutObject of the batch as a gzip NDJSON object (../s3/objects.ts: idempotent name);
 * 2. after a 2xx, the Redshift Data API's `ExecuteStatement` (`POST https://redshift-data.<region>.amazonaws.com/`,
 *    AWS JSON 1.1, `X-Amz-Target: RedshiftData.ExecuteStatement`, SigV4 service `redshift-data`)
 *    running `COPY <table> FROM 's3://<bucket>/<key>' IAM_ROLE '<role>' FORMAT AS JSON 'auto ignorecase' GZIP`,
 *    on a provisioned cluster (`ClusterIdentifier`, with `DbUser` or `SecretArn`) or a serverless
 *    workgroup (`WorkgroupName`), with the batch id as `ClientToken` so a retried statement is not run twice.
 * Facts: AWS's Redshift Data API reference (ExecuteStatement parameters, JSON 1.1 target) and COPY
 * reference; docs/vendors/more-vendors-and-catalog.md §15 and §18 (evidence R). The Data API runs the
 * statement asynchronously: a 200 means it was accepted; a COPY that then fails shows in
 * `SYS_LOAD_ERROR_DETAIL` / `DescribeStatement`, not here (docs/warehouses.md).
 */
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
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

const IDENT = '[A-Za-z_][A-Za-z0-9_$]*';

const redshiftHooks: SpecHooks = {
  ...objectHooks,
  settings: (params) => {
    const cluster =
      typeof params.cluster_identifier === 'string' && params.cluster_identifier !== '';
    const workgroup = typeof params.workgroup_name === 'string' && params.workgroup_name !== '';
    if (cluster === workgroup)
      throw new DataflyError(
        'config_error',
        'set either cluster_identifier (provisioned) or workgroup_name (serverless)',
        { field: 'parameters.cluster_identifier' },
      );
  },
};

/** What the registry holds for Amazon Redshift. */
export const redshift = declareVendor(
  {
    id: 'redshift',
    name: 'Amazon Redshift',
    category: 'cloud_storage',
    description:
      'Every event as a row in a Redshift table: batches staged as files in S3, then loaded with COPY.',
    api: 'S3 PutObject + Redshift Data API ExecuteStatement (COPY)',
    docs: 'https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html',
    status: 'beta',
    unverified: [
      "COPY FORMAT AS JSON 'auto ignorecase' loading the row’s nested properties/traits/context into SUPER columns",
      'ClientToken making a retried ExecuteStatement run once (the idempotency window is not documented here)',
    ],
    keywords: ['aws', 'redshift', 'warehouse', 'copy', 'data api', 'sql', 'serverless'],
    logo: { pack: 'logos', name: 'aws-redshift' },
    test_settings: {
      bucket: 'datafly-stage-test',
      region: 'us-east-1',
      ...TEST_KEYS,
      workgroup_name: 'analytics',
      database: 'dev',
      table: 'public.events',
      iam_role_arn: 'arn:aws:iam::123456789012:role/RedshiftCopy',
    },
    settings: [
      {
        ...BUCKET_SETTING,
        label: 'Staging bucket',
        help: 'The S3 bucket batches are staged in before COPY (same region as the cluster).',
      },
      {
        key: 'region',
        label: 'Region',
        type: 'string',
        default: 'us-east-1',
        pattern: {
          regex: '^[a-z]{2}(-gov)?-[a-z]+-\\d$',
          message: 'an AWS region such as us-east-1',
        },
        help: 'The region of the bucket and the cluster or workgroup.',
      },
      {
        ...KEY_SETTINGS[0]!,
        help:
          'An access key allowed s3:PutObject on the staging prefix and ' +
          'redshift-data:ExecuteStatement (plus redshift:GetClusterCredentials or ' +
          'redshift-serverless:GetCredentials).',
      },
      KEY_SETTINGS[1]!,
      {
        key: 'session_token',
        label: 'Session token',
        type: 'secret',
        required: false,
        help: 'For temporary (STS) credentials only.',
      },
      PREFIX_SETTING,
      {
        key: 'cluster_identifier',
        label: 'Cluster identifier',
        type: 'string',
        required: false,
        help: 'A provisioned cluster (leave empty for serverless).',
      },
      {
        key: 'workgroup_name',
        label: 'Serverless workgroup',
        type: 'string',
        required: false,
        help: 'A Redshift Serverless workgroup (leave empty for a cluster).',
      },
      {
        key: 'database',
        label: 'Database',
        type: 'string',
        help: 'The database holding the table.',
      },
      {
        key: 'db_user',
        label: 'Database user',
        type: 'string',
        required: false,
        help: 'Cluster only: the database user for temporary credentials (or use a secret ARN).',
      },
      {
        key: 'secret_arn',
        label: 'Secrets Manager ARN',
        type: 'string',
        required: false,
        help: 'Instead of a database user: a secret with the user name and password.',
      },
      {
        key: 'table',
        label: 'Table',
        type: 'string',
        pattern: {
          regex: `^${IDENT}(\\.${IDENT})?$`,
          message: 'table or schema.table (letters, digits, _ and $)',
        },
        help: 'The table the rows are copied into (columns named as the row’s fields; see docs/warehouses.md).',
      },
      {
        key: 'iam_role_arn',
        label: 'COPY IAM role ARN',
        type: 'string',
        pattern: {
          regex: '^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+$',
          message: 'an IAM role ARN',
        },
        help: 'The role Redshift assumes to read the staged files (s3:GetObject on the prefix), attached to the cluster or namespace.',
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
          base_url: 'https://redshift-data.us-east-1.amazonaws.com',
          base_url_template: 'https://redshift-data.{{settings.region}}.amazonaws.com',
          path: '/',
        },
        method: 'POST',
        auth: {
          kind: 'aws_sigv4',
          access_key_id: '{{settings.access_key_id}}',
          secret_access_key: '{{settings.secret_access_key}}',
          session_token: '{{settings.session_token}}',
          region: '{{settings.region}}',
          service: 'redshift-data',
        },
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'RedshiftData.ExecuteStatement',
        },
        body: {
          Sql:
            'COPY {{settings.table}}' +
            ` FROM 's3://{{settings.bucket}}/{{settings.key_prefix}}/${OBJECT_NAME}'` +
            " IAM_ROLE '{{settings.iam_role_arn}}'" +
            " FORMAT AS JSON 'auto ignorecase' GZIP TIMEFORMAT 'auto'",
          Database: '{{settings.database}}',
          ClusterIdentifier: '{{settings.cluster_identifier}}',
          WorkgroupName: '{{settings.workgroup_name}}',
          DbUser: '{{settings.db_user}}',
          SecretArn: '{{settings.secret_arn}}',
          StatementName: 'datafly-{{batch.id}}',
          ClientToken: '{{batch.id}}',
        },
        // {"__type":"ValidationException","message":"…"}; 400 ValidationException / ActiveStatementsExceededException.
        answer: {
          error_message: ['message', 'Message'],
          reason: ['Redshift {{body.__type}}: {{body.message}}', 'HTTP {{status}}: {{text}}'],
        },
      },
    },
    mapping: ROW_MAPPING,
  },
  { hooks: redshiftHooks },
);
